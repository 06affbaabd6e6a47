package io.pitwall.server.inventory.internal;

import io.pitwall.server.inventory.ImportLine;
import io.pitwall.server.inventory.ImportSource;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Reads and parses an import on its own thread while the caller writes the previous chunk, so request
 * parsing and database work overlap on a two-core machine. At most {@code CAPACITY} batches are held
 * ahead, which keeps memory bounded. {@link #close()} returns only once the reading thread has stopped,
 * so nothing touches the request after its handler returned.
 */
public final class ReadAhead implements ImportSource, AutoCloseable {

    private static final int BATCH = 250;
    private static final int CAPACITY = 8;
    private static final Object END = new Object();

    private final ImportSource source;
    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final Thread reader;
    private volatile boolean closed;
    private List<ImportLine> batch = List.of();
    private int index;
    private boolean ended;

    private ReadAhead(ImportSource source) {
        this.source = source;
        this.reader = new Thread(this::read, "vehicle-import-reader");
        this.reader.setDaemon(true);
    }

    public static ReadAhead start(ImportSource source) {
        var ahead = new ReadAhead(source);
        ahead.reader.start();
        return ahead;
    }

    @Override
    public String format() {
        return source.format();
    }

    @Override
    public ImportLine next() throws IOException {
        while (index == batch.size()) {
            if (ended) {
                return null;
            }
            Object item = take();
            if (item == END) {
                ended = true;
                return null;
            }
            if (item instanceof IOException e) {
                throw e;
            }
            if (item instanceof RuntimeException e) {
                throw e;
            }
            if (item instanceof Error e) {
                throw e;
            }
            @SuppressWarnings("unchecked")
            var lines = (List<ImportLine>) item;
            batch = lines;
            index = 0;
        }
        return batch.get(index++);
    }

    @Override
    public void close() {
        closed = true;
        queue.clear();
        try {
            reader.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void read() {
        List<ImportLine> lines = new ArrayList<>(BATCH);
        try {
            for (ImportLine line = source.next(); line != null && !closed; line = source.next()) {
                lines.add(line);
                if (lines.size() == BATCH) {
                    put(lines);
                    lines = new ArrayList<>(BATCH);
                }
            }
            putPending(lines);
            put(END);
        } catch (IOException | RuntimeException | Error e) {
            // the lines read before the failure still count
            putPending(lines);
            put(e);
        }
    }

    private void putPending(List<ImportLine> lines) {
        if (!lines.isEmpty()) {
            put(lines);
        }
    }

    private void put(Object item) {
        try {
            while (!closed && !queue.offer(item, 100, TimeUnit.MILLISECONDS)) {
                // the writer is busy; wait for room or for close()
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Object take() throws InterruptedIOException {
        try {
            return queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the import reader");
        }
    }
}

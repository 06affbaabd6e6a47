package io.pitwall.server.shared;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's name as a lease holder, kept across restarts: {@code pitwall.node-id} when configured, else the
 * name stored in {@code <data-dir>/node-id} (created on first start). The file stays locked while the server
 * runs, so a second process on the same data directory cannot take the same name (two live holders of one
 * name would both think they hold a lease); it gets a name of its own for this run instead.
 */
public final class NodeIdentity implements AutoCloseable {

    static final String FILE = "node-id";
    private static final Logger log = LoggerFactory.getLogger(NodeIdentity.class);
    private final String name;
    private final boolean durable;
    private final FileChannel lockedFile;

    private NodeIdentity(String name, boolean durable, FileChannel lockedFile) {
        this.name = name;
        this.durable = durable;
        this.lockedFile = lockedFile;
    }

    /** The configured name, else the data directory's, else one for this run only. */
    public static NodeIdentity of(NodeSettings settings) {
        if (settings.configured()) {
            return new NodeIdentity(settings.nodeId(), true, null);
        }
        return fromDataDir(settings.dataDir());
    }

    /** A name that is not kept: it dies with the process. */
    public static NodeIdentity ephemeral() {
        String runtime = ManagementFactory.getRuntimeMXBean().getName();
        String name = runtime.length() > 90 ? runtime.substring(0, 90) : runtime;
        return new NodeIdentity(name + "/" + UUID.randomUUID().toString().substring(0, 8), false, null);
    }

    static NodeIdentity fromDataDir(Path dataDir) {
        Path file = dataDir.resolve(FILE);
        FileChannel channel = null;
        try {
            Files.createDirectories(dataDir);
            channel = FileChannel.open(
                    file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock = tryLock(channel);
            if (lock == null) {
                channel.close();
                NodeIdentity own = ephemeral();
                log.info(
                        "Another server process uses {}; this one holds leases as {} for this run only (set "
                                + "pitwall.node-id to keep a name across restarts)",
                        file,
                        own.name());
                return own;
            }
            String stored = read(channel);
            if (stored.isEmpty() || !valid(stored)) {
                stored = generated();
                write(channel, stored);
            }
            return new NodeIdentity(stored, true, channel);
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            NodeIdentity own = ephemeral();
            log.warn(
                    "Cannot keep this node's name in {} ({}); it holds leases as {} for this run only",
                    file,
                    e.toString(),
                    own.name());
            return own;
        }
    }

    /** The holder name. */
    public String name() {
        return name;
    }

    /** Whether the name survives a restart of this node (configured or kept in the data directory). */
    public boolean durable() {
        return durable;
    }

    /** Unlocks the data directory's name for the next process. */
    @Override
    public void close() {
        closeQuietly(lockedFile);
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException heldInThisJvm) {
            return null;
        }
    }

    private static String read(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(256);
        channel.position(0);
        while (buffer.hasRemaining() && channel.read(buffer) > 0) {
            // read up to the buffer's size; a longer file is not a valid name anyway
        }
        return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8).strip();
    }

    private static void write(FileChannel channel, String name) throws IOException {
        channel.truncate(0);
        channel.position(0);
        ByteBuffer bytes = ByteBuffer.wrap((name + "\n").getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
        channel.force(true);
    }

    private static boolean valid(String name) {
        try {
            return new NodeSettings(name, Path.of(".")).configured();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String generated() {
        String runtime = ManagementFactory.getRuntimeMXBean().getName();
        String host = runtime.contains("@") ? runtime.substring(runtime.indexOf('@') + 1) : "node";
        host = host.replaceAll("[^A-Za-z0-9.-]", "-");
        if (host.isEmpty() || !Character.isLetterOrDigit(host.charAt(0))) {
            host = "node" + host;
        }
        if (host.length() > 60) {
            host = host.substring(0, 60);
        }
        byte[] random = new byte[4];
        new java.security.SecureRandom().nextBytes(random);
        return host + "-" + HexFormat.of().formatHex(random);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            log.debug("Closing the node-id file failed", e);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}

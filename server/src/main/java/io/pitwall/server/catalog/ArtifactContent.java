package io.pitwall.server.catalog;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;

/**
 * Stored content opened for reading.
 *
 * @param stream the bytes from {@code offset} to the end
 * @param length the artifact's whole length
 * @param offset where {@code stream} starts
 */
public record ArtifactContent(InputStream stream, long length, long offset) implements Closeable {

    /** How many bytes {@link #stream()} yields. */
    public long remaining() {
        return length - offset;
    }

    @Override
    public void close() throws IOException {
        stream.close();
    }
}

package io.pitwall.agent;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;

/**
 * The bytes of an artifact from {@code offset} on. {@code totalLength} is the full artifact's length as
 * the server states it ({@code Content-Range} total or {@code Content-Length}), -1 when unstated. The
 * agent never trusts it beyond refusing a mismatch: it reads at most the signed length.
 */
public final class ArtifactBody implements Closeable {

    private final long offset;
    private final long totalLength;
    private final InputStream body;

    public ArtifactBody(long offset, long totalLength, InputStream body) {
        this.offset = offset;
        this.totalLength = totalLength;
        this.body = body;
    }

    public long offset() {
        return offset;
    }

    public long totalLength() {
        return totalLength;
    }

    public InputStream body() {
        return body;
    }

    @Override
    public void close() throws IOException {
        body.close();
    }
}

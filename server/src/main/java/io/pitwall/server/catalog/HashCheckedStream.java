package io.pitwall.server.catalog;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Stored content read whole, checked against its recorded length and SHA-256 on the way: the last byte is
 * handed out only after the digest matched, so content altered at rest never reaches a client complete.
 */
public final class HashCheckedStream extends FilterInputStream {

    /** The stored content is not what was recorded (altered, truncated or grown on disk). */
    public static final class Mismatch extends IOException {
        Mismatch(String message) {
            super(message);
        }
    }

    private final long length;
    private final String sha256;
    private final MessageDigest digest;
    private long position;

    public HashCheckedStream(InputStream in, long length, String sha256) {
        super(in);
        this.length = length;
        this.sha256 = sha256;
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public int read(byte[] buffer, int offset, int count) throws IOException {
        if (count == 0) {
            return 0;
        }
        if (position >= length) {
            if (in.read() >= 0) {
                throw new Mismatch("the stored content is longer than the recorded " + length + " bytes");
            }
            return -1;
        }
        // Up to the last byte freely; the last byte alone, so the check precedes handing it out.
        long allowed = position < length - 1 ? length - 1 - position : 1;
        int n = in.read(buffer, offset, (int) Math.min(count, allowed));
        if (n < 0) {
            throw new Mismatch("the stored content ends after " + position + " of " + length + " bytes");
        }
        digest.update(buffer, offset, n);
        position += n;
        if (position == length
                && (in.read() >= 0 || !HexFormat.of().formatHex(digest.digest()).equals(sha256))) {
            throw new Mismatch("the stored content does not match its recorded SHA-256 " + sha256);
        }
        return n;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public long skip(long n) throws IOException {
        throw new IOException("a hash-checked stream is read whole");
    }

    @Override
    public boolean markSupported() {
        return false;
    }
}

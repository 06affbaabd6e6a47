package io.pitwall.server.catalog.internal;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256, SHA-512 and length of content, computed in one pass as it streams by. */
public final class ContentDigests {

    private final MessageDigest sha256 = digest("SHA-256");
    private final MessageDigest sha512 = digest("SHA-512");
    private long length;
    private String sha256Hex;
    private String sha512Hex;

    /** Digests a whole stream in 64 KiB chunks. */
    public static ContentDigests of(InputStream in) throws IOException {
        var digests = new ContentDigests();
        byte[] buffer = new byte[64 * 1024];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            digests.update(buffer, n);
        }
        return digests;
    }

    public void update(byte[] buffer, int n) {
        if (sha256Hex != null) {
            throw new IllegalStateException("digests already finished");
        }
        sha256.update(buffer, 0, n);
        sha512.update(buffer, 0, n);
        length += n;
    }

    public long length() {
        return length;
    }

    /** The hex SHA-256; finishes the digests (no more updates). */
    public String sha256() {
        finish();
        return sha256Hex;
    }

    /** The hex SHA-512; finishes the digests (no more updates). */
    public String sha512() {
        finish();
        return sha512Hex;
    }

    private void finish() {
        if (sha256Hex == null) {
            sha256Hex = HexFormat.of().formatHex(sha256.digest());
            sha512Hex = HexFormat.of().formatHex(sha512.digest());
        }
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package io.pitwall.agent;

import io.pitwall.protocol.device.EcuTarget;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Moves one image into the staging area a bounded chunk at a time, resuming from what is staged. It
 * never reads past the signed length, refuses a server that offers or sends more, and verifies length
 * and hashes once the last byte is in. Network trouble is thrown as IOException (retry later); a refusal
 * is returned (do not retry) and leaves nothing staged.
 */
final class Downloader {

    /** What one step achieved. */
    sealed interface Step permits Advanced, Verified, Refused {}

    record Advanced(long staged, long length) implements Step {}

    record Verified() implements Step {}

    record Refused(Refusal refusal) implements Step {}

    private final Transport transport;
    private final StagingArea staging;
    private final long chunkBytes;

    Downloader(Transport transport, StagingArea staging, long chunkBytes) {
        this.transport = transport;
        this.staging = staging;
        this.chunkBytes = chunkBytes;
    }

    Step step(EcuTarget target) throws IOException {
        String sha = target.hashes().sha256();
        long length = target.length();
        long staged = staging.size(sha);
        if (staged > length) {
            staging.delete(sha);
            staged = 0;
        }
        if (staged < length) {
            try {
                Step step = fetch(target, staged);
                if (step != null) {
                    return step;
                }
            } catch (TransportException e) {
                if (e.isGone()) {
                    return refuse(sha, FailureCode.ARTIFACT_NOT_FOUND, e.getMessage());
                }
                if (e.status() == 416) {
                    staging.delete(sha);
                }
                throw e;
            }
            staged = staging.size(sha);
        }
        return staged == length ? verify(target) : new Advanced(staged, length);
    }

    /** Fetches the next chunk; returns a refusal, or null when bytes were staged. */
    private Step fetch(EcuTarget target, long staged) throws IOException {
        String sha = target.hashes().sha256();
        long length = target.length();
        if (staged == 0) {
            ArtifactHead head = transport.head(target.downloadUrl());
            if (head.length() >= 0 && head.length() != length) {
                return refuse(
                        sha, FailureCode.LENGTH_MISMATCH, "server has " + head.length() + " bytes, signed " + length);
            }
        }
        try (ArtifactBody body = transport.download(target.downloadUrl(), staged)) {
            long from = staged;
            if (body.offset() != from) {
                if (body.offset() != 0) {
                    throw new IOException("asked for byte " + from + ", got a range from " + body.offset());
                }
                staging.delete(sha);
                from = 0;
            }
            if (body.totalLength() >= 0 && body.totalLength() != length) {
                return refuse(
                        sha,
                        FailureCode.LENGTH_MISMATCH,
                        "server offers " + body.totalLength() + " bytes, signed " + length);
            }
            long want = Math.min(length - from, chunkBytes);
            long copied;
            try (OutputStream out = staging.append(sha)) {
                copied = copy(body.body(), out, want);
            }
            if (from + copied == length && body.body().read() != -1) {
                return refuse(
                        sha, FailureCode.LENGTH_MISMATCH, "server sent more than the signed " + length + " bytes");
            }
            if (copied < want) {
                throw new IOException("connection ended at byte " + (from + copied) + " of " + length);
            }
        }
        return null;
    }

    private Step verify(EcuTarget target) throws IOException {
        String sha = target.hashes().sha256();
        MessageDigest sha256 = digest("SHA-256");
        MessageDigest sha512 = target.hashes().sha512() == null ? null : digest("SHA-512");
        try (InputStream in = staging.open(sha)) {
            byte[] buffer = new byte[64 * 1024];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                sha256.update(buffer, 0, n);
                if (sha512 != null) {
                    sha512.update(buffer, 0, n);
                }
            }
        }
        if (!HexFormat.of().formatHex(sha256.digest()).equals(sha)) {
            return refuse(sha, FailureCode.HASH_MISMATCH, "downloaded bytes do not hash to the signed sha256");
        }
        if (sha512 != null
                && !HexFormat.of()
                        .formatHex(sha512.digest())
                        .equals(target.hashes().sha512())) {
            return refuse(sha, FailureCode.HASH_MISMATCH, "downloaded bytes do not hash to the signed sha512");
        }
        return new Verified();
    }

    private Step refuse(String sha, FailureCode code, String detail) throws IOException {
        staging.delete(sha);
        return new Refused(new Refusal(code, detail));
    }

    private static long copy(InputStream in, OutputStream out, long max) throws IOException {
        byte[] buffer = new byte[(int) Math.min(64 * 1024, Math.max(1, max))];
        long copied = 0;
        while (copied < max) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, max - copied));
            if (n < 0) {
                break;
            }
            out.write(buffer, 0, n);
            copied += n;
        }
        return copied;
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

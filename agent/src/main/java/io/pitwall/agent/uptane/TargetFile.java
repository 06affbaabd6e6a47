package io.pitwall.agent.uptane;

import io.pitwall.agent.uptane.UptaneRejected.Reason;
import io.pitwall.protocol.tuf.RoleMetadata;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/**
 * A target as trusted metadata lists it: path, exact length, hashes, the {@code custom} object (a missing node
 * when absent) and the role that listed it.
 */
public record TargetFile(String path, long length, Map<String, String> hashes, JsonNode custom, String role) {

    public TargetFile {
        hashes = Map.copyOf(hashes);
        custom = custom == null ? MissingNode.getInstance() : custom;
    }

    static TargetFile of(String path, JsonNode entry, String role) {
        JsonNode length = entry.path("length");
        JsonNode hashes = entry.path("hashes");
        if (!length.isIntegralNumber() || length.longValue() < 0 || !hashes.isObject() || hashes.isEmpty()) {
            throw new UptaneRejected(Reason.MALFORMED, "target " + path + " needs a length and hashes");
        }
        Map<String, String> map = new LinkedHashMap<>();
        hashes.properties().forEach(e -> map.put(e.getKey(), e.getValue().asString("")));
        return new TargetFile(path, length.longValue(), map, entry.path("custom"), role);
    }

    /** Reads at most {@code length + 1} bytes; refuses a stream of another length or with another hash. */
    public byte[] verify(InputStream in) {
        try {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, length + 1));
            return verify(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Checks length and every listed hash of a downloaded image; returns the bytes when they match. */
    public byte[] verify(byte[] bytes) {
        if (bytes.length > length) {
            throw new UptaneRejected(Reason.TOO_LARGE, path + " is longer than its signed length " + length);
        }
        if (bytes.length != length) {
            throw new UptaneRejected(
                    Reason.LENGTH_MISMATCH, path + " has " + bytes.length + " bytes, signed " + length);
        }
        checkHashes(path, hashes, bytes);
        return bytes;
    }

    /** Every listed hash of a supported algorithm must match, and at least one must be supported. */
    static void checkHashes(String what, Map<String, String> hashes, byte[] bytes) {
        int checked = 0;
        for (var hash : hashes.entrySet()) {
            if (!hash.getKey().equals("sha256") && !hash.getKey().equals("sha512")) {
                continue;
            }
            if (!RoleMetadata.digest(hash.getKey(), bytes).equalsIgnoreCase(hash.getValue())) {
                throw new UptaneRejected(Reason.HASH_MISMATCH, what + ": " + hash.getKey() + " does not match");
            }
            checked++;
        }
        if (checked == 0) {
            throw new UptaneRejected(Reason.HASH_MISMATCH, what + ": no sha256 or sha512 hash listed");
        }
    }
}

package io.pitwall.protocol.tuf;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds the signed parts of TUF 1.0 targets, snapshot and timestamp metadata. Snapshot and timestamp
 * name the file they vouch for with its version, length and hashes over the exact bytes served, so a
 * client cannot be given a combination that was never published together.
 */
public final class RoleMetadata {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private RoleMetadata() {}

    public static ObjectNode targets(long version, Instant expires, Map<String, TargetEntry> targets) {
        ObjectNode signed = common("targets", version, expires);
        ObjectNode list = signed.putObject("targets");
        new TreeMap<>(targets).forEach((path, entry) -> list.set(path, entry.toJson()));
        return signed;
    }

    /** Snapshot of one top-level targets file ({@code targets.json}, this repository has no delegations). */
    public static ObjectNode snapshot(long version, Instant expires, long targetsVersion, byte[] targetsBytes) {
        ObjectNode signed = common("snapshot", version, expires);
        fileMeta(signed.putObject("meta").putObject("targets.json"), targetsVersion, targetsBytes, true);
        return signed;
    }

    public static ObjectNode timestamp(long version, Instant expires, long snapshotVersion, byte[] snapshotBytes) {
        ObjectNode signed = common("timestamp", version, expires);
        fileMeta(signed.putObject("meta").putObject("snapshot.json"), snapshotVersion, snapshotBytes, false);
        return signed;
    }

    /** Lower-case hex digest, e.g. {@code sha256}, {@code sha512}. */
    public static String digest(String algorithm, byte[] bytes) {
        String jdkName = switch (algorithm) {
            case "sha256" -> "SHA-256";
            case "sha512" -> "SHA-512";
            default -> throw new IllegalArgumentException("unsupported hash " + algorithm);
        };
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(jdkName).digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode common(String type, long version, Instant expires) {
        ObjectNode signed = JSON.createObjectNode();
        signed.put("_type", type);
        signed.put("spec_version", Root.SPEC_VERSION);
        signed.put("version", version);
        signed.put("expires", TufTime.format(expires));
        return signed;
    }

    private static void fileMeta(ObjectNode meta, long version, byte[] bytes, boolean both) {
        meta.put("version", version);
        meta.put("length", bytes.length);
        ObjectNode hashes = meta.putObject("hashes");
        hashes.put("sha256", digest("sha256", bytes));
        if (both) {
            hashes.put("sha512", digest("sha512", bytes));
        }
    }
}

package io.pitwall.agent.uptane;

import io.pitwall.agent.uptane.UptaneRejected.Reason;
import io.pitwall.protocol.tuf.Envelope;
import io.pitwall.protocol.tuf.Root;
import io.pitwall.protocol.tuf.RootRejected;
import io.pitwall.protocol.tuf.TufKey;
import io.pitwall.protocol.tuf.TufTime;
import java.time.Instant;
import java.util.Map;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The checks every role's metadata goes through, each failing with its own reason. */
final class Checks {

    // Duplicate keys in an object would let two parsers see two different documents under one signature.
    static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private Checks() {}

    static Envelope parse(byte[] bytes, String what) {
        try {
            return Envelope.fromJson(JSON.readTree(bytes));
        } catch (RuntimeException e) {
            throw new UptaneRejected(Reason.MALFORMED, what + " is not a signed envelope: " + e.getMessage());
        }
    }

    /** {@code _type}, spec major version 1 and an integer version of at least 1. */
    static long typed(Envelope envelope, String type, String what) {
        JsonNode signed = envelope.signed();
        if (!type.equals(signed.path("_type").asString(""))) {
            throw new UptaneRejected(Reason.MALFORMED, what + ": _type is not \"" + type + "\"");
        }
        if (!signed.path("spec_version").asString("").startsWith("1.")) {
            throw new UptaneRejected(Reason.MALFORMED, what + ": spec_version is not 1.x");
        }
        if (!signed.path("version").isIntegralNumber() || signed.path("version").longValue() < 1) {
            throw new UptaneRejected(Reason.MALFORMED, what + ": version must be an integer of at least 1");
        }
        expires(envelope, what);
        return signed.path("version").longValue();
    }

    static Instant expires(Envelope envelope, String what) {
        try {
            return TufTime.parse(envelope.signed().path("expires").asString(""));
        } catch (IllegalArgumentException e) {
            throw new UptaneRejected(Reason.MALFORMED, what + ": " + e.getMessage());
        }
    }

    static boolean expired(Envelope envelope, Instant now) {
        return !expires(envelope, "metadata").isAfter(now);
    }

    /** A threshold of distinct keys signed; none at all is a bad signature, too few is a threshold failure. */
    static void signed(Envelope envelope, Map<String, TufKey> keys, int threshold, String what) {
        int valid;
        try {
            valid = envelope.validSignatures(keys);
        } catch (IllegalArgumentException e) {
            throw new UptaneRejected(Reason.MALFORMED, what + ": " + e.getMessage());
        }
        if (valid == 0) {
            throw new UptaneRejected(Reason.BAD_SIGNATURE, what + ": no valid signature by a key of the role");
        }
        if (valid < threshold) {
            throw new UptaneRejected(
                    Reason.THRESHOLD, what + ": signed by " + valid + " of the " + threshold + " distinct keys needed");
        }
    }

    /** Target paths and role names may not climb out of a directory or hide in odd characters. */
    static String safePath(String path) {
        if (path == null
                || path.isEmpty()
                || path.length() > 512
                || path.startsWith("/")
                || path.contains("\\")
                || path.contains("//")
                || path.endsWith("/")) {
            throw new UptaneRejected(Reason.BAD_PATH, "refused target path " + path);
        }
        for (String segment : path.split("/")) {
            if (segment.equals("..") || segment.equals(".")) {
                throw new UptaneRejected(Reason.BAD_PATH, "refused target path " + path);
            }
        }
        for (int i = 0; i < path.length(); i++) {
            if (Character.isISOControl(path.charAt(i))) {
                throw new UptaneRejected(Reason.BAD_PATH, "refused target path with a control character");
            }
        }
        return path;
    }

    static long metaVersion(Envelope envelope, String file, String what) {
        JsonNode version = envelope.signed().path("meta").path(file).path("version");
        if (!version.isIntegralNumber() || version.longValue() < 1) {
            throw new UptaneRejected(Reason.MALFORMED, what + " does not name a version of " + file);
        }
        return version.longValue();
    }

    static Root readRoot(Envelope envelope, String what) {
        try {
            return Root.fromSigned(envelope.signed());
        } catch (RootRejected e) {
            throw new UptaneRejected(
                    "root-keyid-mismatch".equals(e.code()) ? Reason.KEYID_MISMATCH : Reason.MALFORMED,
                    what + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new UptaneRejected(Reason.MALFORMED, what + ": " + e.getMessage());
        }
    }

    static void signedByRole(Envelope envelope, Root by, String role, String what) {
        Checks.signed(envelope, by.keysOf(role), by.roles().get(role).threshold(), what);
    }
}

package io.pitwall.protocol.tuf;

import java.security.PrivateKey;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A single image's targets entry signed on its own, so an agent can check an image before the full
 * Uptane repositories are in place. Signed part: {@code {"_type": "pitwall-target", "path": NAME,
 * "target": TARGET_ENTRY}}, signed over its canonical JSON.
 */
public final class SignedTarget {

    public static final String TYPE = "pitwall-target";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private SignedTarget() {}

    public static Envelope sign(String path, TargetEntry entry, TufKey key, PrivateKey privateKey) {
        ObjectNode signed = JSON.createObjectNode();
        signed.put("_type", TYPE);
        signed.put("path", path);
        signed.set("target", entry.toJson());
        return Envelope.sign(signed, key, privateKey);
    }

    /**
     * The entry, if the envelope is a pitwall-target for this path signed by one of the trusted keys.
     *
     * @throws IllegalArgumentException naming what is wrong, when it is not
     */
    public static TargetEntry verify(Envelope envelope, String expectedPath, Map<String, TufKey> trusted) {
        JsonNode signed = envelope.signed();
        if (!TYPE.equals(signed.path("_type").asString(""))) {
            throw new IllegalArgumentException("not a " + TYPE + " document");
        }
        if (!expectedPath.equals(signed.path("path").asString(""))) {
            throw new IllegalArgumentException("signed for another target path");
        }
        if (envelope.validSignatures(trusted) < 1) {
            throw new IllegalArgumentException("no valid signature by a trusted key");
        }
        return TargetEntry.fromJson(signed.get("target"));
    }
}

package io.pitwall.protocol.tuf;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.HexFormat;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A TUF public key object {@code {"keytype":"ed25519","scheme":"ed25519","keyval":{"public":HEX}}} and
 * its keyid, the hex SHA-256 of the key object's canonical JSON.
 */
public record TufKey(String publicHex) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public TufKey {
        if (publicHex == null || !publicHex.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("an ed25519 keyval is 64 lower-case hex characters");
        }
    }

    public static TufKey of(PublicKey key) {
        return new TufKey(HexFormat.of().formatHex(Ed25519.raw(key)));
    }

    /** Reads a key object; only ed25519/ed25519 keys are accepted. */
    public static TufKey fromJson(JsonNode node) {
        if (!"ed25519".equals(text(node, "keytype")) || !"ed25519".equals(text(node, "scheme"))) {
            throw new IllegalArgumentException("only ed25519 keys are supported");
        }
        return new TufKey(text(node.get("keyval"), "public"));
    }

    public ObjectNode toJson() {
        ObjectNode key = JSON.createObjectNode();
        key.put("keytype", "ed25519");
        key.put("scheme", "ed25519");
        key.putObject("keyval").put("public", publicHex);
        return key;
    }

    public String keyId() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(CanonicalJson.bytes(toJson()));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public PublicKey publicKey() {
        return Ed25519.publicKey(HexFormat.of().parseHex(publicHex));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || !value.isString()) {
            throw new IllegalArgumentException("key object lacks '" + field + "'");
        }
        return value.stringValue();
    }
}

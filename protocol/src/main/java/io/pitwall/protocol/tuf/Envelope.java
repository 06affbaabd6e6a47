package io.pitwall.protocol.tuf;

import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A TUF signed envelope {@code {"signed": …, "signatures": [{"keyid", "sig"}]}}. The signed part is kept
 * exactly as received, unknown fields included, because signatures cover its canonical form.
 */
public final class Envelope {

    /** One signature: the signing key's id and the hex Ed25519 signature over the canonical signed part. */
    public record Sig(String keyId, String sig) {}

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final JsonNode signed;
    private final List<Sig> signatures;

    private Envelope(JsonNode signed, List<Sig> signatures) {
        this.signed = signed;
        this.signatures = List.copyOf(signatures);
    }

    /** An envelope from signatures made elsewhere (e.g. inside an ECU that never hands out its key). */
    public static Envelope of(JsonNode signed, List<Sig> signatures) {
        if (signed == null || !signed.isObject()) {
            throw new IllegalArgumentException("the signed part is a JSON object");
        }
        return new Envelope(signed, signatures);
    }

    public static Envelope sign(JsonNode signed, Map<TufKey, PrivateKey> keys) {
        byte[] message = CanonicalJson.bytes(signed);
        List<Sig> sigs = new ArrayList<>();
        keys.forEach((key, privateKey) ->
                sigs.add(new Sig(key.keyId(), HexFormat.of().formatHex(Ed25519.sign(privateKey, message)))));
        return new Envelope(signed, sigs);
    }

    public static Envelope sign(JsonNode signed, TufKey key, PrivateKey privateKey) {
        return sign(signed, Map.of(key, privateKey));
    }

    /** This envelope with further signatures over the same signed part (e.g. a second root key's). */
    public Envelope withSignatures(Map<TufKey, PrivateKey> keys) {
        List<Sig> all = new ArrayList<>(signatures);
        all.addAll(sign(signed, keys).signatures());
        return new Envelope(signed, all);
    }

    /** Reads an envelope; a structurally wrong one is refused with {@link IllegalArgumentException}. */
    public static Envelope fromJson(JsonNode node) {
        if (node == null
                || !node.isObject()
                || !node.has("signed")
                || !node.get("signed").isObject()
                || !node.has("signatures")
                || !node.get("signatures").isArray()) {
            throw new IllegalArgumentException("not a signed envelope");
        }
        List<Sig> sigs = new ArrayList<>();
        for (JsonNode s : node.get("signatures")) {
            if (!s.has("keyid")
                    || !s.has("sig")
                    || !s.get("keyid").isString()
                    || !s.get("sig").isString()) {
                throw new IllegalArgumentException("a signature needs keyid and sig");
            }
            sigs.add(new Sig(s.get("keyid").stringValue(), s.get("sig").stringValue()));
        }
        return new Envelope(node.get("signed"), sigs);
    }

    public JsonNode signed() {
        return signed;
    }

    public List<Sig> signatures() {
        return signatures;
    }

    /**
     * How many distinct trusted keys validly signed this envelope. A keyid listed twice counts once, and
     * a key is only counted under the keyid its content hashes to.
     */
    public int validSignatures(Map<String, TufKey> trustedById) {
        byte[] message = CanonicalJson.bytes(signed);
        Set<String> counted = new HashSet<>();
        for (Sig sig : signatures) {
            TufKey key = trustedById.get(sig.keyId());
            if (key == null || !key.keyId().equals(sig.keyId()) || counted.contains(sig.keyId())) {
                continue;
            }
            byte[] bytes;
            try {
                bytes = HexFormat.of().parseHex(sig.sig());
            } catch (IllegalArgumentException e) {
                continue;
            }
            if (Ed25519.verify(key.publicKey(), message, bytes)) {
                counted.add(sig.keyId());
            }
        }
        return counted.size();
    }

    public ObjectNode toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.set("signed", signed);
        ArrayNode sigs = root.putArray("signatures");
        for (Sig sig : signatures) {
            sigs.addObject().put("keyid", sig.keyId()).put("sig", sig.sig());
        }
        return root;
    }
}

package io.pitwall.server.trust.internal;

import io.pitwall.protocol.tuf.CanonicalJson;
import io.pitwall.protocol.tuf.Envelope;
import io.pitwall.protocol.tuf.TufKey;
import java.security.PrivateKey;
import java.security.interfaces.EdECPrivateKey;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The server's Ed25519 signer for TUF metadata: BouncyCastle's, about ten times faster than the JDK 17 one
 * (docs/benchmarks.md), which the director repository needs for three signatures per vehicle. Keys stay the
 * JDK's {@link PrivateKey} (decrypted from the stored PKCS#8); their 32-byte seed is turned into BouncyCastle
 * parameters once per key, because that derives the public key, a scalar multiplication as dear as a
 * signature. Ed25519 is deterministic, so the signatures are byte for byte the JDK's; verifying stays JDK.
 */
final class Ed25519Signing {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** A handful of online keys; cleared rather than grown if rotations ever pile up. */
    private static final int MAX_KEYS = 64;

    private static final Map<PrivateKey, Signer> SIGNERS = new ConcurrentHashMap<>();

    private record Signer(Ed25519PrivateKeyParameters secret, Ed25519PublicKeyParameters publicKey) {}

    private Ed25519Signing() {}

    /** The 64-byte Ed25519 signature of {@code message} (RFC 8032, pure Ed25519, no context). */
    static byte[] sign(PrivateKey key, byte[] message) {
        Signer signer = signer(key);
        byte[] signature = new byte[Ed25519PrivateKeyParameters.SIGNATURE_SIZE];
        signer.secret()
                .sign(
                        org.bouncycastle.math.ec.rfc8032.Ed25519.Algorithm.Ed25519,
                        signer.publicKey(),
                        null,
                        message,
                        0,
                        message.length,
                        signature,
                        0);
        return signature;
    }

    /** What {@link Envelope#sign(JsonNode, Map)} returns, signed here: one signature per key, in map order. */
    static Envelope sign(JsonNode signed, Map<TufKey, PrivateKey> keys) {
        return withSignatures(signed, JSON.createArrayNode(), keys);
    }

    /** {@code envelope} with further signatures by {@code keys} over its signed part. */
    static Envelope withSignatures(Envelope envelope, Map<TufKey, PrivateKey> keys) {
        return withSignatures(envelope.signed(), (ArrayNode) envelope.toJson().get("signatures"), keys);
    }

    private static Envelope withSignatures(JsonNode signed, ArrayNode signatures, Map<TufKey, PrivateKey> keys) {
        byte[] message = CanonicalJson.bytes(signed);
        keys.forEach((key, privateKey) -> signatures
                .addObject()
                .put("keyid", key.keyId())
                .put("sig", HexFormat.of().formatHex(sign(privateKey, message))));
        ObjectNode envelope = JSON.createObjectNode();
        envelope.set("signed", signed);
        envelope.set("signatures", signatures);
        return Envelope.fromJson(envelope);
    }

    private static Signer signer(PrivateKey key) {
        Signer cached = SIGNERS.get(key);
        if (cached != null) {
            return cached;
        }
        if (!(key instanceof EdECPrivateKey ed) || ed.getBytes().isEmpty()) {
            throw new IllegalArgumentException("not an Ed25519 private key: " + key.getAlgorithm());
        }
        byte[] seed = ed.getBytes().get();
        if (seed.length != Ed25519PrivateKeyParameters.KEY_SIZE) {
            throw new IllegalArgumentException("an Ed25519 private key has 32 bytes, got " + seed.length);
        }
        var secret = new Ed25519PrivateKeyParameters(seed);
        java.util.Arrays.fill(seed, (byte) 0);
        Signer signer = new Signer(secret, secret.generatePublicKey());
        if (SIGNERS.size() >= MAX_KEYS) {
            SIGNERS.clear();
        }
        SIGNERS.put(key, signer);
        return signer;
    }
}

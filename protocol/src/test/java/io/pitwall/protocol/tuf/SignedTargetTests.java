package io.pitwall.protocol.tuf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class SignedTargetTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final java.security.KeyPair pair = Ed25519.generate();
    private final TufKey key = TufKey.of(pair.getPublic());
    private final TargetEntry entry = new TargetEntry(
            1024, Map.of("sha256", "ab".repeat(32), "sha512", "cd".repeat(64)), List.of("BMS-HW-7"), 42, "BMS");

    @Test
    void signedEntryVerifiesAfterARoundTripThroughJsonText() {
        Envelope envelope = SignedTarget.sign("bms-2.4.0.bin", entry, key, pair.getPrivate());
        Envelope reread = Envelope.fromJson(JSON.readTree(JSON.writeValueAsString(envelope.toJson())));
        assertThat(SignedTarget.verify(reread, "bms-2.4.0.bin", Map.of(key.keyId(), key)))
                .isEqualTo(entry);
    }

    @Test
    void tamperedEntryOrOtherPathOrUntrustedKeyIsRefused() {
        Envelope envelope = SignedTarget.sign("bms-2.4.0.bin", entry, key, pair.getPrivate());
        ObjectNode tampered = envelope.toJson();
        ((ObjectNode) tampered.get("signed").get("target")).put("length", 1025);
        assertThatThrownBy(() ->
                        SignedTarget.verify(Envelope.fromJson(tampered), "bms-2.4.0.bin", Map.of(key.keyId(), key)))
                .hasMessageContaining("no valid signature");
        assertThatThrownBy(() -> SignedTarget.verify(envelope, "other.bin", Map.of(key.keyId(), key)))
                .hasMessageContaining("another target path");
        var stranger = TufKey.of(Ed25519.generate().getPublic());
        assertThatThrownBy(() -> SignedTarget.verify(envelope, "bms-2.4.0.bin", Map.of(stranger.keyId(), stranger)))
                .hasMessageContaining("no valid signature");
    }

    @Test
    void aDuplicatedSignatureCountsOnce() {
        Envelope envelope = SignedTarget.sign("x.bin", entry, key, pair.getPrivate());
        ObjectNode json = envelope.toJson();
        json.withArray("signatures").add(json.get("signatures").get(0).deepCopy());
        assertThat(Envelope.fromJson(json).validSignatures(Map.of(key.keyId(), key)))
                .isEqualTo(1);
    }

    @Test
    void rawPublicKeyRoundTrips() {
        assertThat(Ed25519.raw(Ed25519.publicKey(Ed25519.raw(pair.getPublic()))))
                .isEqualTo(Ed25519.raw(pair.getPublic()));
    }
}

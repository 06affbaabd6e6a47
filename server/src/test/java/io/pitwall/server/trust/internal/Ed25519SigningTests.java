package io.pitwall.server.trust.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pitwall.protocol.tuf.CanonicalJson;
import io.pitwall.protocol.tuf.Ed25519;
import io.pitwall.protocol.tuf.Envelope;
import io.pitwall.protocol.tuf.RoleMetadata;
import io.pitwall.protocol.tuf.TufKey;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Ed25519SigningTests {

    private static final Instant EXPIRES = Instant.parse("2030-01-01T00:00:00Z");

    @Test
    void producesTheJdkSignatureByteForByteForTheSameKeyAndMessage() {
        KeyPair pair = Ed25519.generate();
        Random random = new Random(5);
        for (int length : new int[] {0, 1, 600, 4096}) {
            byte[] message = new byte[length];
            random.nextBytes(message);

            byte[] bouncyCastle = Ed25519Signing.sign(pair.getPrivate(), message);

            assertThat(bouncyCastle).hasSize(64).isEqualTo(Ed25519.sign(pair.getPrivate(), message));
            assertThat(Ed25519.verify(pair.getPublic(), message, bouncyCastle)).isTrue();
        }
    }

    @Test
    void signsWithAKeyReadBackFromItsStoredPkcs8Form() {
        KeyPair pair = Ed25519.generate();
        var restored = Ed25519.privateKey(pair.getPrivate().getEncoded());
        byte[] message = "director targets".getBytes(StandardCharsets.UTF_8);

        assertThat(Ed25519Signing.sign(restored, message)).isEqualTo(Ed25519.sign(pair.getPrivate(), message));
    }

    @Test
    void envelopesAreAcceptedByTheProtocolVerifierAndEqualTheJdkOnes() {
        KeyPair one = Ed25519.generate();
        KeyPair two = Ed25519.generate();
        TufKey keyOne = TufKey.of(one.getPublic());
        TufKey keyTwo = TufKey.of(two.getPublic());
        Map<TufKey, java.security.PrivateKey> both = new LinkedHashMap<>();
        both.put(keyOne, one.getPrivate());
        both.put(keyTwo, two.getPrivate());
        var signed = RoleMetadata.snapshot(3, EXPIRES, 3, "{}".getBytes(StandardCharsets.UTF_8));

        Envelope envelope = Ed25519Signing.sign(signed, both);

        assertThat(envelope.validSignatures(Map.of(keyOne.keyId(), keyOne, keyTwo.keyId(), keyTwo)))
                .isEqualTo(2);
        assertThat(envelope.signatures()).isEqualTo(Envelope.sign(signed, both).signatures());
        assertThat(CanonicalJson.bytes(envelope.signed())).isEqualTo(CanonicalJson.bytes(signed));
    }

    @Test
    void addsSignaturesToAnEnvelopeKeepingTheExistingOnes() {
        KeyPair one = Ed25519.generate();
        KeyPair two = Ed25519.generate();
        TufKey keyOne = TufKey.of(one.getPublic());
        TufKey keyTwo = TufKey.of(two.getPublic());
        var first = Envelope.sign(RoleMetadata.timestamp(1, EXPIRES, 1, new byte[] {1}), keyOne, one.getPrivate());

        Envelope both = Ed25519Signing.withSignatures(first, Map.of(keyTwo, two.getPrivate()));

        assertThat(both.signatures()).extracting(Envelope.Sig::keyId).containsExactly(keyOne.keyId(), keyTwo.keyId());
        assertThat(both.validSignatures(Map.of(keyOne.keyId(), keyOne, keyTwo.keyId(), keyTwo)))
                .isEqualTo(2);
        assertThat(first.signatures()).hasSize(1);
    }

    @Test
    void refusesAKeyThatIsNotEd25519() throws Exception {
        var ec = KeyPairGenerator.getInstance("EC").generateKeyPair().getPrivate();

        assertThatThrownBy(() -> Ed25519Signing.sign(ec, new byte[] {1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not an Ed25519 private key");
    }
}

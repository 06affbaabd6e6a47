package io.pitwall.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.protocol.device.EcuTarget;
import io.pitwall.protocol.device.Hashes;
import io.pitwall.protocol.tuf.Ed25519;
import io.pitwall.protocol.tuf.TufKey;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class ImageVerifierTests {

    private final TestImages images = new TestImages();
    private final byte[] image = TestImages.bytes(300, 3);
    private final EcuTarget target = images.target("BMS-1", "BMS-HW-7", "2.4.0", image, 5);
    private final ImageVerifier verifier = new ImageVerifier(images.trusted());

    @Test
    void acceptsATargetSignedByATrustedKeyThatAgreesWithTheAssignment() {
        assertThat(verifier.check(target, "BMS-HW-7", 4)).isEmpty();
        assertThat(verifier.check(target, "BMS-HW-7", 5))
                .as("same release counter is no downgrade")
                .isEmpty();
    }

    @Test
    void refusesWhatNoTrustedKeySigned() {
        assertThat(code(verifier.check(with(target, null), "BMS-HW-7", 0))).isEqualTo(FailureCode.SIGNATURE_INVALID);
        ObjectNode tampered = (ObjectNode) target.signedTarget().deepCopy();
        ((ObjectNode) tampered.get("signed").get("target").get("custom")).put("releaseCounter", 99);
        assertThat(code(verifier.check(with(target, tampered), "BMS-HW-7", 0)))
                .isEqualTo(FailureCode.SIGNATURE_INVALID);
        var stranger = TufKey.of(Ed25519.generate().getPublic());
        assertThat(code(new ImageVerifier(Map.of(stranger.keyId(), stranger)).check(target, "BMS-HW-7", 0)))
                .isEqualTo(FailureCode.SIGNATURE_INVALID);
    }

    @Test
    void refusesMalformedOrMisdirectedMetadata() {
        JsonNode notAnEnvelope =
                tools.jackson.databind.json.JsonMapper.builder().build().readTree("{\"signed\": 1}");
        assertThat(code(verifier.check(with(target, notAnEnvelope), "BMS-HW-7", 0)))
                .isEqualTo(FailureCode.METADATA_INVALID);
        var otherPath = new EcuTarget(
                "BMS-1",
                "BMS-HW-7",
                "other.bin",
                "2.4.0",
                target.downloadUrl(),
                target.length(),
                target.hashes(),
                5,
                target.installType(),
                target.signedTarget());
        assertThat(code(verifier.check(otherPath, "BMS-HW-7", 0))).isEqualTo(FailureCode.METADATA_INVALID);
    }

    @Test
    void refusesAnAssignmentThatDisagreesWithTheSignedEntry() {
        var longer = new EcuTarget(
                "BMS-1",
                "BMS-HW-7",
                target.targetPath(),
                "2.4.0",
                target.downloadUrl(),
                301,
                target.hashes(),
                5,
                target.installType(),
                target.signedTarget());
        assertThat(code(verifier.check(longer, "BMS-HW-7", 0))).isEqualTo(FailureCode.LENGTH_MISMATCH);

        var otherHash = new EcuTarget(
                "BMS-1",
                "BMS-HW-7",
                target.targetPath(),
                "2.4.0",
                target.downloadUrl(),
                300,
                new Hashes("0".repeat(64), null),
                5,
                target.installType(),
                target.signedTarget());
        assertThat(code(verifier.check(otherHash, "BMS-HW-7", 0))).isEqualTo(FailureCode.HASH_MISMATCH);

        var otherCounter = new EcuTarget(
                "BMS-1",
                "BMS-HW-7",
                target.targetPath(),
                "2.4.0",
                target.downloadUrl(),
                300,
                target.hashes(),
                6,
                target.installType(),
                target.signedTarget());
        assertThat(code(verifier.check(otherCounter, "BMS-HW-7", 0))).isEqualTo(FailureCode.RELEASE_COUNTER_MISMATCH);
    }

    @Test
    void refusesAnImageForOtherHardwareOrOlderThanTheInstalledOne() {
        assertThat(code(verifier.check(target, "BMS-HW-8", 0))).isEqualTo(FailureCode.HARDWARE_MISMATCH);
        var signedForOther = images.target("BMS-1", "BMS-HW-8", "2.4.0", image, 5);
        var assignedToUs = new EcuTarget(
                "BMS-1",
                "BMS-HW-7",
                signedForOther.targetPath(),
                "2.4.0",
                signedForOther.downloadUrl(),
                300,
                signedForOther.hashes(),
                5,
                signedForOther.installType(),
                signedForOther.signedTarget());
        assertThat(code(verifier.check(assignedToUs, "BMS-HW-7", 0))).isEqualTo(FailureCode.HARDWARE_MISMATCH);
        assertThat(code(verifier.check(target, "BMS-HW-7", 6))).isEqualTo(FailureCode.RELEASE_COUNTER_LOWER);
    }

    private static EcuTarget with(EcuTarget t, JsonNode signed) {
        return new EcuTarget(
                t.ecuSerial(),
                t.hardwareId(),
                t.targetPath(),
                t.version(),
                t.downloadUrl(),
                t.length(),
                t.hashes(),
                t.releaseCounter(),
                t.installType(),
                signed);
    }

    private static FailureCode code(Optional<Refusal> refusal) {
        assertThat(refusal).isPresent();
        return refusal.get().code();
    }
}

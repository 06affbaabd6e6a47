package io.pitwall.protocol.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pitwall.protocol.tuf.Ed25519;
import io.pitwall.protocol.tuf.Envelope;
import io.pitwall.protocol.tuf.TufKey;
import java.security.KeyPair;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class EcuVersionReportTests {

    private final KeyPair ecu = Ed25519.generate();
    private final TufKey key = TufKey.of(ecu.getPublic());
    private final EcuVersionReport report = new EcuVersionReport(
            "IVI-1",
            "ivi-10.0.0.bin",
            4096,
            new Hashes("a".repeat(64), "b".repeat(128)),
            3,
            null,
            Instant.parse("2026-01-02T03:04:05.678Z"));

    @Test
    void aSignedReportVerifiesWithTheEcuKeyAndReadsBackToTheSameReportAtWholeSeconds() {
        Envelope envelope = report.sign(key, m -> Ed25519.sign(ecu.getPrivate(), m));
        assertThat(envelope.signatures()).extracting(Envelope.Sig::keyId).containsExactly(key.keyId());
        assertThat(envelope.validSignatures(Map.of(key.keyId(), key))).isEqualTo(1);
        EcuVersionReport read =
                EcuVersionReport.fromSigned(Envelope.fromJson(envelope.toJson()).signed());
        assertThat(read)
                .isEqualTo(new EcuVersionReport(
                        "IVI-1",
                        "ivi-10.0.0.bin",
                        4096,
                        report.hashes(),
                        3,
                        null,
                        Instant.parse("2026-01-02T03:04:05Z")));
        assertThat(envelope.signed().has("nonce")).isFalse();
    }

    @Test
    void anotherKeysSignatureDoesNotVerify() {
        KeyPair other = Ed25519.generate();
        Envelope forged = report.sign(key, m -> Ed25519.sign(other.getPrivate(), m));
        assertThat(forged.validSignatures(Map.of(key.keyId(), key))).isZero();
    }

    @Test
    void unknownFieldsInTheSignedPartAreCoveredBySignatureAndIgnoredWhenRead() {
        ObjectNode signed = report.toSigned();
        signed.put("attacks_detected", "");
        Envelope envelope = Envelope.sign(signed, key, ecu.getPrivate());
        Envelope received = Envelope.fromJson(envelope.toJson());
        assertThat(received.validSignatures(Map.of(key.keyId(), key))).isEqualTo(1);
        assertThat(EcuVersionReport.fromSigned(received.signed()).ecuSerial()).isEqualTo("IVI-1");
    }

    @Test
    void malformedSignedPartsAreRefused() {
        ObjectNode wrongType = report.toSigned().put("_type", "targets");
        ObjectNode noCounter = report.toSigned();
        noCounter.remove("report_counter");
        ObjectNode textCounter = report.toSigned().put("report_counter", "7");
        ObjectNode badTime = report.toSigned().put("time", "yesterday");
        ObjectNode badHash = report.toSigned();
        ((ObjectNode) badHash.get("installed_image").get("fileinfo").get("hashes")).put("sha256", "XYZ");
        for (ObjectNode bad : new ObjectNode[] {wrongType, noCounter, textCounter, badTime, badHash}) {
            assertThatThrownBy(() -> EcuVersionReport.fromSigned(bad))
                    .as(bad.toString())
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> new EcuVersionReport("IVI-1", "f", 1, report.hashes(), -1, null, Instant.EPOCH))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

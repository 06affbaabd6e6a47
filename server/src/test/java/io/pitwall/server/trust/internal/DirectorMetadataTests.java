package io.pitwall.server.trust.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.protocol.tuf.CanonicalJson;
import io.pitwall.protocol.tuf.Ed25519;
import io.pitwall.protocol.tuf.Envelope;
import io.pitwall.protocol.tuf.RoleMetadata;
import io.pitwall.protocol.tuf.Root;
import io.pitwall.protocol.tuf.TargetEntry;
import io.pitwall.protocol.tuf.TufKey;
import io.pitwall.server.trust.spi.DirectorTarget;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class DirectorMetadataTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TargetEntry ENTRY = new TargetEntry(
            2048, Map.of("sha256", "a".repeat(64), "sha512", "b".repeat(128)), List.of("BMS-HW"), 7, "BMS");

    @Test
    void twoEcusOfOneImageShareOneEntryNamingBothSerials() {
        var content = DirectorMetadata.content(
                "WVIN0000000000001",
                List.of(
                        new DirectorTarget("S-2", "BMS-HW", "BMS-HW/fw.bin", ENTRY),
                        new DirectorTarget("S-1", "BMS-HW", "BMS-HW/fw.bin", ENTRY)));

        var entry = content.get("targets").get("BMS-HW/fw.bin");
        assertThat(content.get("targets").size()).isEqualTo(1);
        assertThat(entry.get("custom").get("ecuIdentifiers").propertyNames()).containsExactly("S-1", "S-2");
        assertThat(entry.get("length").asLong()).isEqualTo(2048);
        assertThat(entry.get("custom").get("releaseCounter").asLong()).isEqualTo(7);
    }

    @Test
    void onlyARollbackCampaignsImageCarriesTheSignedAuthorizedRollbackFlag() {
        var ordinary = DirectorMetadata.content(
                "WVIN0000000000001", List.of(new DirectorTarget("S-1", "BMS-HW", "BMS-HW/fw.bin", ENTRY)));
        var rollback = DirectorMetadata.content(
                "WVIN0000000000001", List.of(new DirectorTarget("S-1", "BMS-HW", "BMS-HW/fw.bin", ENTRY, true)));

        assertThat(ordinary.get("targets").get("BMS-HW/fw.bin").get("custom").has("authorizedRollback"))
                .isFalse();
        assertThat(rollback.get("targets")
                        .get("BMS-HW/fw.bin")
                        .get("custom")
                        .get("authorizedRollback")
                        .asBoolean())
                .isTrue();
        assertThat(DirectorMetadata.contentHash(rollback)).isNotEqualTo(DirectorMetadata.contentHash(ordinary));
    }

    @Test
    void theContentHashDependsOnTheVin() {
        var targets = List.of(new DirectorTarget("S-1", "BMS-HW", "BMS-HW/fw.bin", ENTRY));

        String one = DirectorMetadata.contentHash(DirectorMetadata.content("WVIN0000000000001", targets));
        String same = DirectorMetadata.contentHash(DirectorMetadata.content("WVIN0000000000001", targets));
        String other = DirectorMetadata.contentHash(DirectorMetadata.content("WVIN0000000000002", targets));

        assertThat(one).isEqualTo(same).isNotEqualTo(other);
    }

    @Test
    void signedFilesVerifyAndChainByVersionAndHash() {
        KeyPair targets = Ed25519.generate();
        KeyPair snapshot = Ed25519.generate();
        KeyPair timestamp = Ed25519.generate();
        var signers = new DirectorMetadata.Signers(
                Map.of(TufKey.of(targets.getPublic()), targets.getPrivate()),
                Map.of(TufKey.of(snapshot.getPublic()), snapshot.getPrivate()),
                Map.of(TufKey.of(timestamp.getPublic()), timestamp.getPrivate()));
        var content = DirectorMetadata.Content.of("WVIN0000000000001", List.of());

        var files =
                DirectorMetadata.sign("WVIN0000000000001", content, 4, Instant.parse("2030-01-01T00:00:00Z"), signers);

        Envelope signedTargets = Envelope.fromJson(JSON.readTree(files.targets()));
        TufKey targetsKey = TufKey.of(targets.getPublic());
        assertThat(signedTargets.validSignatures(Map.of(targetsKey.keyId(), targetsKey)))
                .isEqualTo(1);
        assertThat(signedTargets.signed().get("custom").get("vin").asString()).isEqualTo("WVIN0000000000001");
        assertThat(signedTargets.signed().get("expires").asString()).isEqualTo("2030-01-01T00:00:00Z");
        var snapshotMeta =
                JSON.readTree(files.snapshot()).get("signed").get("meta").get("targets.json");
        assertThat(snapshotMeta.get("version").asLong()).isEqualTo(4);
        assertThat(snapshotMeta.get("length").asLong()).isEqualTo(files.targets().length);
        var timestampMeta =
                JSON.readTree(files.timestamp()).get("signed").get("meta").get("snapshot.json");
        assertThat(timestampMeta.get("length").asLong()).isEqualTo(files.snapshot().length);
        assertThat(files.version()).isEqualTo(4);
    }

    @Test
    void eachSignedPartIsServedInTheCanonicalFormTheProtocolBuilds() {
        var signers = signers();
        var content = DirectorMetadata.Content.of(
                "WVIN0000000000001", List.of(new DirectorTarget("S-1", "BMS-HW", "BMS-HW/fw.bin", ENTRY, true)));
        Instant expires = Instant.parse("2030-01-01T00:00:00Z");

        var files = DirectorMetadata.sign("WVIN0000000000001", content, 9, expires, signers);

        assertThat(content.sha256()).isEqualTo(DirectorMetadata.contentHash(content.tree()));
        var expectedTargets = JSON.createObjectNode()
                .put("_type", "targets")
                .put("spec_version", Root.SPEC_VERSION)
                .put("version", 9)
                .put("expires", "2030-01-01T00:00:00Z");
        expectedTargets.set("targets", content.tree().get("targets"));
        expectedTargets.set("custom", content.tree().get("custom"));
        String servedTargets = new String(files.targets(), StandardCharsets.UTF_8);
        assertThat(servedTargets)
                .startsWith("{\"signed\":" + CanonicalJson.string(expectedTargets) + ",\"signatures\":");
        assertThat(new String(files.snapshot(), StandardCharsets.UTF_8))
                .startsWith("{\"signed\":" + CanonicalJson.string(RoleMetadata.snapshot(9, expires, 9, files.targets()))
                        + ",");
        assertThat(new String(files.timestamp(), StandardCharsets.UTF_8))
                .startsWith("{\"signed\":"
                        + CanonicalJson.string(RoleMetadata.timestamp(9, expires, 9, files.snapshot())) + ",");
        for (var file : List.of(files.targets(), files.snapshot(), files.timestamp())) {
            Envelope envelope = Envelope.fromJson(JSON.readTree(file));
            assertThat(envelope.signatures()).hasSize(1);
        }
    }

    @Test
    void aControlCharacterInAnEcuSerialStillServesValidJsonThatVerifies() {
        var signers = signers();
        var content = DirectorMetadata.Content.of(
                "WVIN0000000000001", List.of(new DirectorTarget("S-\u0001\n", "BMS-HW", "BMS-HW/fw.bin", ENTRY)));

        var files =
                DirectorMetadata.sign("WVIN0000000000001", content, 2, Instant.parse("2030-01-01T00:00:00Z"), signers);

        Envelope targets = Envelope.fromJson(JSON.readTree(files.targets()));
        TufKey key = signers.targets().keySet().iterator().next();
        assertThat(targets.validSignatures(Map.of(key.keyId(), key))).isEqualTo(1);
        assertThat(targets.signed()
                        .get("targets")
                        .get("BMS-HW/fw.bin")
                        .get("custom")
                        .get("ecuIdentifiers")
                        .has("S-\u0001\n"))
                .isTrue();
    }

    private static DirectorMetadata.Signers signers() {
        KeyPair targets = Ed25519.generate();
        KeyPair snapshot = Ed25519.generate();
        KeyPair timestamp = Ed25519.generate();
        return new DirectorMetadata.Signers(
                Map.of(TufKey.of(targets.getPublic()), targets.getPrivate()),
                Map.of(TufKey.of(snapshot.getPublic()), snapshot.getPrivate()),
                Map.of(TufKey.of(timestamp.getPublic()), timestamp.getPrivate()));
    }
}

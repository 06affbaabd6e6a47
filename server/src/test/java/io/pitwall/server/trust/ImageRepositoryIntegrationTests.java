package io.pitwall.server.trust;

import static io.pitwall.server.trust.RepositoryFixtures.bytes;
import static io.pitwall.server.trust.RepositoryFixtures.envelope;
import static io.pitwall.server.trust.RepositoryFixtures.latestRoot;
import static io.pitwall.server.trust.RepositoryFixtures.publishImage;
import static io.pitwall.server.trust.RepositoryFixtures.verifiedTargets;
import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.protocol.tuf.CanonicalJson;
import io.pitwall.protocol.tuf.Ed25519;
import io.pitwall.protocol.tuf.Envelope;
import io.pitwall.protocol.tuf.RoleMetadata;
import io.pitwall.protocol.tuf.Root;
import io.pitwall.protocol.tuf.TufKey;
import io.pitwall.server.access.Role;
import io.pitwall.server.support.HeldTransaction;
import io.pitwall.server.support.IntegrationTest;
import io.pitwall.server.support.PostgresTest;
import io.pitwall.server.trust.internal.RepositoryTestAccess;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The TUF image repository over HTTP: format, publication, root rotation, refusals, re-signing. In an application
 * context of its own: handing the root and targets roles over to offline keys destroys the server's keys for them.
 */
@TestPropertySource(properties = "pitwall.test.context=image-repository")
class ImageRepositoryIntegrationTests {

    abstract static class Contract extends IntegrationTest {

        private static final JsonMapper JSON = JsonMapper.builder().build();
        /** Every offline root key the tests made, so any test can sign as whatever root is in force. */
        private static final Map<String, KeyPair> OFFLINE = new java.util.concurrent.ConcurrentHashMap<>();

        @Autowired
        ApplicationContext context;

        @Autowired
        PlatformTransactionManager transactions;

        @Test
        void rootOneIsStandardTufSignedByItsOwnRootKeyAndLabelledDevelopment() {
            byte[] body = bytes(api, "/repo/1.root.json");
            Envelope envelope = envelope(body);
            JsonNode signed = envelope.signed();
            assertThat(signed.get("_type").asString()).isEqualTo("root");
            assertThat(signed.get("spec_version").asString()).isEqualTo("1.0.31");
            assertThat(signed.get("consistent_snapshot").asBoolean()).isTrue();
            assertThat(signed.get("expires").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
            signed.get("keys")
                    .properties()
                    .forEach(e -> assertThat(RoleMetadata.digest("sha256", CanonicalJson.bytes(e.getValue())))
                            .as("keyid = sha256(canonical key)")
                            .isEqualTo(e.getKey()));
            assertThat(envelope.signatures().get(0).sig()).matches("[0-9a-f]{128}");
            assertThat(Root.fromSigned(signed).signedBy(envelope, "root")).isTrue();

            var status = operatorWith(Role.VIEWER).get("/api/v1/trust/repository");
            assertThat(status.status()).isEqualTo(200);
            assertThat(status.json().get("mode").asString()).isEqualTo("development");
            assertThat(status.json().get("notForProduction").asBoolean()).isTrue();
            assertThat(status.json().get("notice").asString()).contains("NOT FOR PRODUCTION");
        }

        @Test
        void publishingAReleaseListsItsImagesInANewTargetsVersionServedUnderEveryHash() {
            Root root = latestRoot(api);
            long targetsBefore = verifiedTargets(api, root).get("version").asLong();
            long timestampBefore = envelope(bytes(api, "/repo/timestamp.json"))
                    .signed()
                    .get("version")
                    .asLong();

            var image = publishImage(admin, 7);

            JsonNode targets = verifiedTargets(api, root);
            assertThat(targets.get("version").asLong()).isGreaterThan(targetsBefore);
            assertThat(envelope(bytes(api, "/repo/timestamp.json"))
                            .signed()
                            .get("version")
                            .asLong())
                    .isGreaterThan(timestampBefore);
            JsonNode entry = targets.get("targets").get(image.targetPath());
            assertThat(entry.get("length").asLong()).isEqualTo(2048);
            assertThat(entry.get("custom").get("hardwareIds").get(0).asString()).isEqualTo(image.hardwareId());
            assertThat(entry.get("custom").get("releaseCounter").asLong()).isEqualTo(7);
            assertThat(entry.get("custom").get("ecuType").asString()).isEqualTo("TCU");
            for (String alg : new String[] {"sha256", "sha512"}) {
                String hash = entry.get("hashes").get(alg).asString();
                assertThat(hash).isEqualTo(RoleMetadata.digest(alg, image.bytes()));
                assertThat(bytes(api, "/repo/targets/" + image.hardwareId() + "/" + hash + "." + image.fileName()))
                        .isEqualTo(image.bytes());
            }
            assertThat(api.download(
                                    "GET",
                                    "/repo/targets/" + image.hardwareId() + "/" + "0".repeat(64) + "."
                                            + image.fileName(),
                                    null)
                            .status())
                    .isEqualTo(404);
            assertThat(bytes(api, "/repo/timestamp.json").length).isLessThan(16 * 1024);
        }

        @Test
        void rootNPlusOneCrossSignedByOldAndNewThresholdsIsServedAndOldRootsStay() {
            Root current = latestRoot(api);
            List<KeyPair> offline = offlineKeys();
            ObjectNode next = nextRoot(current, offline, 2);
            Map<TufKey, PrivateKey> signers = signersFor(current);
            signers.put(TufKey.of(offline.get(0).getPublic()), offline.get(0).getPrivate());
            signers.put(TufKey.of(offline.get(2).getPublic()), offline.get(2).getPrivate());

            var answer = operatorWith(Role.SECURITY_OFFICER)
                    .post(
                            "/api/v1/trust/repository/root",
                            Envelope.sign(next, signers).toJson());

            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            long n = current.version() + 1;
            assertThat(answer.json().get("versions").get("root").asLong()).isEqualTo(n);
            for (long v = 1; v <= n; v++) {
                assertThat(api.download("GET", "/repo/" + v + ".root.json", null)
                                .status())
                        .isEqualTo(200);
            }
            assertThat(api.download("GET", "/repo/" + (n + 1) + ".root.json", null)
                            .status())
                    .isEqualTo(404);
            Root rotated = latestRoot(api);
            assertThat(rotated.roles().get("root").threshold()).isEqualTo(2);
            verifiedTargets(api, rotated);
            assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_record WHERE action = 'repository.root'")
                            .query(Long.class)
                            .single())
                    .isGreaterThanOrEqualTo(1);
        }

        @Test
        void rootsBelowEitherThresholdOrOtherwiseWrongAreRefusedAndChangeNothing() {
            ensureOfflineRoot();
            Root current = latestRoot(api);
            var officer = operatorWith(Role.SECURITY_OFFICER);
            List<KeyPair> offline = offlineKeys();
            ObjectNode next = nextRoot(current, offline, 2);
            var server = signersFor(current);
            TufKey k0 = TufKey.of(offline.get(0).getPublic());
            long before = count("repository_metadata");

            refused(
                    officer,
                    Envelope.sign(
                                    next,
                                    Map.of(
                                            k0,
                                            offline.get(0).getPrivate(),
                                            TufKey.of(offline.get(1).getPublic()),
                                            offline.get(1).getPrivate()))
                            .toJson(),
                    "root-signature-threshold");
            Map<TufKey, PrivateKey> oneNew = new LinkedHashMap<>(server);
            oneNew.put(k0, offline.get(0).getPrivate());
            ObjectNode oneSignature = Envelope.sign(next, oneNew).toJson();
            refused(officer, oneSignature, "root-signature-threshold");
            // The same signature listed twice counts once toward the new threshold of 2.
            oneSignature
                    .withArray("signatures")
                    .add(oneSignature.get("signatures").get(1).deepCopy());
            refused(officer, oneSignature, "root-signature-threshold");
            Map<TufKey, PrivateKey> enough = new LinkedHashMap<>(oneNew);
            enough.put(TufKey.of(offline.get(1).getPublic()), offline.get(1).getPrivate());
            refused(
                    officer,
                    Envelope.sign(next.deepCopy().put("version", current.version() + 2), enough)
                            .toJson(),
                    "root-version-not-next");
            ObjectNode renamed = next.deepCopy();
            ((ObjectNode) renamed.get("keys").get(k0.keyId())).put("extra", "makes another keyid for the same key");
            refused(officer, Envelope.sign(renamed, enough).toJson(), "root-keyid-mismatch");
            ObjectNode foreignTimestamp = nextRoot(current, offline, 2);
            TufKey stranger = TufKey.of(Ed25519.generate().getPublic());
            foreignTimestamp.withObject("keys").set(stranger.keyId(), stranger.toJson());
            foreignTimestamp
                    .withObject("roles")
                    .withObject("timestamp")
                    .putArray("keyids")
                    .add(stranger.keyId());
            refused(officer, Envelope.sign(foreignTimestamp, enough).toJson(), "root-online-keys-missing");
            refused(officer, JSON.createObjectNode().put("signed", "x"), "root-invalid");

            assertThat(operatorWith(Role.RELEASE_MANAGER)
                            .post(
                                    "/api/v1/trust/repository/root",
                                    Envelope.sign(next, enough).toJson())
                            .status())
                    .isEqualTo(403);
            assertThat(count("repository_metadata")).isEqualTo(before);
            assertThat(latestRoot(api).version()).isEqualTo(current.version());
        }

        @Test
        void timestampAndSnapshotAreReSignedBeforeTheyExpireByOneNodeAtATime() {
            var access = RepositoryTestAccess.of(context);
            Instant now = Instant.now();
            long timestamp = latest("timestamp");
            long snapshot = latest("snapshot");

            assertThat(access.refreshAt(Clock.fixed(now, ZoneOffset.UTC))).isTrue();
            assertThat(latest("timestamp")).as("nothing is due yet").isEqualTo(timestamp);

            assertThat(access.refreshAt(Clock.fixed(now.plus(Duration.ofHours(13)), ZoneOffset.UTC)))
                    .isTrue();
            assertThat(latest("timestamp")).isEqualTo(timestamp + 1);
            assertThat(latest("snapshot")).isEqualTo(snapshot);

            assertThat(access.refreshAt(Clock.fixed(now.plus(Duration.ofDays(4)), ZoneOffset.UTC)))
                    .isTrue();
            assertThat(latest("snapshot")).isEqualTo(snapshot + 1);
            assertThat(latest("timestamp")).isEqualTo(timestamp + 2);
            Instant expires = envelope(bytes(api, "/repo/timestamp.json"))
                    .signed()
                    .get("expires")
                    .asString()
                    .transform(Instant::parse);
            assertThat(expires).isAfter(now.plus(Duration.ofDays(4)));
            verifiedTargets(api, latestRoot(api));

            try (var held = HeldTransaction.open(
                    transactions,
                    () -> jdbc.sql("SELECT id FROM repository_lock WHERE id = 1 FOR UPDATE")
                            .query(Integer.class)
                            .single())) {
                assertThat(access.refreshAt(Clock.fixed(now.plus(Duration.ofDays(10)), ZoneOffset.UTC)))
                        .as("another node holds the lock")
                        .isFalse();
                held.commit();
            }
            assertThat(latest("timestamp")).isEqualTo(timestamp + 2);
        }

        @Test
        void uploadedMetadataWithAnIntegerAboveTwoToThe53IsRefusedBeforeAnythingElseAndNothingIsStored() {
            var officer = operatorWith(Role.SECURITY_OFFICER);
            long unsafe = 9_007_199_254_740_993L;
            ObjectNode root = latestRoot(api).toSigned();
            root.put("version", root.get("version").asLong() + 1)
                    .putObject("custom")
                    .put("counter", unsafe);
            ObjectNode targetsVersion = (ObjectNode)
                    officer.get("/api/v1/trust/repository/targets/unsigned").json();
            targetsVersion.put("version", unsafe);
            ObjectNode targetsCustom = (ObjectNode)
                    officer.get("/api/v1/trust/repository/targets/unsigned").json();
            targetsCustom
                    .withObject("targets")
                    .set(
                            "HW-X/fw.bin",
                            JSON.readTree("{\"length\": 3, \"hashes\": {\"sha256\": \"" + "e".repeat(64)
                                    + "\"}, \"custom\": {\"releaseCounter\": " + unsafe + "}}"));
            ObjectNode director = (ObjectNode)
                    JSON.readTree(officer.get("/api/v1/trust/director/root").body())
                            .get("signed");
            director.put("version", director.get("version").asLong() + 1).put("threshold-hint", -unsafe);
            long files = count("repository_metadata");
            long directorRoots = count("director_root");

            for (var upload : List.of(
                    List.of("POST", "/api/v1/trust/repository/root", root, "/custom/counter"),
                    List.of("PUT", "/api/v1/trust/repository/targets", targetsVersion, "/version"),
                    List.of(
                            "PUT",
                            "/api/v1/trust/repository/targets",
                            targetsCustom,
                            "/targets/HW-X~1fw.bin/custom/releaseCounter"),
                    List.of("POST", "/api/v1/trust/director/root", director, "/threshold-hint"))) {
                ObjectNode envelope = JSON.createObjectNode();
                envelope.set("signed", (JsonNode) upload.get(2));
                envelope.putArray("signatures");
                var answer = "POST".equals(upload.get(0))
                        ? officer.post((String) upload.get(1), envelope)
                        : officer.put((String) upload.get(1), envelope);
                assertThat(answer.status()).as(answer.body()).isEqualTo(422);
                assertThat(answer.code()).isEqualTo("integer-out-of-range");
                assertThat(answer.contentType()).contains("application/problem+json");
                assertThat(answer.body()).contains((String) upload.get(3));
            }
            assertThat(count("repository_metadata")).isEqualTo(files);
            assertThat(count("director_root")).isEqualTo(directorRoots);
        }

        @Test
        void aSignedRootTooLargeToKeepIsRefusedBeforeItsSignaturesAndNothingIsStored() {
            Root current = latestRoot(api);
            List<KeyPair> offline = offlineKeys();
            ObjectNode next = nextRoot(current, offline, 1);
            next.putObject("custom").put("padding", "x".repeat(1_000_001));
            Map<TufKey, PrivateKey> signers = signersFor(current);
            signers.put(TufKey.of(offline.get(0).getPublic()), offline.get(0).getPrivate());
            long files = count("repository_metadata");

            var answer = operatorWith(Role.SECURITY_OFFICER)
                    .post(
                            "/api/v1/trust/repository/root",
                            Envelope.sign(next, signers).toJson());

            assertThat(answer.status()).as(answer.body()).isEqualTo(422);
            assertThat(answer.code()).isEqualTo("metadata-too-large");
            assertThat(count("repository_metadata")).isEqualTo(files);
            assertThat(latestRoot(api).version()).isEqualTo(current.version());
        }

        @Test
        void unknownMetadataAnswers404() {
            assertThat(api.download("GET", "/repo/999.targets.json", null).status())
                    .isEqualTo(404);
            assertThat(api.download("GET", "/repo/1.root.json.bak", null).status())
                    .isEqualTo(404);
            assertThat(api.download("GET", "/repo/0.root.json", null).status()).isEqualTo(404);
        }

        @Test
        void developmentRootIsHandedOverToOfflineKeysAndOfflineTargetsAreAccepted() {
            ensureOfflineRoot();
            var officer = operatorWith(Role.SECURITY_OFFICER);
            KeyPair targetsKey = Ed25519.generate();
            TufKey t = TufKey.of(targetsKey.getPublic());
            Root current = latestRoot(api);
            assertThat(officer.post(
                                    "/api/v1/trust/repository/root",
                                    Envelope.sign(withTargetsKey(current, t), signersFor(current))
                                            .toJson())
                            .status())
                    .isEqualTo(200);
            try {
                var status = officer.get("/api/v1/trust/repository").json();
                assertThat(status.get("mode").asString()).isEqualTo("offline");
                assertThat(status.get("notForProduction").asBoolean()).isFalse();
                long targetsBefore = status.get("versions").get("targets").asLong();
                var image = publishImage(admin, 9);
                var pending = officer.get("/api/v1/trust/repository").json();
                assertThat(pending.get("versions").get("targets").asLong())
                        .as("the server no longer signs targets")
                        .isEqualTo(targetsBefore);
                assertThat(pending.get("targetsCurrent").asBoolean()).isFalse();

                ObjectNode unsigned = (ObjectNode)
                        officer.get("/api/v1/trust/repository/targets/unsigned").json();
                assertThat(unsigned.get("targets").has(image.targetPath())).isTrue();
                long before = count("repository_metadata");
                KeyPair stranger = Ed25519.generate();
                var wrong = officer.put(
                        "/api/v1/trust/repository/targets",
                        Envelope.sign(unsigned, TufKey.of(stranger.getPublic()), stranger.getPrivate())
                                .toJson());
                assertThat(wrong.status()).isEqualTo(422);
                assertThat(wrong.code()).isEqualTo("targets-signature-threshold");
                assertThat(count("repository_metadata")).isEqualTo(before);

                var signed = Envelope.sign(unsigned, t, targetsKey.getPrivate()).toJson();
                assertThat(officer.put("/api/v1/trust/repository/targets", signed)
                                .status())
                        .isEqualTo(200);
                assertThat(verifiedTargets(api, latestRoot(api)).get("targets").has(image.targetPath()))
                        .isTrue();
                assertThat(officer.get("/api/v1/trust/repository")
                                .json()
                                .get("targetsCurrent")
                                .asBoolean())
                        .isTrue();
                var again = officer.put("/api/v1/trust/repository/targets", signed);
                assertThat(again.code()).isEqualTo("targets-version-not-newer");
            } finally {
                Root offlineTargets = latestRoot(api);
                assertThat(officer.post(
                                        "/api/v1/trust/repository/root",
                                        Envelope.sign(
                                                        withTargetsKey(
                                                                offlineTargets,
                                                                RepositoryTestAccess.of(context)
                                                                        .serverTargetsKey()),
                                                        signersFor(offlineTargets))
                                                .toJson())
                                .status())
                        .as("back to development mode for the other tests")
                        .isEqualTo(200);
            }
            verifiedTargets(api, latestRoot(api));
        }

        /** Hands the root role to offline keys (2 of 3) once; the server counter-signs as the development root. */
        private void ensureOfflineRoot() {
            Root current = latestRoot(api);
            // Once handed over, the server's root key is destroyed.
            if (RepositoryTestAccess.of(context).serverRootKey().keySet().stream()
                    .noneMatch(server -> current.keysOf("root").containsKey(server.keyId()))) {
                return;
            }
            List<KeyPair> offline = offlineKeys();
            var onlyNewKeys = Envelope.sign(
                    nextRoot(current, offline, 2),
                    Map.of(
                            TufKey.of(offline.get(0).getPublic()),
                                    offline.get(0).getPrivate(),
                            TufKey.of(offline.get(1).getPublic()),
                                    offline.get(1).getPrivate()));
            var answer =
                    operatorWith(Role.SECURITY_OFFICER).post("/api/v1/trust/repository/root", onlyNewKeys.toJson());
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            Envelope stored = envelope(bytes(api, "/repo/" + (current.version() + 1) + ".root.json"));
            assertThat(current.signedBy(stored, "root"))
                    .as("counter-signed by the development root")
                    .isTrue();
        }

        private static ObjectNode withTargetsKey(Root current, TufKey targets) {
            Map<String, TufKey> keys = new HashMap<>(current.keys());
            keys.put(targets.keyId(), targets);
            Map<String, Root.RoleKeys> roles = new HashMap<>(current.roles());
            roles.put("targets", new Root.RoleKeys(List.of(targets.keyId()), 1));
            return new Root(current.version() + 1, Instant.now().plus(Duration.ofDays(300)), true, keys, roles)
                    .toSigned();
        }

        private static List<KeyPair> offlineKeys() {
            List<KeyPair> keys = List.of(Ed25519.generate(), Ed25519.generate(), Ed25519.generate());
            keys.forEach(k -> OFFLINE.put(TufKey.of(k.getPublic()).keyId(), k));
            return keys;
        }

        /** Signers for a threshold of the root role of {@code root}: the server's key or the tests' offline keys. */
        private Map<TufKey, PrivateKey> signersFor(Root root) {
            Map<TufKey, PrivateKey> signers = new LinkedHashMap<>();
            RepositoryTestAccess.of(context).serverRootKey().forEach((key, priv) -> {
                if (root.keysOf("root").containsKey(key.keyId())) {
                    signers.put(key, priv);
                }
            });
            for (String id : root.roles().get("root").keyIds()) {
                KeyPair pair = OFFLINE.get(id);
                if (pair != null) {
                    signers.put(TufKey.of(pair.getPublic()), pair.getPrivate());
                }
            }
            return signers;
        }

        private long latest(String role) {
            return jdbc.sql("SELECT MAX(meta_version) FROM repository_metadata WHERE role_name = :r")
                    .param("r", role)
                    .query(Long.class)
                    .single();
        }

        private void refused(io.pitwall.server.support.ApiClient client, JsonNode body, String code) {
            var answer = client.post("/api/v1/trust/repository/root", body);
            assertThat(answer.status()).as(answer.body()).isEqualTo(422);
            assertThat(answer.code()).isEqualTo(code);
        }

        /** Root N+1: the same targets, snapshot and timestamp keys; root role = the offline keys with a threshold. */
        private static ObjectNode nextRoot(Root current, List<KeyPair> offline, int threshold) {
            Map<String, TufKey> keys = new HashMap<>(current.keys());
            Map<String, Root.RoleKeys> roles = new HashMap<>(current.roles());
            List<String> ids = new ArrayList<>();
            for (KeyPair pair : offline) {
                TufKey key = TufKey.of(pair.getPublic());
                keys.put(key.keyId(), key);
                ids.add(key.keyId());
            }
            roles.put("root", new Root.RoleKeys(ids, threshold));
            return new Root(current.version() + 1, Instant.now().plus(Duration.ofDays(300)), true, keys, roles)
                    .toSigned();
        }
    }

    @Nested
    class OnH2 extends Contract {}

    @Nested
    @PostgresTest
    class OnPostgres extends Contract {}
}

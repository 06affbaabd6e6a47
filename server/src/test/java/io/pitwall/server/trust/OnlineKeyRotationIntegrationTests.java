package io.pitwall.server.trust;

import static io.pitwall.server.trust.RepositoryFixtures.bytes;
import static io.pitwall.server.trust.RepositoryFixtures.envelope;
import static io.pitwall.server.trust.RepositoryFixtures.latestRoot;
import static io.pitwall.server.trust.RepositoryFixtures.publishImage;
import static io.pitwall.server.trust.RepositoryFixtures.verifiedTargets;
import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.protocol.tuf.Ed25519;
import io.pitwall.protocol.tuf.Envelope;
import io.pitwall.protocol.tuf.Root;
import io.pitwall.protocol.tuf.TufKey;
import io.pitwall.server.access.Role;
import io.pitwall.server.support.ApiClient;
import io.pitwall.server.support.IntegrationTest;
import io.pitwall.server.support.PostgresTest;
import io.pitwall.server.support.TestFleet;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Online-key rotation of both repositories without touching vehicles: root N+1 proposed by the server with
 * fresh online keys, signed by the root keys in force (offline or, in development mode, the server's), uploaded;
 * the keys switch and metadata is re-signed in the same transaction. A context of its own (director pages of 2
 * vehicles), because rotated keys would surprise tests that verify against root 1.
 */
class OnlineKeyRotationIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TestPropertySource(properties = "pitwall.trust.director.batch-size=2")
    abstract static class Contract extends IntegrationTest {

        @org.springframework.beans.factory.annotation.Autowired
        org.springframework.context.ApplicationContext context;

        @Test
        void imageSnapshotAndTimestampKeysRotateThroughAProposalSignedWithOfflineRootKeys() {
            var officer = operatorWith(Role.SECURITY_OFFICER);
            List<KeyPair> offline = List.of(Ed25519.generate(), Ed25519.generate(), Ed25519.generate());
            Root development = latestRoot(api);
            ObjectNode handOver = withRootKeys(development, offline, 2, true);
            var handedOver = officer.post(
                    "/api/v1/trust/repository/root",
                    Envelope.sign(handOver, signers(offline.subList(0, 2))).toJson());
            assertThat(handedOver.status()).as(handedOver.body()).isEqualTo(200);
            assertThat(handedOver.json().get("mode").asString())
                    .as("targets key still online")
                    .isEqualTo("development");
            Root current = latestRoot(api);
            Envelope oldTimestamp = envelope(bytes(api, "/repo/timestamp.json"));

            ObjectNode proposal = (ObjectNode) officer.post("/api/v1/trust/repository/root/proposal", Map.of())
                    .json();
            assertThat(officer.post("/api/v1/trust/repository/root/proposal", Map.of())
                            .json()
                            .get("roles"))
                    .as("the same pending keys until a root names them")
                    .isEqualTo(proposal.get("roles"));
            Root proposed = Root.fromSigned(proposal);
            assertThat(proposed.version()).isEqualTo(current.version() + 1);
            assertThat(proposed.roles().get("root")).isEqualTo(current.roles().get("root"));
            assertThat(proposed.roles().get("targets"))
                    .isEqualTo(current.roles().get("targets"));
            for (String role : List.of("snapshot", "timestamp")) {
                assertThat(proposed.roles().get(role).keyIds())
                        .hasSize(1)
                        .doesNotContainAnyElementsOf(current.roles().get(role).keyIds());
                assertThat(proposed.keys())
                        .doesNotContainKeys(current.roles().get(role).keyIds().get(0));
            }

            long files = count("repository_metadata");
            long active = activeKeys();
            assertThat(io.pitwall.server.trust.internal.RepositoryTestAccess.of(context)
                            .checkAllKeysDecrypt())
                    .as("pending keys are sealed like active ones")
                    .isEqualTo(active + 2);
            assertThat(jdbc.sql(
                                    "SELECT COUNT(*) FROM signing_key WHERE status = 'PENDING' AND kek_kind IN "
                                            + "('FILE', 'PASSPHRASE', 'ENVIRONMENT') AND encrypted_private_key NOT LIKE '%PRIVATE%'")
                            .query(Long.class)
                            .single())
                    .isEqualTo(2);
            refused(
                    officer,
                    "/api/v1/trust/repository/root",
                    JSON.createObjectNode().set("signed", proposal).put("signatures", 0),
                    "root-invalid");
            refused(officer, "/api/v1/trust/repository/root", unsigned(proposal), "root-signature-threshold");
            refused(
                    officer,
                    "/api/v1/trust/repository/root",
                    Envelope.sign(proposal, signers(offline.subList(0, 1))).toJson(),
                    "root-signature-threshold");
            refused(
                    officer,
                    "/api/v1/trust/repository/root",
                    Envelope.sign(proposal.deepCopy().put("version", current.version() + 2), signers(offline))
                            .toJson(),
                    "root-version-not-next");
            refused(
                    officer,
                    "/api/v1/trust/repository/root",
                    Envelope.sign(withStranger(proposal, "timestamp"), signers(offline))
                            .toJson(),
                    "root-online-keys-missing");
            assertThat(operatorWith(Role.RELEASE_MANAGER)
                            .post(
                                    "/api/v1/trust/repository/root",
                                    Envelope.sign(proposal, signers(offline)).toJson())
                            .status())
                    .isEqualTo(403);
            assertThat(count("repository_metadata")).isEqualTo(files);
            assertThat(activeKeys()).isEqualTo(active);
            assertThat(latestRoot(api).version()).isEqualTo(current.version());

            var rotated = officer.post(
                    "/api/v1/trust/repository/root",
                    Envelope.sign(proposal, signers(offline.subList(1, 3))).toJson());

            assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
            Root next = latestRoot(api);
            assertThat(next.version()).isEqualTo(current.version() + 1);
            assertThat(officer.get("/api/v1/trust/online-keys")
                            .json()
                            .get("timestamp")
                            .get("keyval")
                            .get("public")
                            .asString())
                    .isEqualTo(proposed.keysOf("timestamp")
                            .values()
                            .iterator()
                            .next()
                            .publicHex());
            Envelope timestamp = envelope(bytes(api, "/repo/timestamp.json"));
            assertThat(next.signedBy(timestamp, "timestamp"))
                    .as("re-signed with the new key")
                    .isTrue();
            assertThat(next.signedBy(oldTimestamp, "timestamp"))
                    .as("old-key timestamps are no longer trusted")
                    .isFalse();
            verifiedTargets(api, next);
            var image = publishImage(admin, 5);
            assertThat(verifiedTargets(api, latestRoot(api)).get("targets").has(image.targetPath()))
                    .as("publication signs with the new keys")
                    .isTrue();
            assertThat(jdbc.sql("SELECT COUNT(*) FROM signing_key WHERE key_role IN ('image-snapshot', "
                                    + "'image-timestamp') AND status = 'RETIRED' AND retired_at IS NOT NULL")
                            .query(Long.class)
                            .single())
                    .isEqualTo(2);
            assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_record WHERE action = 'repository.root' AND details LIKE "
                                    + "'%rotatedOnlineKeys%timestamp%'")
                            .query(Long.class)
                            .single())
                    .isEqualTo(1);
        }

        @Test
        void directorOnlineKeysRotateEveryVehicleIsReSignedAndTheRootIsHandedOverToOfflineKeys() {
            var officer = operatorWith(Role.SECURITY_OFFICER);
            TestFleet fleet = new TestFleet(jdbc, admin);
            List<ApiClient> vehicles = new ArrayList<>();
            List<String> vins = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                String vin = fleet.vehicle("Rotation-" + getClass().getSimpleName(), "EU", "1.0.0", "ROT-HW");
                vins.add(vin);
                vehicles.add(fleet.credentialFor(vin));
            }
            for (int i = 0; i < 3; i++) {
                director(vehicles.get(i), vins.get(i), "timestamp.json");
            }
            var status = officer.get("/api/v1/trust/director").json();
            assertThat(status.get("mode").asString()).isEqualTo("development");
            assertThat(status.get("notForProduction").asBoolean()).isTrue();
            assertThat(status.get("notice").asString()).contains("NOT FOR PRODUCTION");
            Root current = Root.fromSigned(
                    JSON.readTree(officer.get("/api/v1/trust/director/root").body())
                            .get("signed"));
            assertThat(current.version()).isEqualTo(status.get("rootVersion").asLong());
            long targetsVersion = director(vehicles.get(0), vins.get(0), "targets.json")
                    .signed()
                    .get("version")
                    .asLong();

            ObjectNode proposal = (ObjectNode) officer.post("/api/v1/trust/director/root/proposal", Map.of())
                    .json();
            assertThat(proposal.get("consistent_snapshot").asBoolean()).isFalse();
            long roots = count("director_root");
            String before = jdbc.sql("SELECT timestamp_body FROM director_vehicle WHERE vin = :v")
                    .param("v", vins.get(0))
                    .query(String.class)
                    .single();
            refused(
                    officer,
                    "/api/v1/trust/director/root",
                    Envelope.sign(proposal.deepCopy().put("consistent_snapshot", true), Map.of())
                            .toJson(),
                    "root-invalid");
            refused(
                    officer,
                    "/api/v1/trust/director/root",
                    Envelope.sign(withStranger(proposal, "targets"), Map.of()).toJson(),
                    "root-online-keys-missing");
            refused(
                    officer,
                    "/api/v1/trust/director/root",
                    Envelope.sign(proposal.deepCopy().put("version", current.version() + 2), Map.of())
                            .toJson(),
                    "root-version-not-next");
            assertThat(operatorWith(Role.RELEASE_MANAGER)
                            .post("/api/v1/trust/director/root", unsigned(proposal))
                            .status())
                    .isEqualTo(403);
            assertThat(count("director_root")).isEqualTo(roots);
            assertThat(jdbc.sql("SELECT timestamp_body FROM director_vehicle WHERE vin = :v")
                            .param("v", vins.get(0))
                            .query(String.class)
                            .single())
                    .isEqualTo(before);

            // Development mode: the server holds the director root key and counter-signs the draft as root N and N+1.
            var rotated = officer.post("/api/v1/trust/director/root", unsigned(proposal));

            assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
            Root next = Root.fromSigned(proposal);
            for (int i = 0; i < 3; i++) {
                Envelope root = director(vehicles.get(i), vins.get(i), next.version() + ".root.json");
                assertThat(current.signedBy(root, "root") && next.signedBy(root, "root"))
                        .isTrue();
                for (String role : List.of("targets", "snapshot", "timestamp")) {
                    Envelope file = director(vehicles.get(i), vins.get(i), role + ".json");
                    assertThat(next.signedBy(file, role))
                            .as(vins.get(i) + " " + role)
                            .isTrue();
                    assertThat(current.signedBy(file, role)).isFalse();
                }
            }
            assertThat(director(vehicles.get(0), vins.get(0), "targets.json")
                            .signed()
                            .get("version")
                            .asLong())
                    .as("versions only grow")
                    .isGreaterThan(targetsVersion);
            assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_record WHERE action = 'director.root' AND details LIKE "
                                    + "'%vehiclesResigned%'")
                            .query(Long.class)
                            .single())
                    .isEqualTo(1);

            List<KeyPair> offline = List.of(Ed25519.generate(), Ed25519.generate(), Ed25519.generate());
            var handedOver = officer.post(
                    "/api/v1/trust/director/root",
                    Envelope.sign(withRootKeys(next, offline, 2, false), signers(offline.subList(0, 2)))
                            .toJson());
            assertThat(handedOver.status()).as(handedOver.body()).isEqualTo(200);
            assertThat(handedOver.json().get("mode").asString()).isEqualTo("offline");
            assertThat(handedOver.json().get("notForProduction").asBoolean()).isFalse();
            ObjectNode offlineProposal = (ObjectNode) officer.post("/api/v1/trust/director/root/proposal", Map.of())
                    .json();
            refused(officer, "/api/v1/trust/director/root", unsigned(offlineProposal), "root-signature-threshold");
            var offlineRotation = officer.post(
                    "/api/v1/trust/director/root",
                    Envelope.sign(offlineProposal, signers(offline.subList(0, 2)))
                            .toJson());
            assertThat(offlineRotation.status()).as(offlineRotation.body()).isEqualTo(200);
            assertThat(offlineRotation.json().get("rootVersion").asLong()).isEqualTo(next.version() + 2);
            assertThat(Root.fromSigned(offlineProposal)
                            .signedBy(director(vehicles.get(2), vins.get(2), "timestamp.json"), "timestamp"))
                    .isTrue();
        }

        private long activeKeys() {
            return jdbc.sql("SELECT COUNT(*) FROM signing_key WHERE status = 'ACTIVE'")
                    .query(Long.class)
                    .single();
        }

        private static Envelope director(ApiClient vehicle, String vin, String name) {
            var answer = vehicle.get("/device/v1/vehicles/" + vin + "/director/" + name);
            assertThat(answer.status()).as(name + ": " + answer.body()).isEqualTo(200);
            return Envelope.fromJson(answer.json());
        }

        private static void refused(ApiClient client, String path, JsonNode body, String code) {
            var answer = client.post(path, body);
            assertThat(answer.status()).as(answer.body()).isEqualTo(422);
            assertThat(answer.code()).isEqualTo(code);
            assertThat(answer.contentType()).contains("application/problem+json");
        }
    }

    static ObjectNode unsigned(JsonNode signed) {
        ObjectNode envelope = JSON.createObjectNode();
        envelope.set("signed", signed);
        envelope.putArray("signatures");
        return envelope;
    }

    static Map<TufKey, PrivateKey> signers(List<KeyPair> pairs) {
        Map<TufKey, PrivateKey> signers = new LinkedHashMap<>();
        pairs.forEach(p -> signers.put(TufKey.of(p.getPublic()), p.getPrivate()));
        return signers;
    }

    /** The draft with {@code role} on a key the server does not have. */
    static ObjectNode withStranger(ObjectNode proposal, String role) {
        ObjectNode copy = proposal.deepCopy();
        TufKey stranger = TufKey.of(Ed25519.generate().getPublic());
        copy.withObject("keys").set(stranger.keyId(), stranger.toJson());
        copy.withObject("roles").withObject(role).putArray("keyids").add(stranger.keyId());
        return copy;
    }

    /** Root N+1 with the same other roles and the root role on these keys. */
    static ObjectNode withRootKeys(Root current, List<KeyPair> pairs, int threshold, boolean consistent) {
        Map<String, TufKey> keys = new HashMap<>(current.keys());
        List<String> ids = new ArrayList<>();
        pairs.forEach(p -> {
            TufKey key = TufKey.of(p.getPublic());
            keys.put(key.keyId(), key);
            ids.add(key.keyId());
        });
        Map<String, Root.RoleKeys> roles = new HashMap<>(current.roles());
        roles.put("root", new Root.RoleKeys(ids, threshold));
        return new Root(current.version() + 1, current.expires(), consistent, keys, roles).toSigned();
    }

    @Nested
    class OnH2 extends Contract {}

    @Nested
    @PostgresTest
    class OnPostgres extends Contract {}
}

package io.pitwall.server.trust;

import static io.pitwall.server.trust.RepositoryFixtures.bytes;
import static io.pitwall.server.trust.RepositoryFixtures.envelope;
import static io.pitwall.server.trust.RepositoryFixtures.latestRoot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.pitwall.protocol.tuf.Ed25519;
import io.pitwall.protocol.tuf.Envelope;
import io.pitwall.protocol.tuf.Root;
import io.pitwall.protocol.tuf.RootRejected;
import io.pitwall.protocol.tuf.TufKey;
import io.pitwall.server.access.Role;
import io.pitwall.server.support.ApiClient;
import io.pitwall.server.support.IntegrationTest;
import io.pitwall.server.support.PostgresTest;
import io.pitwall.server.trust.internal.RepositoryTestAccess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Handing both repositories over to offline keys (what {@code ./pitwall keys init} and {@code init --director} do),
 * then rotating their online keys, leaves no private half of a key the roots in force no longer name: not in the
 * database, not in a file of the data directory. A forged root N+1 signed with such a key alone is refused by a
 * client provisioned with the newest root. In an application context of its own: the hand-over is for good.
 */
@TestPropertySource(properties = "pitwall.test.context=superseded-keys")
class SupersededKeysIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** The hand-over of each application context (by port), done by whichever test comes first. */
    private static final Map<Integer, HandOver> HANDED_OVER = new ConcurrentHashMap<>();

    /** A server key as an attacker copying the database and the key-encryption key before the hand-over had it. */
    record Captured(String keyId, String role, String ciphertext, String nonce, TufKey publicKey, PrivateKey key) {}

    /** What the hand-over replaced: the server's keys then, and the offline root keys now in force. */
    record HandOver(Map<String, Captured> before, List<KeyPair> imageRoots, List<KeyPair> directorRoots) {}

    abstract static class Contract extends IntegrationTest {

        @Autowired
        ApplicationContext context;

        @Test
        void theHandOverDestroysEveryPrivateKeyTheRootsInForceNoLongerNameAndAuditsIt() throws IOException {
            HandOver handOver = handOver();

            for (Captured old : handOver.before().values()) {
                var row = jdbc.sql(
                                "SELECT status, destroyed_at, encrypted_private_key, nonce, kdf_salt FROM signing_key "
                                        + "WHERE key_id = :id")
                        .param("id", old.keyId())
                        .query()
                        .singleRow();
                assertThat(row.get("status")).as(old.role()).isEqualTo("RETIRED");
                assertThat(row.get("destroyed_at")).as(old.role()).isNotNull();
                assertThat(row.get("encrypted_private_key")).as(old.role()).isNull();
                assertThat(row.get("nonce")).as(old.role()).isNull();
                assertThat(row.get("kdf_salt")).as(old.role()).isNull();
                assertThat(destructionsAudited(old)).as(old.role()).isPositive();
            }
            assertThat(stillHeld(supersededKeyIds()))
                    .as("keys an earlier root named, the root in force does not")
                    .isEmpty();
            assertDataDirectoryHoldsNone(handOver.before().values());

            var access = RepositoryTestAccess.of(context);
            assertThat(access.serverRootKey())
                    .as("the server holds no image root key any more")
                    .isEmpty();
            assertThat(access.serverKey(SigningKey.DIRECTOR_ROOT)).isEmpty();
            assertThat(admin.get("/api/v1/trust/repository").json().get("mode").asString())
                    .isEqualTo("offline");
            assertThat(admin.get("/api/v1/trust/director").json().get("mode").asString())
                    .isEqualTo("offline");
            JsonNode oldTargetsKey =
                    listedKey(handOver.before().get(SigningKey.IMAGE_TARGETS).keyId());
            assertThat(oldTargetsKey.get("status").asString()).isEqualTo("RETIRED");
            assertThat(oldTargetsKey.get("destroyedAt").isNull()).isFalse();
            assertThat(oldTargetsKey.get("notForProduction").asBoolean())
                    .as("no longer held by anyone")
                    .isFalse();
        }

        @Test
        void aRootSignedByTheOldRootKeyAloneIsRefusedByTheServerAndByAClientHoldingTheNewestRoot() {
            HandOver handOver = handOver();
            Root image = latestRoot(api);
            Root director = Root.fromSigned(
                    JSON.readTree(admin.get("/api/v1/trust/director/root").body())
                            .get("signed"));
            var officer = operatorWith(Role.SECURITY_OFFICER);
            long imageRoots = count("repository_metadata");
            long directorRoots = count("director_root");

            for (var attack : List.of(
                    new Object[] {image, SigningKey.IMAGE_ROOT, "/api/v1/trust/repository/root"},
                    new Object[] {director, SigningKey.DIRECTOR_ROOT, "/api/v1/trust/director/root"})) {
                Root newest = (Root) attack[0];
                Envelope forged = forgedNext(newest, handOver.before().get((String) attack[1]));

                RootRejected refused =
                        catchThrowableOfType(RootRejected.class, () -> newest.verifyNext(forged, Instant.now()));
                assertThat(refused)
                        .as("a client holding root " + newest.version())
                        .isNotNull();
                assertThat(refused.code()).isEqualTo("root-signature-threshold");
                var uploaded = officer.post((String) attack[2], forged.toJson());
                assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(422);
                assertThat(uploaded.code())
                        .as("the server no longer counter-signs")
                        .isEqualTo("root-signature-threshold");
            }
            assertThat(count("repository_metadata")).isEqualTo(imageRoots);
            assertThat(count("director_root")).isEqualTo(directorRoots);
        }

        @Test
        void aDatabaseFromBeforeDestructionLosesItsSupersededKeysAtStartUp() {
            HandOver handOver = handOver();
            Captured root = handOver.before().get(SigningKey.IMAGE_ROOT);
            Captured director = handOver.before().get(SigningKey.DIRECTOR_TIMESTAMP);
            // As such a database holds them: the development root key still ACTIVE, a rotated online key RETIRED,
            // both with their private halves.
            restore(root, "ACTIVE");
            restore(director, "RETIRED");
            var access = RepositoryTestAccess.of(context);
            assertThat(access.serverRootKey()).isNotEmpty();
            long audited = destructionsAudited(root);

            List<String> destroyed = access.destroySupersededKeys();

            assertThat(destroyed).containsExactlyInAnyOrder(root.keyId(), director.keyId());
            assertThat(access.serverRootKey()).isEmpty();
            assertThat(stillHeld(supersededKeyIds())).isEmpty();
            assertThat(access.destroySupersededKeys())
                    .as("nothing left to destroy")
                    .isEmpty();
            assertThat(destructionsAudited(root)).isEqualTo(audited + 1);
        }

        long destructionsAudited(Captured key) {
            return jdbc.sql("SELECT COUNT(*) FROM audit_record WHERE action = 'key.destroy' AND target = :t")
                    .param("t", "key:" + key.keyId())
                    .query(Long.class)
                    .single();
        }

        /** Hands both repositories over once per application context, capturing the server's keys first. */
        HandOver handOver() {
            return HANDED_OVER.computeIfAbsent(port, p -> handOverBoth());
        }

        private HandOver handOverBoth() {
            var access = RepositoryTestAccess.of(context);
            Map<String, Captured> before = new LinkedHashMap<>();
            for (String role : List.of(
                    SigningKey.IMAGE_ROOT,
                    SigningKey.IMAGE_TARGETS,
                    SigningKey.IMAGE_SNAPSHOT,
                    SigningKey.IMAGE_TIMESTAMP,
                    SigningKey.DIRECTOR_ROOT,
                    SigningKey.DIRECTOR_TARGETS,
                    SigningKey.DIRECTOR_SNAPSHOT,
                    SigningKey.DIRECTOR_TIMESTAMP)) {
                var held = access.serverKey(role).entrySet().iterator().next();
                var sealed = jdbc.sql("SELECT encrypted_private_key, nonce FROM signing_key WHERE key_id = :id")
                        .param("id", held.getKey().keyId())
                        .query()
                        .singleRow();
                before.put(
                        role,
                        new Captured(
                                held.getKey().keyId(),
                                role,
                                (String) sealed.get("encrypted_private_key"),
                                ((String) sealed.get("nonce")).trim(),
                                held.getKey(),
                                held.getValue()));
            }
            var officer = operatorWith(Role.SECURITY_OFFICER);
            List<KeyPair> imageRoots = List.of(Ed25519.generate(), Ed25519.generate(), Ed25519.generate());
            KeyPair targets = Ed25519.generate();
            // keys init: offline root keys (2 of 3) and an offline targets key; the server counter-signs as root N.
            ObjectNode image =
                    withRole(withRole(latestRoot(api), "root", imageRoots, 2, true), "targets", List.of(targets), 1);
            accepted(officer.post(
                    "/api/v1/trust/repository/root",
                    Envelope.sign(image, signers(imageRoots.subList(0, 2))).toJson()));
            // keys sign-root --proposal: fresh online snapshot and timestamp keys.
            JsonNode proposal = officer.post("/api/v1/trust/repository/root/proposal", Map.of())
                    .json();
            accepted(officer.post(
                    "/api/v1/trust/repository/root",
                    Envelope.sign(proposal, signers(imageRoots.subList(1, 3))).toJson()));
            // keys init --director, then keys sign-root --director --proposal.
            List<KeyPair> directorRoots = List.of(Ed25519.generate(), Ed25519.generate(), Ed25519.generate());
            Root director = Root.fromSigned(
                    JSON.readTree(officer.get("/api/v1/trust/director/root").body())
                            .get("signed"));
            accepted(officer.post(
                    "/api/v1/trust/director/root",
                    Envelope.sign(
                                    withRole(director, "root", directorRoots, 2, false),
                                    signers(directorRoots.subList(0, 2)))
                            .toJson()));
            JsonNode directorProposal = officer.post("/api/v1/trust/director/root/proposal", Map.of())
                    .json();
            accepted(officer.post(
                    "/api/v1/trust/director/root",
                    Envelope.sign(directorProposal, signers(directorRoots.subList(0, 2)))
                            .toJson()));
            return new HandOver(before, imageRoots, directorRoots);
        }

        /** Keyids some root of either repository named that the root in force of that repository names nowhere. */
        Set<String> supersededKeyIds() {
            Set<String> superseded = new HashSet<>();
            superseded.addAll(superseded(
                    jdbc.sql("SELECT body FROM repository_metadata WHERE role_name = 'root' ORDER BY meta_version")
                            .query(String.class)
                            .list()));
            superseded.addAll(superseded(jdbc.sql("SELECT body FROM director_root ORDER BY meta_version")
                    .query(String.class)
                    .list()));
            assertThat(superseded).as("the hand-over superseded keys").isNotEmpty();
            return superseded;
        }

        private static Set<String> superseded(List<String> roots) {
            Set<String> ever = new HashSet<>();
            Set<String> last = new HashSet<>();
            for (String body : roots) {
                last = new HashSet<>();
                for (Root.RoleKeys role : Root.fromSigned(JSON.readTree(body).get("signed"))
                        .roles()
                        .values()) {
                    last.addAll(role.keyIds());
                }
                ever.addAll(last);
            }
            ever.removeAll(last);
            return ever;
        }

        /** Of these keyids, the ones whose private half is still stored. */
        List<String> stillHeld(Set<String> keyIds) {
            return jdbc.sql("SELECT key_id FROM signing_key WHERE key_id IN (:ids) AND (encrypted_private_key IS NOT "
                            + "NULL OR nonce IS NOT NULL)")
                    .param("ids", keyIds)
                    .query(String.class)
                    .list();
        }

        /** No file under the data directory holds a key's ciphertext or its private key in any encoding. */
        void assertDataDirectoryHoldsNone(java.util.Collection<Captured> keys) throws IOException {
            Path dataDir = Path.of(context.getEnvironment().getRequiredProperty("pitwall.data-dir"));
            Map<String, byte[]> needles = new LinkedHashMap<>();
            for (Captured key : keys) {
                byte[] pkcs8 = key.key().getEncoded();
                byte[] seed = java.util.Arrays.copyOfRange(pkcs8, pkcs8.length - 32, pkcs8.length);
                needles.put(key.role() + " ciphertext", key.ciphertext().getBytes(StandardCharsets.US_ASCII));
                needles.put(
                        key.role() + " ciphertext bytes", Base64.getDecoder().decode(key.ciphertext()));
                for (byte[] secret : List.of(pkcs8, seed)) {
                    needles.put(key.role() + " raw " + secret.length, secret);
                    needles.put(
                            key.role() + " hex " + secret.length,
                            HexFormat.of().formatHex(secret).getBytes(StandardCharsets.US_ASCII));
                    needles.put(
                            key.role() + " base64 " + secret.length,
                            Base64.getEncoder().encode(secret));
                }
            }
            List<Path> files;
            try (Stream<Path> walk = Files.walk(dataDir)) {
                files = walk.filter(Files::isRegularFile).toList();
            }
            assertThat(files).as("the data directory has files to look through").isNotEmpty();
            List<String> found = new ArrayList<>();
            for (Path file : files) {
                String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                needles.forEach((what, needle) -> {
                    if (content.contains(new String(needle, StandardCharsets.ISO_8859_1))) {
                        found.add(what + " in " + file);
                    }
                });
            }
            assertThat(found).isEmpty();
        }

        JsonNode listedKey(String keyId) {
            for (JsonNode key : admin.get("/api/v1/keys").json()) {
                if (key.get("keyid").asString().equals(keyId)) {
                    return key;
                }
            }
            throw new AssertionError("key " + keyId + " is not listed");
        }

        /** Puts a captured private half back into its row, as a database from before destruction still has it. */
        void restore(Captured key, String status) {
            jdbc.sql("UPDATE signing_key SET status = :s, active_slot = :slot, destroyed_at = NULL, nonce = :n, "
                            + "encrypted_private_key = :c WHERE key_id = :id")
                    .param("s", status)
                    .param("slot", "ACTIVE".equals(status) ? 1 : null)
                    .param("n", key.nonce())
                    .param("c", key.ciphertext())
                    .param("id", key.keyId())
                    .update();
        }

        /**
         * Root N+1 after {@code newest} in which the old key holds every role (the forger then trusts only it),
         * signed by that key alone: valid by its own keys, not by root N's.
         */
        static Envelope forgedNext(Root newest, Captured old) {
            Map<String, Root.RoleKeys> roles = new HashMap<>();
            for (String role : Root.ROLES) {
                roles.put(role, new Root.RoleKeys(List.of(old.keyId()), 1));
            }
            Root forged = new Root(
                    newest.version() + 1,
                    Instant.now().plus(Duration.ofDays(300)),
                    newest.consistentSnapshot(),
                    Map.of(old.keyId(), old.publicKey()),
                    roles);
            return Envelope.sign(forged.toSigned(), old.publicKey(), old.key());
        }

        private static void accepted(ApiClient.Response answer) {
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        }
    }

    static Map<TufKey, PrivateKey> signers(List<KeyPair> pairs) {
        Map<TufKey, PrivateKey> signers = new LinkedHashMap<>();
        pairs.forEach(p -> signers.put(TufKey.of(p.getPublic()), p.getPrivate()));
        return signers;
    }

    /** Root N+1 with the same other roles and {@code role} on these keys. */
    static ObjectNode withRole(Root current, String role, List<KeyPair> pairs, int threshold, boolean consistent) {
        return withRole(current.toSigned(), role, pairs, threshold)
                .put("version", current.version() + 1)
                .put("consistent_snapshot", consistent);
    }

    static ObjectNode withRole(ObjectNode signed, String role, List<KeyPair> pairs, int threshold) {
        Root current = Root.fromSigned(signed);
        Map<String, TufKey> keys = new HashMap<>(current.keys());
        List<String> ids = new ArrayList<>();
        pairs.forEach(p -> {
            TufKey key = TufKey.of(p.getPublic());
            keys.put(key.keyId(), key);
            ids.add(key.keyId());
        });
        Map<String, Root.RoleKeys> roles = new HashMap<>(current.roles());
        roles.put(role, new Root.RoleKeys(ids, threshold));
        return new Root(
                        current.version(),
                        Instant.now().plus(Duration.ofDays(300)),
                        current.consistentSnapshot(),
                        keys,
                        roles)
                .toSigned();
    }

    @Nested
    class OnH2 extends Contract {

        @Test
        void tufJsHoldingTheNewestImageRootRefusesARootSignedByTheOldRootKeyAlone() throws Exception {
            String unavailable = TufJs.install();
            Assumptions.assumeTrue(unavailable == null, unavailable);
            HandOver handOver = handOver();
            Path root = TufJs.WORK.resolve("trusted-newest.root.json");
            Files.write(root, bytes(api, "/repo/root.json"));
            Root newest = Root.fromSigned(envelope(Files.readAllBytes(root)).signed());
            assertThat(newest.version()).isEqualTo(latestRoot(api).version());
            Path forged = TufJs.WORK.resolve("forged-" + (newest.version() + 1) + ".root.json");
            Files.write(
                    forged,
                    JSON.writeValueAsBytes(forgedNext(newest, handOver.before().get(SigningKey.IMAGE_ROOT))
                            .toJson()));

            var result = TufJs.check(
                    port,
                    root,
                    "ANY/fw.bin",
                    "forged-root",
                    TufJs.WORK.resolve("client-forged-root"),
                    forged.toAbsolutePath().toString());

            assertThat(result.exit()).as(result.output()).isEqualTo(1);
            assertThat(result.output()).startsWith("FAIL UnsignedMetadataError").contains("root");
        }
    }

    @Nested
    @PostgresTest
    class OnPostgres extends Contract {}
}

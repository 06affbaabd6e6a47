package io.pitwall.server.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pitwall.protocol.tuf.Envelope;
import io.pitwall.protocol.tuf.SignedTarget;
import io.pitwall.protocol.tuf.TargetEntry;
import io.pitwall.protocol.tuf.TufKey;
import io.pitwall.server.access.Role;
import io.pitwall.server.support.IntegrationTest;
import io.pitwall.server.support.PostgresTest;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;

class TrustIntegrationTests {

    abstract static class Contract extends IntegrationTest {

        @Autowired
        TargetSigning signing;

        @Test
        void listsTheDevelopmentKeyAsNotForProduction() {
            var answer = operatorWith(Role.VIEWER).get("/api/v1/keys");
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.json().size()).isEqualTo(1);
            var key = answer.json().get(0);
            assertThat(key.get("role").asString()).isEqualTo("image-targets");
            assertThat(key.get("mode").asString()).isEqualTo("development");
            assertThat(key.get("status").asString()).isEqualTo("ACTIVE");
            assertThat(key.get("notForProduction").asBoolean()).isTrue();
            assertThat(key.get("notice").asString()).contains("not for production");
            assertThat(TufKey.fromJson(key.get("key")).keyId())
                    .isEqualTo(key.get("keyid").asString());
        }

        @Test
        void signaturesVerifyWithThePublishedKey() {
            var entry = new TargetEntry(42, Map.of("sha256", "ab".repeat(32)), List.of("HW-1"), 3, "TCU");
            Envelope envelope = signing.sign("HW-1/fw.bin", entry);
            var keyJson = admin.get("/api/v1/keys").json().get(0).get("key");
            TufKey key = TufKey.fromJson(keyJson);
            assertThat(SignedTarget.verify(envelope, "HW-1/fw.bin", Map.of(key.keyId(), key)))
                    .isEqualTo(entry);
        }

        @Test
        void thePrivateKeyIsStoredEncryptedAndItsCreationAudited() {
            var row = jdbc.sql("SELECT kek_kind, nonce, encrypted_private_key FROM signing_key WHERE key_role = "
                            + "'image-targets'")
                    .query()
                    .singleRow();
            assertThat(row.get("kek_kind")).isEqualTo("FILE");
            // PKCS#8 of an Ed25519 key is 48 bytes; GCM adds a 16-byte tag.
            assertThat(java.util.Base64.getDecoder().decode((String) row.get("encrypted_private_key")))
                    .hasSize(64);
            // A rotation proposal (another test of this context may have asked for one) adds PENDING keys.
            assertThat(jdbc.sql("SELECT COUNT(*) FROM signing_key WHERE status = 'ACTIVE'")
                            .query(Long.class)
                            .single())
                    .as("image targets, the image repository's root, snapshot and timestamp, "
                            + "and the director's root, targets, snapshot and timestamp")
                    .isEqualTo(8);
            assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_record WHERE action = 'key.generate'")
                            .query(Long.class)
                            .single())
                    .as("every key's creation is audited")
                    .isEqualTo(jdbc.sql("SELECT COUNT(*) FROM signing_key")
                            .query(Long.class)
                            .single());
        }

        @Test
        void theDatabaseAllowsOneActiveKeyPerRole() {
            assertThatThrownBy(() -> jdbc.sql("""
                    INSERT INTO signing_key (key_id, key_role, key_mode, status, active_slot, public_key, kek_kind,
                        nonce, encrypted_private_key, created_at, version)
                    SELECT :id, key_role, key_mode, status, active_slot, public_key, kek_kind, nonce,
                        encrypted_private_key, created_at, 0 FROM signing_key WHERE key_role = 'image-targets'""").param("id", "0".repeat(64)).update())
                    .isInstanceOf(DataIntegrityViolationException.class);
            assertThat(jdbc.sql("INSERT INTO signing_key (key_id, key_role, key_mode, status, active_slot, public_key,"
                                    + " kek_kind, nonce, encrypted_private_key, created_at, version) SELECT :id, key_role, key_mode,"
                                    + " 'RETIRED', NULL, public_key, kek_kind, nonce, encrypted_private_key, :now, 0 FROM signing_key"
                                    + " WHERE key_role = 'image-targets'")
                            .param("id", "1".repeat(64))
                            .param("now", OffsetDateTime.now())
                            .update())
                    .as("retired keys are kept beside the active one")
                    .isEqualTo(1);
            assertThat(admin.get("/api/v1/keys").json().size()).isEqualTo(2);
            jdbc.sql("DELETE FROM signing_key WHERE status = 'RETIRED'").update();
        }
    }

    @Nested
    class OnH2 extends Contract {}

    @Nested
    @PostgresTest
    class OnPostgres extends Contract {}
}

package io.pitwall.server.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pitwall.server.access.Role;
import io.pitwall.server.support.IntegrationTest;
import io.pitwall.server.support.PostgresTest;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;

class AuditTrailIntegrationTests {

    abstract static class Contract extends IntegrationTest {

        @Test
        void stateChangesAreRecordedAndTheChainVerifies() {
            long before = count("audit_record");
            operatorWith(Role.VIEWER);
            var auditor = operatorWith(Role.AUDITOR);
            assertThat(count("audit_record")).isEqualTo(before + 2);

            var page = auditor.get("/api/v1/audit?action=operator.create&size=10");
            assertThat(page.status()).isEqualTo(200);
            var first = page.json().get("items").get(0);
            assertThat(first.get("operator").asString()).isEqualTo("admin");
            assertThat(first.get("role").asString()).isEqualTo("admin");
            assertThat(first.get("outcome").asString()).isEqualTo("SUCCEEDED");
            assertThat(first.get("requestId").asString()).isNotBlank();

            var verdict = auditor.get("/api/v1/audit/verify");
            assertThat(verdict.json().get("intact").asBoolean()).isTrue();
            assertThat(verdict.json().get("length").asLong()).isEqualTo(count("audit_record"));
        }

        @Test
        void refusedRequestsAreRecorded() {
            var viewer = operatorWith(Role.VIEWER);
            long refused = jdbc.sql("SELECT COUNT(*) FROM audit_record WHERE outcome = 'REFUSED'")
                    .query(Long.class)
                    .single();
            var answer = viewer.post(
                    "/api/v1/operators", Map.of("username", "x1", "password", "long-enough-pass", "role", "admin"));
            assertThat(answer.status()).isEqualTo(403);
            assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_record WHERE outcome = 'REFUSED'")
                            .query(Long.class)
                            .single())
                    .isEqualTo(refused + 1);
        }

        @Test
        void invalidFiltersAreRefused() {
            var auditor = operatorWith(Role.AUDITOR);
            for (String query : new String[] {"outcome=MAYBE", "size=100000", "page=-1", "from=yesterday"}) {
                var answer = auditor.get("/api/v1/audit?" + query);
                assertThat(answer.status()).as(query).isEqualTo(400);
                assertThat(answer.code()).as(query + ": " + answer.body()).isEqualTo("invalid-parameter");
            }
        }
    }

    /**
     * H2 has no append-only trigger, so these tests can tamper with the trail. Each restores what it
     * changed, because the application context (and its database) is shared with other test classes.
     */
    @Nested
    class OnH2 extends Contract {

        @Test
        void tamperingIsFoundAtTheFirstAlteredRecord() {
            long seq = twoNewRecords() - 1;
            String original = target(seq);
            jdbc.sql("UPDATE audit_record SET target = 'operator:someone-else' WHERE seq = :s")
                    .param("s", seq)
                    .update();
            try {
                var verdict = admin.get("/api/v1/audit/verify").json();
                assertThat(verdict.get("intact").asBoolean()).isFalse();
                assertThat(verdict.get("firstBadSeq").asLong()).isEqualTo(seq);
                assertThat(verdict.get("problem").asString()).contains("altered");
            } finally {
                jdbc.sql("UPDATE audit_record SET target = :t WHERE seq = :s")
                        .param("t", original)
                        .param("s", seq)
                        .update();
            }
            assertThat(admin.get("/api/v1/audit/verify").json().get("intact").asBoolean())
                    .isTrue();
        }

        @Test
        void aDeletedRecordIsFound() {
            long seq = twoNewRecords() - 1;
            Map<String, Object> kept = jdbc.sql("SELECT * FROM audit_record WHERE seq = :s")
                    .param("s", seq)
                    .query()
                    .singleRow();
            jdbc.sql("DELETE FROM audit_record WHERE seq = :s").param("s", seq).update();
            try {
                var verdict = admin.get("/api/v1/audit/verify").json();
                assertThat(verdict.get("intact").asBoolean()).isFalse();
                assertThat(verdict.get("firstBadSeq").asLong()).isEqualTo(seq);
                assertThat(verdict.get("problem").asString()).contains("deleted");
            } finally {
                var insert = jdbc.sql("INSERT INTO audit_record (" + String.join(", ", kept.keySet()) + ") VALUES ("
                        + String.join(
                                ", ", kept.keySet().stream().map(k -> ":" + k).toList()) + ")");
                for (var column : kept.entrySet()) {
                    insert = insert.param(column.getKey(), column.getValue());
                }
                insert.update();
            }
            assertThat(admin.get("/api/v1/audit/verify").json().get("intact").asBoolean())
                    .isTrue();
        }

        @Test
        void swappedRecordsAreFound() {
            long last = twoNewRecords();
            swap(last - 1, last);
            try {
                var verdict = admin.get("/api/v1/audit/verify").json();
                assertThat(verdict.get("intact").asBoolean()).isFalse();
                assertThat(verdict.get("firstBadSeq").asLong()).isEqualTo(last - 1);
            } finally {
                swap(last - 1, last);
            }
            assertThat(admin.get("/api/v1/audit/verify").json().get("intact").asBoolean())
                    .isTrue();
        }

        /** Appends two records and returns the seq of the newest. */
        private long twoNewRecords() {
            operatorWith(Role.VIEWER);
            operatorWith(Role.AUDITOR);
            return jdbc.sql("SELECT MAX(seq) FROM audit_record")
                    .query(Long.class)
                    .single();
        }

        private String target(long seq) {
            return jdbc.sql("SELECT target FROM audit_record WHERE seq = :s")
                    .param("s", seq)
                    .query(String.class)
                    .single();
        }

        // Moves each record to the other's position, keeping content and hash.
        private void swap(long a, long b) {
            jdbc.sql("UPDATE audit_record SET seq = -1 WHERE seq = :s")
                    .param("s", b)
                    .update();
            jdbc.sql("UPDATE audit_record SET seq = :to WHERE seq = :s")
                    .param("to", b)
                    .param("s", a)
                    .update();
            jdbc.sql("UPDATE audit_record SET seq = :to WHERE seq = -1")
                    .param("to", a)
                    .update();
        }
    }

    @Nested
    @PostgresTest
    class OnPostgres extends Contract {

        @Test
        void theDatabaseRefusesUpdateAndDelete() {
            operatorWith(Role.VIEWER);
            assertThatThrownBy(() ->
                            jdbc.sql("UPDATE audit_record SET target = 'x'").update())
                    .isInstanceOf(DataAccessException.class)
                    .rootCause()
                    .hasMessageContaining("append-only");
            assertThatThrownBy(() -> jdbc.sql("DELETE FROM audit_record").update())
                    .isInstanceOf(DataAccessException.class)
                    .rootCause()
                    .hasMessageContaining("append-only");
        }
    }
}

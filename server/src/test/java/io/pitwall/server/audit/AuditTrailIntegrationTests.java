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
                    .query(Long.class).single();
            var answer = viewer.post("/api/v1/operators", Map.of("username", "x1", "password", "long-enough-pass",
                    "role", "admin"));
            assertThat(answer.status()).isEqualTo(403);
            assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_record WHERE outcome = 'REFUSED'").query(Long.class)
                    .single()).isEqualTo(refused + 1);
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

    @Nested
    class OnH2 extends Contract {

        @Test
        void tamperingIsFoundAtTheFirstAlteredRecord() {
            operatorWith(Role.VIEWER);
            operatorWith(Role.VIEWER);
            long last = jdbc.sql("SELECT MAX(seq) FROM audit_record").query(Long.class).single();
            jdbc.sql("UPDATE audit_record SET target = 'operator:someone-else' WHERE seq = :s").param("s", last - 1)
                    .update();
            var verdict = admin.get("/api/v1/audit/verify").json();
            assertThat(verdict.get("intact").asBoolean()).isFalse();
            assertThat(verdict.get("firstBadSeq").asLong()).isEqualTo(last - 1);
            assertThat(verdict.get("problem").asString()).contains("altered");
        }
    }

    @Nested
    @PostgresTest
    class OnPostgres extends Contract {

        @Test
        void theDatabaseRefusesUpdateAndDelete() {
            operatorWith(Role.VIEWER);
            assertThatThrownBy(() -> jdbc.sql("UPDATE audit_record SET target = 'x'").update())
                    .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only");
            assertThatThrownBy(() -> jdbc.sql("DELETE FROM audit_record").update())
                    .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only");
        }
    }
}

package io.pitwall.server.audit.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.server.audit.AuditChainVerifier;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

class AuditRecordsTests {

    @Test
    void aDatabaseFromBeforeTheIntakeHasNothingPendingAndStillVerifies() {
        var dataSource = new DriverManagerDataSource("jdbc:h2:mem:audit-before-intake;DB_CLOSE_DELAY=-1", "sa", "");
        var jdbc = new JdbcTemplate(dataSource);
        jdbc.execute("CREATE TABLE audit_record (seq BIGINT PRIMARY KEY, occurred_at TIMESTAMP WITH TIME ZONE, "
                + "operator VARCHAR(100), role VARCHAR(40), action VARCHAR(200), target VARCHAR(300), outcome VARCHAR(20), "
                + "request_id VARCHAR(64), details VARCHAR(8000), prev_hash CHAR(64), hash CHAR(64))");
        jdbc.execute("CREATE TABLE audit_head (id INT PRIMARY KEY, seq BIGINT, hash CHAR(64))");
        jdbc.execute("INSERT INTO audit_head VALUES (1, 0, '" + "0".repeat(64) + "')");
        var records = new AuditRecords(dataSource);
        assertThat(records.pendingCount()).isZero();
        var report = new AuditChainVerifier(records).verify();
        assertThat(report.intact()).isTrue();
        assertThat(report.pending()).isZero();
    }
}

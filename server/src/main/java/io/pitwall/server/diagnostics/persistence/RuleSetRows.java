package io.pitwall.server.diagnostics.persistence;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Stored severity rule sets (table severity_rule_set). One active version at most: the active one carries
 * {@code active_slot = 'A'} under a unique constraint, so two concurrent activations cannot both win.
 */
@Repository
public class RuleSetRows {

    /** A stored version, its body as uploaded (re-serialized JSON). */
    public record Row(int version, String name, String body, boolean active, String uploadedBy, Instant uploadedAt) {}

    private static final String COLUMNS = "version, name, body, active_slot, uploaded_by, uploaded_at";
    private final JdbcClient jdbc;

    RuleSetRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The next version number; callers hold the rule-set lock, so no one else takes it meanwhile. */
    public int nextVersion() {
        return jdbc.sql("SELECT COALESCE(MAX(version), 0) + 1 FROM severity_rule_set")
                .query(Integer.class)
                .single();
    }

    public void insert(int version, String name, String body, int rules, String by, Instant at) {
        jdbc.sql("""
                INSERT INTO severity_rule_set (version, name, body, rule_count, uploaded_by, uploaded_at)
                VALUES (:version, :name, :body, :rules, :by, :at)""")
                .param("version", version)
                .param("name", name)
                .param("body", body)
                .param("rules", rules)
                .param("by", by)
                .param("at", DtcReports.utc(at))
                .update();
    }

    /** Makes the version the active one; false when it does not exist. */
    public boolean activate(int version) {
        jdbc.sql("UPDATE severity_rule_set SET active_slot = NULL WHERE active_slot = 'A' AND version <> :v")
                .param("v", version)
                .update();
        return jdbc.sql("UPDATE severity_rule_set SET active_slot = 'A' WHERE version = :v")
                        .param("v", version)
                        .update()
                == 1;
    }

    public Optional<Row> active() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM severity_rule_set WHERE active_slot = 'A'")
                .query((rs, n) -> row(rs))
                .optional();
    }

    public Optional<Row> find(int version) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM severity_rule_set WHERE version = :v")
                .param("v", version)
                .query((rs, n) -> row(rs))
                .optional();
    }

    /** Every version, newest first, without bodies. */
    public List<Row> list() {
        return jdbc.sql("""
                SELECT version, name, NULL AS body, active_slot, uploaded_by, uploaded_at FROM severity_rule_set
                ORDER BY version DESC""").query((rs, n) -> row(rs)).list();
    }

    public Optional<Integer> activeVersion() {
        return jdbc.sql("SELECT version FROM severity_rule_set WHERE active_slot = 'A'")
                .query(Integer.class)
                .optional();
    }

    private static Row row(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Row(
                rs.getInt("version"),
                rs.getString("name"),
                rs.getString("body"),
                "A".equals(rs.getString("active_slot")),
                rs.getString("uploaded_by"),
                rs.getObject("uploaded_at", OffsetDateTime.class).toInstant());
    }
}

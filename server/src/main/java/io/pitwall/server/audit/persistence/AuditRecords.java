package io.pitwall.server.audit.persistence;

import io.pitwall.server.audit.AuditEntry;
import io.pitwall.server.audit.AuditRecord;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The audit trail's table and its head row. Not a Spring bean by itself so the CLI can use it too. */
public class AuditRecords {

    /** The newest seq and hash, locked for the rest of the transaction. */
    public record Head(long seq, String hash) {}

    /** A committed entry waiting in the intake to be chained. */
    public record Pending(long id, AuditEntry entry) {}

    /** Filters for reading the trail; {@code null} means any. */
    public record Filter(
            String operator, String action, String target, String outcome, OffsetDateTime from, OffsetDateTime to) {}

    private static final String ENTRY_COLUMNS =
            "occurred_at, operator, role, action, target, outcome, request_id, details";
    private static final int WRITE_BATCH = 1_000;
    private static final String COLUMNS =
            "seq, occurred_at, operator, role, action, target, outcome, request_id, details, prev_hash, hash";
    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    public AuditRecords(DataSource dataSource) {
        this.template = new JdbcTemplate(dataSource);
        this.jdbc = JdbcClient.create(template);
    }

    public Head lockHead() {
        return jdbc.sql("SELECT seq, hash FROM audit_head WHERE id = 1 FOR UPDATE")
                .query((rs, i) -> new Head(rs.getLong(1), rs.getString(2)))
                .single();
    }

    public Head head() {
        return jdbc.sql("SELECT seq, hash FROM audit_head WHERE id = 1")
                .query((rs, i) -> new Head(rs.getLong(1), rs.getString(2)))
                .single();
    }

    public void append(List<AuditRecord> records) {
        template.batchUpdate(
                "INSERT INTO audit_record (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                records,
                records.size(),
                (ps, r) -> {
                    ps.setLong(1, r.seq());
                    ps.setObject(2, r.occurredAt());
                    ps.setString(3, r.operator());
                    ps.setString(4, r.role());
                    ps.setString(5, r.action());
                    ps.setString(6, r.target());
                    ps.setString(7, r.outcome());
                    ps.setString(8, r.requestId());
                    ps.setString(9, r.details());
                    ps.setString(10, r.prevHash());
                    ps.setString(11, r.hash());
                });
        AuditRecord last = records.get(records.size() - 1);
        jdbc.sql("UPDATE audit_head SET seq = :seq, hash = :hash WHERE id = 1")
                .param("seq", last.seq())
                .param("hash", last.hash())
                .update();
    }

    /** Writes entries to the intake, in the caller's transaction. */
    public void enqueue(List<AuditEntry> entries) {
        template.batchUpdate(
                "INSERT INTO audit_intake (" + ENTRY_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                entries,
                WRITE_BATCH,
                (ps, e) -> {
                    ps.setObject(1, e.occurredAt());
                    ps.setString(2, e.operator());
                    ps.setString(3, e.role());
                    ps.setString(4, e.action());
                    ps.setString(5, e.target());
                    ps.setString(6, e.outcome());
                    ps.setString(7, e.requestId());
                    ps.setString(8, e.details());
                });
    }

    /** The oldest committed entries of the intake, in the order they were written. */
    public List<Pending> pending(int limit) {
        return jdbc.sql("SELECT id, " + ENTRY_COLUMNS + " FROM audit_intake ORDER BY id FETCH FIRST :limit ROWS ONLY")
                .param("limit", limit)
                .query((rs, i) -> new Pending(
                        rs.getLong(1),
                        new AuditEntry(
                                rs.getObject(2, OffsetDateTime.class),
                                rs.getString(3),
                                rs.getString(4),
                                rs.getString(5),
                                rs.getString(6),
                                rs.getString(7),
                                rs.getString(8),
                                rs.getString(9))))
                .list();
    }

    /** Takes chained entries out of the intake (in the transaction that chained them). */
    public void dequeue(List<Long> ids) {
        template.batchUpdate("DELETE FROM audit_intake WHERE id = ?", ids, WRITE_BATCH, (ps, id) -> ps.setLong(1, id));
    }

    /** Entries waiting to be chained; 0 for a database from before the intake (the CLI verifies old ones too). */
    public long pendingCount() {
        try {
            return jdbc.sql("SELECT COUNT(*) FROM audit_intake")
                    .query(Long.class)
                    .single();
        } catch (BadSqlGrammarException noIntakeTable) {
            return 0;
        }
    }

    /** Streams the whole trail in chain order without holding it in memory. */
    public void streamAll(Consumer<AuditRecord> consumer) {
        template.execute((ConnectionCallback<Void>) connection -> {
            // PostgreSQL streams with a fetch size only outside auto-commit.
            boolean autoCommit = connection.getAutoCommit();
            if (autoCommit) {
                connection.setAutoCommit(false);
            }
            try (PreparedStatement statement =
                    connection.prepareStatement("SELECT " + COLUMNS + " FROM audit_record ORDER BY seq")) {
                statement.setFetchSize(5_000);
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        consumer.accept(map(rs));
                    }
                }
            } finally {
                if (autoCommit) {
                    connection.rollback();
                    connection.setAutoCommit(true);
                }
            }
            return null;
        });
    }

    public List<AuditRecord> page(Filter filter, int page, int size) {
        var where = where(filter);
        var spec = jdbc.sql("SELECT " + COLUMNS + " FROM audit_record" + where.sql()
                + " ORDER BY seq DESC OFFSET :offset ROWS FETCH NEXT :size ROWS ONLY");
        for (var p : where.params().entrySet()) {
            spec = spec.param(p.getKey(), p.getValue());
        }
        return spec.param("offset", (long) page * size)
                .param("size", size)
                .query((rs, i) -> map(rs))
                .list();
    }

    public long count(Filter filter) {
        var where = where(filter);
        var spec = jdbc.sql("SELECT COUNT(*) FROM audit_record" + where.sql());
        for (var p : where.params().entrySet()) {
            spec = spec.param(p.getKey(), p.getValue());
        }
        return spec.query(Long.class).single();
    }

    private record Where(String sql, Map<String, Object> params) {}

    private static Where where(Filter f) {
        List<String> clauses = new ArrayList<>();
        Map<String, Object> params = new LinkedHashMap<>();
        if (f.operator() != null) {
            clauses.add("operator = :operator");
            params.put("operator", f.operator());
        }
        if (f.action() != null) {
            clauses.add("action = :action");
            params.put("action", f.action());
        }
        if (f.target() != null) {
            clauses.add("target = :target");
            params.put("target", f.target());
        }
        if (f.outcome() != null) {
            clauses.add("outcome = :outcome");
            params.put("outcome", f.outcome());
        }
        if (f.from() != null) {
            clauses.add("occurred_at >= :from");
            params.put("from", f.from());
        }
        if (f.to() != null) {
            clauses.add("occurred_at < :to");
            params.put("to", f.to());
        }
        return new Where(clauses.isEmpty() ? "" : " WHERE " + String.join(" AND ", clauses), params);
    }

    private static AuditRecord map(ResultSet rs) throws SQLException {
        return new AuditRecord(
                rs.getLong(1),
                rs.getObject(2, OffsetDateTime.class),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                rs.getString(7),
                rs.getString(8),
                rs.getString(9),
                rs.getString(10),
                rs.getString(11));
    }
}

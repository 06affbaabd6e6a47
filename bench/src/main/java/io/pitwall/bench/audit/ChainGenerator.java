package io.pitwall.bench.audit;

import io.pitwall.server.audit.AuditRecord;
import io.pitwall.server.audit.ChainHash;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.SplittableRandom;
import javax.sql.DataSource;
import org.postgresql.PGConnection;

/**
 * Writes a valid audit chain of any length straight into an empty, migrated PostgreSQL trail with COPY,
 * hashing with the server's own {@link ChainHash}. Record {@code n} depends only on the seed and
 * {@code n}, so the same seed always produces the same chain.
 */
public final class ChainGenerator {

    private static final String[] OPERATORS = {"admin", "alice", "bob", "carol", "dave", "erin", "frank"};
    private static final String[] ROLES = {"admin", "release-manager", "approver", "fleet-operator", "auditor"};
    private static final String[] ACTIONS = {
        "vehicle.create",
        "vehicle.update",
        "campaign.create",
        "campaign.approve",
        "campaign.start",
        "release.publish",
        "operator.create",
        "token.issue",
        "case.open",
        "command.send"
    };
    private static final Instant START = Instant.parse("2024-06-01T00:00:00Z");
    private static final int CHUNK = 20_000;

    private final long seed;

    public ChainGenerator(long seed) {
        this.seed = seed;
    }

    /** The content of record {@code seq}, chained to {@code prevHash}. */
    public AuditRecord record(long seq, String prevHash) {
        var random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + seq);
        OffsetDateTime at = OffsetDateTime.ofInstant(START.plusMillis(seq * 37), ZoneOffset.UTC);
        String operator = OPERATORS[random.nextInt(OPERATORS.length)];
        String role = ROLES[random.nextInt(ROLES.length)];
        String action = ACTIONS[random.nextInt(ACTIONS.length)];
        String target = action.substring(0, action.indexOf('.')) + ":" + Long.toHexString(random.nextLong());
        String outcome = random.nextInt(20) == 0 ? "REFUSED" : "SUCCEEDED";
        String requestId = new java.util.UUID(random.nextLong(), random.nextLong()).toString();
        String details = "{\"reason\":\"generated\",\"value\":" + random.nextInt(1_000_000) + "}";
        String hash = ChainHash.of(
                prevHash, seq, at.toInstant(), operator, role, action, target, outcome, requestId, details);
        return new AuditRecord(seq, at, operator, role, action, target, outcome, requestId, details, prevHash, hash);
    }

    /** Appends {@code length} records to an empty trail and moves the head; returns the last hash. */
    public String write(DataSource dataSource, long length) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            var copy = connection.unwrap(PGConnection.class).getCopyAPI();
            String prev = ChainHash.GENESIS;
            var text = new StringBuilder(CHUNK * 400);
            for (long seq = 1; seq <= length; seq++) {
                AuditRecord r = record(seq, prev);
                line(text, r);
                prev = r.hash();
                if (seq % CHUNK == 0 || seq == length) {
                    try {
                        copy.copyIn(
                                "COPY audit_record (seq, occurred_at, operator, role, action, target, outcome, "
                                        + "request_id, details, prev_hash, hash) FROM STDIN",
                                new StringReader(text.toString()));
                    } catch (java.io.IOException e) {
                        throw new SQLException(e);
                    }
                    text.setLength(0);
                }
            }
            try (PreparedStatement head =
                    connection.prepareStatement("UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1")) {
                head.setLong(1, length);
                head.setString(2, prev);
                head.executeUpdate();
            }
            connection.commit();
            return prev;
        }
    }

    private static void line(StringBuilder out, AuditRecord r) {
        out.append(r.seq()).append('\t').append(r.occurredAt()).append('\t');
        field(out, r.operator()).append('\t');
        field(out, r.role()).append('\t');
        field(out, r.action()).append('\t');
        field(out, r.target()).append('\t');
        field(out, r.outcome()).append('\t');
        field(out, r.requestId()).append('\t');
        field(out, r.details()).append('\t');
        out.append(r.prevHash()).append('\t').append(r.hash()).append('\n');
    }

    /** COPY text format: backslash, tab and line breaks are escaped. */
    private static StringBuilder field(StringBuilder out, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
        return out;
    }
}

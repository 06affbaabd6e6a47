package io.pitwall.server.telemetry.persistence;

import io.pitwall.server.shared.Savepoints;
import io.pitwall.server.telemetry.DataQuality;
import io.pitwall.server.telemetry.RecordedEvent;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Stored vehicle events and the per-vehicle acknowledgement cursor. */
@Repository
public class VehicleEvents {

    /**
     * The vehicle's cursor, locked for the rest of the transaction.
     *
     * @param maxSeqOccurredAt the latest plausible (not future) time the vehicle gave an event that was, when it
     *                         arrived, its highest seq ({@code null} before any)
     */
    public record Cursor(long ackedThrough, long maxSeq, Instant maxSeqOccurredAt) {
    }

    private static final int PAGE = 1000;
    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final Savepoints savepoints;

    public VehicleEvents(JdbcClient jdbc, JdbcTemplate template, Savepoints savepoints) {
        this.jdbc = jdbc;
        this.template = template;
        this.savepoints = savepoints;
    }

    /**
     * Locks the vehicle's cursor for the rest of the transaction (one ingestion per vehicle at a time),
     * creating it on first contact. Two first batches at once: one creates it, the other waits and locks it.
     */
    public Cursor lockCursor(String vin, OffsetDateTime now) {
        return selectForUpdate(vin).orElseGet(() -> {
            savepoints.insertIfAbsent(() -> jdbc.sql("""
                    INSERT INTO event_cursor (vin, acked_through, max_seq, last_seen_at) VALUES (:vin, 0, 0, :now)""")
                    .param("vin", vin).param("now", now).update());
            return selectForUpdate(vin).orElseThrow();
        });
    }

    private Optional<Cursor> selectForUpdate(String vin) {
        return jdbc.sql("SELECT acked_through, max_seq, max_seq_occurred_at FROM event_cursor WHERE vin = :vin FOR UPDATE")
                .param("vin", vin).query((rs, i) -> {
                    OffsetDateTime at = rs.getObject(3, OffsetDateTime.class);
                    return new Cursor(rs.getLong(1), rs.getLong(2), at == null ? null : at.toInstant());
                }).optional();
    }

    public Set<Long> storedSeqs(String vin, long from, long to) {
        return new HashSet<>(jdbc.sql("SELECT seq FROM vehicle_event WHERE vin = :vin AND seq BETWEEN :f AND :t")
                .param("vin", vin).param("f", from).param("t", to).query(Long.class).list());
    }

    /**
     * The highest seq through which every seq after {@code from} is stored, read page by page so a
     * vehicle with a gap costs one short read, not a scan of everything stored after the gap.
     */
    public long contiguousThrough(String vin, long from) {
        long through = from;
        while (true) {
            List<Long> seqs = jdbc.sql("""
                    SELECT seq FROM vehicle_event WHERE vin = :vin AND seq > :f ORDER BY seq
                    FETCH FIRST %d ROWS ONLY""".formatted(PAGE)).param("vin", vin).param("f", through)
                    .query(Long.class).list();
            for (long seq : seqs) {
                if (seq != through + 1) {
                    return through;
                }
                through = seq;
            }
            if (seqs.size() < PAGE) {
                return through;
            }
        }
    }

    public void insert(List<RecordedEvent> events) {
        template.batchUpdate("""
                INSERT INTO vehicle_event (vin, seq, type, occurred_at, received_at, assignment_id, ecu_serial, code,
                    detail, progress, command_id, quality) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                events, events.size(), (ps, r) -> {
                    var e = r.event();
                    ps.setString(1, r.vin());
                    ps.setLong(2, e.seq());
                    ps.setString(3, e.type().code());
                    ps.setObject(4, e.occurredAt().atOffset(ZoneOffset.UTC));
                    ps.setObject(5, r.receivedAt().atOffset(ZoneOffset.UTC));
                    ps.setString(6, e.assignmentId());
                    ps.setString(7, e.ecuSerial());
                    ps.setString(8, e.code());
                    ps.setString(9, e.detail());
                    if (e.progress() == null) {
                        ps.setNull(10, Types.INTEGER);
                    } else {
                        ps.setInt(10, e.progress());
                    }
                    ps.setString(11, e.commandId());
                    ps.setString(12, r.quality().stream().map(DataQuality::name).sorted()
                            .collect(Collectors.joining(",")));
                });
    }

    public void updateCursor(String vin, long ackedThrough, long maxSeq, Instant maxSeqOccurredAt,
            OffsetDateTime now) {
        jdbc.sql("""
                UPDATE event_cursor SET acked_through = :a, max_seq = :m, max_seq_occurred_at = :mat, last_seen_at = :now
                WHERE vin = :vin""")
                .param("a", ackedThrough).param("m", maxSeq)
                .param("mat", maxSeqOccurredAt == null ? null : maxSeqOccurredAt.atOffset(ZoneOffset.UTC))
                .param("now", now).param("vin", vin).update();
    }

    public long count(String vin) {
        return jdbc.sql("SELECT COUNT(*) FROM vehicle_event WHERE vin = :vin").param("vin", vin).query(Long.class)
                .single();
    }

}

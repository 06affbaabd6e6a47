package io.pitwall.server.telemetry.persistence;

import io.pitwall.protocol.device.EventRefusal;
import io.pitwall.server.shared.Savepoints;
import io.pitwall.server.telemetry.DataQuality;
import io.pitwall.server.telemetry.RecordedEvent;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Stored vehicle events, refused ones, and the per-vehicle acknowledgement cursor. */
@Repository
public class VehicleEvents {

    /**
     * The vehicle's cursor, locked for the rest of the transaction.
     *
     * @param maxSeqOccurredAt the latest plausible (not future) time the vehicle gave an event that was, when it
     *                         arrived, its highest seq ({@code null} before any)
     */
    public record Cursor(long ackedThrough, long maxSeq, Instant maxSeqOccurredAt) {}

    /** What the server already holds of a range of seqs: stored events, and refused ones with their verdict. */
    public record Known(Set<Long> stored, Map<Long, EventRefusal> refused) {

        public boolean contains(long seq) {
            return stored.contains(seq) || refused.containsKey(seq);
        }
    }

    private static final int PAGE = 1000;
    private static final String GAP = "%" + DataQuality.SEQUENCE_GAP.name() + "%";
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
            savepoints.insertIfAbsent(
                    () -> jdbc.sql("""
                    INSERT INTO event_cursor (vin, acked_through, max_seq, last_seen_at) VALUES (:vin, 0, 0, :now)""").param("vin", vin).param("now", now).update());
            return selectForUpdate(vin).orElseThrow();
        });
    }

    private Optional<Cursor> selectForUpdate(String vin) {
        return jdbc.sql(
                        "SELECT acked_through, max_seq, max_seq_occurred_at FROM event_cursor WHERE vin = :vin FOR UPDATE")
                .param("vin", vin)
                .query((rs, i) -> {
                    OffsetDateTime at = rs.getObject(3, OffsetDateTime.class);
                    return new Cursor(rs.getLong(1), rs.getLong(2), at == null ? null : at.toInstant());
                })
                .optional();
    }

    /** The stored and the refused seqs from {@code from} to {@code to}, in one read. */
    public Known known(String vin, long from, long to) {
        Set<Long> stored = new HashSet<>();
        Map<Long, EventRefusal> refused = new HashMap<>();
        jdbc.sql("""
                SELECT seq, CAST(NULL AS VARCHAR(40)) AS code, CAST(NULL AS VARCHAR(300)) AS detail FROM vehicle_event
                WHERE vin = :vin AND seq BETWEEN :f AND :t
                UNION ALL
                SELECT seq, code, detail FROM event_refusal WHERE vin = :vin AND seq BETWEEN :f AND :t""").param("vin", vin).param("f", from).param("t", to).query(rs -> {
            long seq = rs.getLong(1);
            String code = rs.getString(2);
            if (code == null) {
                stored.add(seq);
            } else {
                refused.put(seq, new EventRefusal(seq, code, rs.getString(3)));
            }
        });
        return new Known(stored, refused);
    }

    /**
     * The highest seq through which every seq after {@code from} is stored or refused, read page by page so a
     * vehicle with a gap costs one short read, not a scan of everything stored after the gap.
     */
    public long contiguousThrough(String vin, long from) {
        long through = from;
        while (true) {
            List<Long> stored = page("vehicle_event", vin, through);
            List<Long> refused = page("event_refusal", vin, through);
            // A full page says nothing about the seqs after its last one: walk only as far as both pages reach.
            long bound = Math.min(
                    stored.size() < PAGE ? Long.MAX_VALUE : stored.get(PAGE - 1),
                    refused.size() < PAGE ? Long.MAX_VALUE : refused.get(PAGE - 1));
            TreeSet<Long> seqs = new TreeSet<>(stored);
            seqs.addAll(refused);
            for (long seq : seqs.headSet(bound, true)) {
                if (seq != through + 1) {
                    return through;
                }
                through = seq;
            }
            if (bound == Long.MAX_VALUE) {
                return through;
            }
        }
    }

    private List<Long> page(String table, String vin, long after) {
        return jdbc.sql("""
                SELECT seq FROM %s WHERE vin = :vin AND seq > :f ORDER BY seq
                FETCH FIRST %d ROWS ONLY""".formatted(table, PAGE))
                .param("vin", vin)
                .param("f", after)
                .query(Long.class)
                .list();
    }

    public void insert(List<RecordedEvent> events) {
        template.batchUpdate("""
                INSERT INTO vehicle_event (vin, seq, type, occurred_at, received_at, assignment_id, ecu_serial, code,
                    detail, progress, command_id, quality) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", events, events.size(), (ps, r) -> {
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
            ps.setString(12, codes(r.quality()));
        });
    }

    /** Records refusals; their details are cut to the column's 300 characters. */
    public void insertRefusals(String vin, List<EventRefusal> refusals, OffsetDateTime now) {
        template.batchUpdate(
                "INSERT INTO event_refusal (vin, seq, code, detail, refused_at) VALUES (?, ?, ?, ?, ?)",
                refusals,
                refusals.size(),
                (ps, r) -> {
                    ps.setString(1, vin);
                    ps.setLong(2, r.seq());
                    ps.setString(3, r.code());
                    ps.setString(4, r.detail().length() > 300 ? r.detail().substring(0, 300) : r.detail());
                    ps.setObject(5, now);
                });
    }

    /**
     * Takes {@link DataQuality#SEQUENCE_GAP} off the stored events with {@code after < seq <= through}, which
     * no longer miss anything before them; returns the seqs whose flag was taken off.
     */
    public List<Long> clearGapFlags(String vin, long after, long through) {
        Map<Long, String> flagged = new HashMap<>();
        jdbc.sql("""
                SELECT seq, quality FROM vehicle_event WHERE vin = :vin AND seq > :a AND seq <= :t AND quality LIKE :gap""")
                .param("vin", vin)
                .param("a", after)
                .param("t", through)
                .param("gap", GAP)
                .query(rs -> {
                    flagged.put(rs.getLong(1), rs.getString(2));
                });
        if (flagged.isEmpty()) {
            return List.of();
        }
        List<Long> seqs = new ArrayList<>(new TreeSet<>(flagged.keySet()));
        template.batchUpdate(
                "UPDATE vehicle_event SET quality = ? WHERE vin = ? AND seq = ?", seqs, seqs.size(), (ps, seq) -> {
                    ps.setString(
                            1,
                            Arrays.stream(flagged.get(seq).split(","))
                                    .filter(flag -> !flag.isEmpty() && !flag.equals(DataQuality.SEQUENCE_GAP.name()))
                                    .collect(Collectors.joining(",")));
                    ps.setString(2, vin);
                    ps.setLong(3, seq);
                });
        return seqs;
    }

    public void updateCursor(String vin, long ackedThrough, long maxSeq, Instant maxSeqOccurredAt, OffsetDateTime now) {
        jdbc.sql("""
                UPDATE event_cursor SET acked_through = :a, max_seq = :m, max_seq_occurred_at = :mat, last_seen_at = :now
                WHERE vin = :vin""")
                .param("a", ackedThrough)
                .param("m", maxSeq)
                .param("mat", maxSeqOccurredAt == null ? null : maxSeqOccurredAt.atOffset(ZoneOffset.UTC))
                .param("now", now)
                .param("vin", vin)
                .update();
    }

    public long count(String vin) {
        return jdbc.sql("SELECT COUNT(*) FROM vehicle_event WHERE vin = :vin")
                .param("vin", vin)
                .query(Long.class)
                .single();
    }

    private static String codes(Set<DataQuality> quality) {
        return quality.stream().map(DataQuality::name).sorted().collect(Collectors.joining(","));
    }
}

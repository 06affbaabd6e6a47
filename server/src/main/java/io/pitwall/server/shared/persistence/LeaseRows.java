package io.pitwall.server.shared.persistence;

import io.pitwall.server.shared.LeaseGrant;
import io.pitwall.server.shared.Savepoints;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code lease} table. */
@Repository
public class LeaseRows {

    private final JdbcClient jdbc;
    private final Savepoints savepoints;

    LeaseRows(JdbcClient jdbc, Savepoints savepoints) {
        this.jdbc = jdbc;
        this.savepoints = savepoints;
    }

    /** A lease nobody holds, expired, at term 0; nothing when it exists. */
    public void createIfAbsent(String name, OffsetDateTime now) {
        if (jdbc.sql("SELECT COUNT(*) FROM lease WHERE name = :name")
                        .param("name", name)
                        .query(Long.class)
                        .single()
                > 0) {
            return;
        }
        savepoints.insertIfAbsent(
                () -> jdbc.sql("INSERT INTO lease (name, holder, term, expires_at) VALUES (:name, NULL, 0, :now)")
                        .param("name", name)
                        .param("now", now)
                        .update());
    }

    /**
     * Takes the lease when it is free, lapsed or already the holder's. A renewal of the term the caller holds
     * ({@code knownTerm}) keeps it; any other claim raises it: a change of holder, or the same holder name
     * claiming anew (a restarted node), which fences whatever its earlier run still had in flight. The update
     * locks the row, so two nodes claiming at once are serialised and the second sees the first's claim.
     */
    public Optional<LeaseGrant> claim(
            String name, String holder, long knownTerm, OffsetDateTime now, OffsetDateTime until) {
        int claimed = jdbc.sql("""
                UPDATE lease SET term = CASE WHEN holder = :holder AND term = :known THEN term ELSE term + 1 END,
                       holder = :holder, expires_at = :until
                WHERE name = :name AND (holder = :holder OR holder IS NULL OR expires_at <= :now)""")
                .param("holder", holder)
                .param("known", knownTerm)
                .param("until", until)
                .param("name", name)
                .param("now", now)
                .update();
        if (claimed == 0) {
            return Optional.empty();
        }
        return current(name, false);
    }

    /** The lease row, locked until the transaction ends. */
    public Optional<LeaseGrant> lockCurrent(String name) {
        return current(name, true);
    }

    /** Frees the lease at once if the grant is still the current one (holder and term). */
    public void release(LeaseGrant grant, OffsetDateTime now) {
        jdbc.sql(
                        "UPDATE lease SET holder = NULL, expires_at = :now WHERE name = :name AND holder = :holder AND term = :term")
                .param("now", now)
                .param("name", grant.name())
                .param("holder", grant.holder())
                .param("term", grant.term())
                .update();
    }

    private Optional<LeaseGrant> current(String name, boolean lock) {
        return jdbc.sql("SELECT name, holder, term, expires_at FROM lease WHERE name = :name"
                        + (lock ? " FOR UPDATE" : ""))
                .param("name", name)
                .query((rs, i) -> new LeaseGrant(
                        rs.getString(1), rs.getString(2), rs.getLong(3), rs.getObject(4, OffsetDateTime.class)))
                .optional();
    }
}

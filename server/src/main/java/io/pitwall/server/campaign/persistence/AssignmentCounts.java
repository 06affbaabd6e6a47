package io.pitwall.server.campaign.persistence;

import io.pitwall.server.campaign.delivery.AssignmentLifecycle.State;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** A campaign's assignments counted for its progress, cancel report and rollback. */
@Repository
public class AssignmentCounts {

    private final JdbcClient jdbc;

    public AssignmentCounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** How many vehicles of the campaign have an ECU part that began installing (what a rollback undoes). */
    public long countChanged(long campaignId) {
        return jdbc.sql("""
                SELECT COUNT(*) FROM assignment a WHERE a.campaign_id = :cid AND EXISTS (SELECT 1 FROM assignment_ecu ae
                    WHERE ae.assignment_id = a.id AND ae.install_started = TRUE)""").param("cid", campaignId).query(Long.class).single();
    }

    /** Up to {@code limit} VINs of the campaign's assignments in this state, in VIN order. */
    public List<String> vinsIn(long campaignId, State state, int limit) {
        return jdbc.sql("""
                SELECT vin FROM assignment WHERE campaign_id = :cid AND status = :status ORDER BY vin
                FETCH FIRST :limit ROWS ONLY""")
                .param("cid", campaignId)
                .param("status", state.name())
                .param("limit", limit)
                .query((rs, i) -> rs.getString(1).trim())
                .list();
    }

    /** Pending vehicles not offered their update yet, by reason. */
    public Map<String, Long> countDeferred(long campaignId) {
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbc.sql("""
                SELECT deferred_reason, COUNT(*) FROM assignment WHERE campaign_id = :cid AND status = 'PENDING'
                AND deferred_reason IS NOT NULL GROUP BY deferred_reason ORDER BY deferred_reason""").param("cid", campaignId).query(rs -> {
            counts.put(rs.getString(1), rs.getLong(2));
        });
        return counts;
    }
}

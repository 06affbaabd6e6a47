package io.pitwall.server.campaign.persistence;

import io.pitwall.server.campaign.FailureCategory;
import io.pitwall.server.campaign.WaveEvidence;
import io.pitwall.server.campaign.delivery.AssignmentLifecycle;
import io.pitwall.server.campaign.delivery.AssignmentLifecycle.State;
import io.pitwall.server.campaign.rollout.FailingVehicle;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What a wave's (or a whole campaign's) assignments show, counted set-based: outcomes by status and
 * failure category and post-update health reports received; for a failed gate, the failed vehicles with
 * the hardware variant of each failed ECU (reads {@code ecu} and {@code vehicle_event} read-only, like
 * eligibility).
 */
@Repository
public class WaveEvidenceReadModel {

    private static final int MAX_LISTED = 200;
    private final JdbcClient jdbc;

    public WaveEvidenceReadModel(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The evidence of one wave; {@code wave} null means the whole campaign. */
    public WaveEvidence of(long campaignId, Integer wave) {
        return of(campaignId, wave, true);
    }

    /**
     * Only the outcome counts of the whole campaign (no health reports, no failing vehicles): what abort
     * criteria judge on every reconciler tick.
     */
    public WaveEvidence outcomes(long campaignId) {
        return of(campaignId, null, false);
    }

    private WaveEvidence of(long campaignId, Integer wave, boolean detailed) {
        String scope = wave == null ? "" : " AND a.wave_no = :wave";
        long[] counts = new long[3];
        Map<FailureCategory, Long> failures = new EnumMap<>(FailureCategory.class);
        var byStatus = jdbc.sql("""
                SELECT a.status, a.failure_category, COUNT(*) FROM assignment a
                WHERE a.campaign_id = :id AND a.status <> 'CANCELLED'%s
                GROUP BY a.status, a.failure_category""".formatted(scope)).param("id", campaignId);
        if (wave != null) {
            byStatus = byStatus.param("wave", wave);
        }
        byStatus.query(rs -> {
            String status = rs.getString(1);
            long n = rs.getLong(3);
            counts[0] += n;
            if (status.equals("SUCCEEDED")) {
                counts[1] += n;
            } else if (status.equals("TIMED_OUT")) {
                counts[2] += n;
            } else if (State.valueOf(status).isFailure()) {
                String category = rs.getString(2);
                failures.merge(
                        category == null ? FailureCategory.INSTALL : FailureCategory.valueOf(category), n, Long::sum);
            }
        });
        long failed = failures.values().stream().mapToLong(Long::longValue).sum();
        if (!detailed) {
            return new WaveEvidence(counts[0], counts[1] + failed + counts[2], counts[1], counts[2], failures, 0);
        }
        var health = jdbc.sql("""
                SELECT COUNT(*) FROM assignment a WHERE a.campaign_id = :id AND a.status = 'SUCCEEDED'%s
                AND EXISTS (SELECT 1 FROM vehicle_event e WHERE (e.assignment_id = CAST(a.id AS VARCHAR(64))
                        OR e.assignment_id = CAST(a.id AS VARCHAR(40)) || '.' || CAST(a.attempt AS VARCHAR(11)))
                    AND e.vin = a.vin AND e.type = 'POST_UPDATE_HEALTH')""".formatted(scope)).param("id", campaignId);
        if (wave != null) {
            health = health.param("wave", wave);
        }
        long healthReported = Math.min(counts[1], health.query(Long.class).single());
        return new WaveEvidence(
                counts[0], counts[1] + failed + counts[2], counts[1], counts[2], failures, healthReported);
    }

    /** The failed vehicles of a wave (at most 200, by VIN), with each failed ECU's hardware. */
    public List<FailingVehicle> failing(long campaignId, int wave) {
        return jdbc.sql("""
                SELECT a.vin, x.ecu_serial, x.hardware_id, e.hardware_variant, a.failure_category,
                       COALESCE(x.failure_code, a.failure_code) FROM assignment a
                JOIN assignment_ecu x ON x.assignment_id = a.id AND x.status IN %1$s
                LEFT JOIN ecu e ON e.serial = x.ecu_serial
                WHERE a.campaign_id = :id AND a.wave_no = :wave AND a.status IN %1$s
                ORDER BY a.vin, x.ecu_serial FETCH FIRST %2$d ROWS ONLY""".formatted(StatusList.of(AssignmentLifecycle.FAILURES), MAX_LISTED))
                .param("id", campaignId)
                .param("wave", wave)
                .query((rs, i) -> new FailingVehicle(
                        rs.getString(1).trim(),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5) == null ? FailureCategory.INSTALL : FailureCategory.valueOf(rs.getString(5)),
                        rs.getString(6)))
                .list();
    }
}

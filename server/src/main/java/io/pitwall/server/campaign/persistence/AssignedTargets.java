package io.pitwall.server.campaign.persistence;

import io.pitwall.protocol.tuf.TargetEntry;
import io.pitwall.server.trust.spi.DirectorTarget;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What the director lists per vehicle: the ECU parts of its active assignment with the campaign's image
 * snapshot, the targets entry built exactly as the catalog builds the image repository's entry; the parts of a
 * rollback campaign's assignments are marked as authorized rollbacks.
 */
@Repository
public class AssignedTargets {

    private final JdbcClient jdbc;

    public AssignedTargets(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<String> vehiclesOf(long campaignId, String afterVin, int limit) {
        return jdbc.sql("""
                SELECT vin FROM assignment WHERE campaign_id = :cid AND vin > :after ORDER BY vin
                FETCH FIRST :n ROWS ONLY""")
                .param("cid", campaignId)
                .param("after", afterVin)
                .param("n", limit)
                .query((rs, i) -> rs.getString(1).trim())
                .list();
    }

    /**
     * Three single-table reads joined here rather than one four-table join: right after a campaign start has
     * inserted its assignments the planner has no statistics for them, and PostgreSQL then picked plans
     * costing seconds per page (a minute of database CPU per 100,000 vehicles, docs/benchmarks.md). Each
     * read below costs at worst one scan of its table, whatever the statistics say.
     */
    public Map<String, List<DirectorTarget>> of(Collection<String> vins) {
        Map<String, List<DirectorTarget>> byVin = new HashMap<>();
        if (vins.isEmpty()) {
            return byVin;
        }
        record Active(String vin, long campaignId) {}
        Map<Long, Active> assignments = new HashMap<>();
        jdbc.sql("SELECT id, vin, campaign_id FROM assignment WHERE vin IN (:vins) AND status IN %s"
                        .formatted(Assignments.ACTIVE_STATES))
                .param("vins", vins)
                .query(rs -> {
                    assignments.put(rs.getLong(1), new Active(rs.getString(2).trim(), rs.getLong(3)));
                });
        if (assignments.isEmpty()) {
            return byVin;
        }
        record Image(String targetPath, TargetEntry entry, boolean rollback) {}
        Map<Long, Map<String, Image>> images = new HashMap<>();
        jdbc.sql("""
                SELECT ci.campaign_id, ci.hardware_id, ci.target_path, ci.length, ci.sha256, ci.sha512,
                    ci.release_counter, ci.ecu_type, c.rollback_of
                FROM campaign_image ci JOIN campaign c ON c.id = ci.campaign_id WHERE ci.campaign_id IN (:cids)""")
                .param(
                        "cids",
                        assignments.values().stream()
                                .map(Active::campaignId)
                                .distinct()
                                .toList())
                .query(rs -> {
                    String hardwareId = rs.getString(2);
                    var entry = new TargetEntry(
                            rs.getLong(4),
                            Map.of("sha256", rs.getString(5), "sha512", rs.getString(6)),
                            List.of(hardwareId),
                            rs.getLong(7),
                            rs.getString(8));
                    images.computeIfAbsent(rs.getLong(1), c -> new HashMap<>())
                            .put(hardwareId, new Image(rs.getString(3), entry, rs.getObject(9) != null));
                });
        jdbc.sql("SELECT assignment_id, ecu_serial, hardware_id FROM assignment_ecu WHERE assignment_id IN (:ids)")
                .param("ids", assignments.keySet())
                .query(rs -> {
                    Active assignment = assignments.get(rs.getLong(1));
                    String hardwareId = rs.getString(3);
                    Image image = images.getOrDefault(assignment.campaignId(), Map.of())
                            .get(hardwareId);
                    if (image != null) {
                        byVin.computeIfAbsent(assignment.vin(), v -> new ArrayList<>())
                                .add(new DirectorTarget(
                                        rs.getString(2),
                                        hardwareId,
                                        image.targetPath(),
                                        image.entry(),
                                        image.rollback()));
                    }
                });
        return byVin;
    }
}

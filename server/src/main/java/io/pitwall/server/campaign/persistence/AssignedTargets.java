package io.pitwall.server.campaign.persistence;

import io.pitwall.protocol.tuf.TargetEntry;
import io.pitwall.server.trust.DirectorTarget;
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
                .param("cid", campaignId).param("after", afterVin).param("n", limit)
                .query((rs, i) -> rs.getString(1).trim()).list();
    }

    public Map<String, List<DirectorTarget>> of(Collection<String> vins) {
        Map<String, List<DirectorTarget>> byVin = new HashMap<>();
        if (vins.isEmpty()) {
            return byVin;
        }
        jdbc.sql("""
                SELECT a.vin, ae.ecu_serial, ae.hardware_id, ci.target_path, ci.length, ci.sha256, ci.sha512,
                    ci.release_counter, ci.ecu_type, c.rollback_of
                FROM assignment a JOIN assignment_ecu ae ON ae.assignment_id = a.id
                JOIN campaign c ON c.id = a.campaign_id
                JOIN campaign_image ci ON ci.campaign_id = a.campaign_id AND ci.hardware_id = ae.hardware_id
                WHERE a.vin IN (:vins) AND a.status IN %s""".formatted(Assignments.ACTIVE_STATES))
                .param("vins", vins)
                .query(rs -> {
                    String hardwareId = rs.getString(3);
                    var entry = new TargetEntry(rs.getLong(5), Map.of("sha256", rs.getString(6), "sha512",
                            rs.getString(7)), List.of(hardwareId), rs.getLong(8), rs.getString(9));
                    byVin.computeIfAbsent(rs.getString(1).trim(), v -> new ArrayList<>())
                            .add(new DirectorTarget(rs.getString(2), hardwareId, rs.getString(4), entry,
                                    rs.getObject(10) != null));
                });
        return byVin;
    }
}

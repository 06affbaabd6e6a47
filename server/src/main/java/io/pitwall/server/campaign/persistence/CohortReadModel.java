package io.pitwall.server.campaign.persistence;

import io.pitwall.server.campaign.TargetFilter;
import io.pitwall.server.campaign.delivery.AssignmentLifecycle;
import io.pitwall.server.campaign.spi.WaveCohort;
import io.pitwall.server.inventory.VehicleSelector;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The groups of {@code CampaignCohorts}. */
@Repository
public class CohortReadModel {

    private final JdbcClient jdbc;
    private final VehicleSelector selector;

    CohortReadModel(JdbcClient jdbc, VehicleSelector selector) {
        this.jdbc = jdbc;
        this.selector = selector;
    }

    public List<WaveCohort.Updated> updated(long campaignId, int wave) {
        return jdbc.sql("""
                SELECT vin, updated_at FROM assignment WHERE campaign_id = :cid AND wave_no = :wave
                AND status = 'SUCCEEDED' ORDER BY vin""")
                .param("cid", campaignId)
                .param("wave", wave)
                .query((rs, i) -> new WaveCohort.Updated(
                        rs.getString(1).trim(),
                        rs.getObject(2, OffsetDateTime.class).toInstant()))
                .list();
    }

    /** Filter matches, an ECU the campaign could still update, no assignment of it past delivery. */
    public List<String> notYetUpdated(long campaignId, TargetFilter filter) {
        Map<String, Object> params = new LinkedHashMap<>();
        String vehicleFilter = EligibilityReadModel.vehicleConditions(filter, selector.compile(filter.query()), params);
        var query = jdbc.sql("""
                SELECT v.vin FROM vehicle v
                WHERE EXISTS (SELECT 1 FROM ecu e JOIN campaign_image ci ON ci.hardware_id = e.hardware_id
                    WHERE ci.campaign_id = :cid AND e.vin = v.vin AND %s)
                AND NOT EXISTS (SELECT 1 FROM assignment a WHERE a.vin = v.vin AND a.campaign_id = :cid
                    AND a.status NOT IN %s)
                %s ORDER BY v.vin""".formatted(
                        EligibilityReadModel.ECU_ELIGIBLE, StatusList.of(AssignmentLifecycle.NOT_BEGUN), vehicleFilter))
                .param("cid", campaignId);
        for (var p : params.entrySet()) {
            query = query.param(p.getKey(), p.getValue());
        }
        return query.query((rs, i) -> rs.getString(1).trim()).list();
    }
}

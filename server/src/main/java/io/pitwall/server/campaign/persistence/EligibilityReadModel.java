package io.pitwall.server.campaign.persistence;

import io.pitwall.server.campaign.TargetFilter;
import io.pitwall.server.inventory.VehicleSelection;
import io.pitwall.server.inventory.VehicleSelector;
import io.pitwall.server.shared.Leases;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Which vehicles a campaign can update, and their new assignments. Eligibility is computed set-based in one
 * statement per table; it reads the inventory's vehicle and ECU tables (through the inventory's compiled
 * {@link VehicleSelection} too) and the catalog's image table read-only (the documented exception to
 * "no module reads another's tables": a per-vehicle API call would make large starts take minutes).
 */
@Repository
public class EligibilityReadModel {

    /** The named lock {@link #createEligible} and {@link #createForWave} take; tests hold it to race them. */
    public static final String ASSIGNMENT_CREATION = "campaign-assignment-creation";

    static final String ECU_ELIGIBLE = """
            e.update_policy = 'REMOTE'
            AND (e.image_hash IS NULL OR e.image_hash <> ci.sha256)
            AND e.software_version <> ci.sw_version
            AND NOT EXISTS (SELECT 1 FROM image i WHERE i.hardware_id = e.hardware_id
                AND (i.sha256 = e.image_hash OR (e.image_hash IS NULL AND i.sw_version = e.software_version))
                AND i.release_counter > ci.release_counter)""";

    private final JdbcClient jdbc;
    private final VehicleSelector selector;
    private final Leases leases;

    public EligibilityReadModel(JdbcClient jdbc, VehicleSelector selector, Leases leases) {
        this.jdbc = jdbc;
        this.selector = selector;
        this.leases = leases;
    }

    /**
     * Creates one assignment per eligible vehicle and its ECU parts; returns how many vehicles. Eligible: the
     * filter matches, an ECU can take an image (remote, not current, no downgrade), the images' dependencies
     * are met ({@link DependencyReadModel}) and no other assignment is active. The filter's RSQL query is
     * compiled now, so its version ranges see the fleet as it is at the start.
     */
    public int createEligible(long campaignId, TargetFilter filter, OffsetDateTime now) {
        return create(campaignId, filter, null, "", Map.of(), null, now);
    }

    /**
     * A wave's part of {@link #createEligible}: the eligible vehicles not yet in this campaign that also
     * meet {@code condition} (over {@code vehicle v}, its values in {@code params}), at most {@code limit}
     * of them (lowest VINs first) when a limit is given, tagged with the wave's number.
     */
    public int createForWave(
            long campaignId,
            TargetFilter filter,
            int wave,
            String condition,
            Map<String, Object> params,
            Long limit,
            OffsetDateTime now) {
        return create(campaignId, filter, wave, condition, params, limit, now);
    }

    /** How many eligible vehicles not yet in this campaign meet the condition (to size a percentage wave). */
    public long countForWave(long campaignId, TargetFilter filter, String condition, Map<String, Object> params) {
        Map<String, Object> all = new LinkedHashMap<>(params);
        var count = jdbc.sql(
                        "SELECT COUNT(*) FROM vehicle v WHERE " + eligibleWhere(campaignId, filter, condition, all))
                .param("cid", campaignId);
        for (var p : all.entrySet()) {
            count = count.param(p.getKey(), p.getValue());
        }
        return count.query(Long.class).single();
    }

    private int create(
            long campaignId,
            TargetFilter filter,
            Integer wave,
            String condition,
            Map<String, Object> extra,
            Long limit,
            OffsetDateTime now) {
        // One campaign at a time assigns vehicles, on every node: the "no other active assignment" check
        // below then sees the assignments of a campaign that started a moment earlier, so no vehicle ends
        // up in two campaigns at once.
        leases.lockUntilCommit(ASSIGNMENT_CREATION);
        Map<String, Object> params = new LinkedHashMap<>(extra);
        String where = eligibleWhere(campaignId, filter, condition, params);
        var insert = jdbc.sql("""
                INSERT INTO assignment (campaign_id, vin, status, version, created_at, updated_at, wave_no)
                SELECT :cid, v.vin, 'PENDING', 0, :now, :now, :wave FROM vehicle v
                WHERE %s%s""".formatted(where, limit == null ? "" : " ORDER BY v.vin FETCH FIRST :limit ROWS ONLY"))
                .param("cid", campaignId)
                .param("now", now)
                .param("wave", wave, java.sql.Types.INTEGER);
        if (limit != null) {
            insert = insert.param("limit", limit);
        }
        for (var p : params.entrySet()) {
            insert = insert.param(p.getKey(), p.getValue());
        }
        int vehicles = insert.update();
        jdbc.sql("""
                INSERT INTO assignment_ecu (assignment_id, ecu_serial, hardware_id, status)
                SELECT a.id, e.serial, e.hardware_id, 'PENDING' FROM assignment a
                JOIN ecu e ON e.vin = a.vin
                JOIN campaign_image ci ON ci.campaign_id = a.campaign_id AND ci.hardware_id = e.hardware_id
                WHERE a.campaign_id = :cid AND %s
                AND NOT EXISTS (SELECT 1 FROM assignment_ecu x WHERE x.assignment_id = a.id)""".formatted(ECU_ELIGIBLE)).param("cid", campaignId).update();
        return vehicles;
    }

    /**
     * Eligible for this campaign, over {@code vehicle v}: the filter matches, an ECU can take an image, the
     * dependencies are met, no other assignment is active, and the vehicle is not in this campaign yet.
     */
    private String eligibleWhere(long campaignId, TargetFilter filter, String condition, Map<String, Object> params) {
        String vehicleFilter = vehicleConditions(filter, selector.compile(filter.query()), params)
                + DependencyReadModel.condition(jdbc, DryRunReadModel.Images.ofCampaign(campaignId), params)
                        .map(missing -> " AND NOT " + missing)
                        .orElse("");
        return """
                EXISTS (SELECT 1 FROM ecu e JOIN campaign_image ci ON ci.hardware_id = e.hardware_id
                    WHERE ci.campaign_id = :cid AND e.vin = v.vin AND %s)
                AND NOT EXISTS (SELECT 1 FROM assignment a WHERE a.vin = v.vin AND a.status IN %s)
                AND NOT EXISTS (SELECT 1 FROM assignment a WHERE a.vin = v.vin AND a.campaign_id = :cid)
                %s%s""".formatted(
                        ECU_ELIGIBLE,
                        Assignments.ACTIVE_STATES,
                        vehicleFilter,
                        condition.isBlank() ? "" : " AND (" + condition + ")");
    }

    /** How many vehicles the filter matches that have an ECU the campaign could update (for its risk class). */
    public long countMatching(long campaignId, TargetFilter filter) {
        Map<String, Object> params = new LinkedHashMap<>();
        String vehicleFilter = vehicleConditions(filter, selector.compile(filter.query()), params);
        var count = jdbc.sql("""
                SELECT COUNT(*) FROM vehicle v
                WHERE EXISTS (SELECT 1 FROM ecu e JOIN campaign_image ci ON ci.hardware_id = e.hardware_id
                    WHERE ci.campaign_id = :cid AND e.vin = v.vin AND %s)
                %s""".formatted(ECU_ELIGIBLE, vehicleFilter)).param("cid", campaignId);
        for (var p : params.entrySet()) {
            count = count.param(p.getKey(), p.getValue());
        }
        return count.query(Long.class).single();
    }

    /** The filter as {@code AND ...} conditions over {@code vehicle v} (or nothing), its values put in params. */
    static String vehicleConditions(TargetFilter filter, VehicleSelection selection, Map<String, Object> params) {
        List<String> conditions = new ArrayList<>();
        if (!selection.equals(VehicleSelection.all())) {
            conditions.add(selection.sql());
            params.putAll(selection.params());
        }
        if (filter.model() != null) {
            conditions.add("v.model = :model");
            params.put("model", filter.model());
        }
        if (filter.region() != null) {
            conditions.add("v.region = :region");
            params.put("region", filter.region());
        }
        if (filter.tag() != null) {
            conditions.add("EXISTS (SELECT 1 FROM vehicle_tag t WHERE t.vin = v.vin AND t.tag = :tag)");
            params.put("tag", filter.tag());
        }
        int n = 0;
        for (var attribute : filter.attributes().entrySet()) {
            conditions.add("EXISTS (SELECT 1 FROM vehicle_attribute va WHERE va.vin = v.vin AND va.name = :an" + n
                    + " AND va.attr_value = :av" + n + ")");
            params.put("an" + n, attribute.getKey());
            params.put("av" + n, attribute.getValue());
            n++;
        }
        return conditions.isEmpty() ? "" : "AND " + String.join(" AND ", conditions);
    }
}

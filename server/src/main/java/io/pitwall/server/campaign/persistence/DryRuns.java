package io.pitwall.server.campaign.persistence;

import io.pitwall.server.campaign.DryRun;
import io.pitwall.server.campaign.IneligibleReason;
import io.pitwall.server.campaign.TargetFilter;
import io.pitwall.server.inventory.VehicleSelection;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Counts, in one set-based statement, the vehicles a target filter matches by the first
 * {@link IneligibleReason} that applies (or eligible). Reads, like {@link Assignments}, the inventory's
 * vehicle, ECU and vehicle_report tables and the catalog's image tables read-only; writes nothing.
 * Eligibility through {@code missing-dependency} and the active-assignment check are exactly those of
 * {@link Assignments#createEligible}; regions and consent are checked here only (the campaign start
 * leaves them to the vehicle-state rules applied at delivery).
 */
@Repository
public class DryRuns {

    /** Where the images come from: a campaign's snapshot or a published release. */
    public record Images(String table, long id) {

        public static Images ofCampaign(long campaignId) {
            return new Images("""
                    (SELECT hardware_id, sha256, sw_version, release_counter, image_id FROM campaign_image
                     WHERE campaign_id = :images)""", campaignId);
        }

        public static Images ofRelease(long releaseId) {
            return new Images("""
                    (SELECT i.hardware_id, i.sha256, i.sw_version, i.release_counter, i.id AS image_id
                     FROM software_release_image ri JOIN image i ON i.id = ri.image_id
                     WHERE ri.release_id = :images)""",
                    releaseId);
        }
    }

    private final JdbcClient jdbc;

    public DryRuns(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The matched vehicles, eligible or by first reason. Allowed regions: {@code null} or empty = any. */
    public DryRun count(Images images, TargetFilter filter, VehicleSelection selection, List<String> allowedRegions) {
        Map<String, Object> params = new LinkedHashMap<>();
        String where = Assignments.vehicleConditions(filter, selection, params);
        params.put("images", images.id());
        String ecus = "SELECT 1 FROM ecu e JOIN " + images.table() + " ci ON ci.hardware_id = e.hardware_id "
                + "WHERE e.vin = v.vin";
        String notCurrent = " AND (e.image_hash IS NULL OR e.image_hash <> ci.sha256)"
                + " AND e.software_version <> ci.sw_version";
        List<String> cases = new ArrayList<>(List.of(
                "WHEN NOT EXISTS (" + ecus + ") THEN 'incompatible-hardware'",
                "WHEN NOT EXISTS (" + ecus + " AND e.update_policy = 'REMOTE') THEN 'service-only-ecu'",
                "WHEN NOT EXISTS (" + ecus + " AND e.update_policy = 'REMOTE'" + notCurrent
                        + ") THEN 'already-current'",
                "WHEN NOT EXISTS (" + ecus + " AND " + Assignments.ECU_ELIGIBLE + ") THEN 'downgrade'"));
        MissingDependencies.condition(jdbc, images, params)
                .ifPresent(missing -> cases.add("WHEN " + missing + " THEN 'missing-dependency'"));
        if (allowedRegions != null && !allowedRegions.isEmpty()) {
            cases.add("WHEN v.region NOT IN (:regions) THEN 'region-not-allowed'");
            params.put("regions", allowedRegions);
        }
        cases.add("WHEN NOT EXISTS (SELECT 1 FROM vehicle_report r WHERE r.vin = v.vin AND r.consent = TRUE) "
                + "THEN 'no-consent'");
        cases.add("WHEN EXISTS (SELECT 1 FROM assignment a WHERE a.vin = v.vin AND a.status IN "
                + Assignments.ACTIVE_STATES + ") THEN 'active-assignment'");
        var spec = jdbc.sql("SELECT verdict, COUNT(*) FROM (SELECT CASE " + String.join(" ", cases)
                + " ELSE 'eligible' END AS verdict FROM vehicle v WHERE 1 = 1 " + where + ") x GROUP BY verdict");
        for (var p : params.entrySet()) {
            spec = spec.param(p.getKey(), p.getValue());
        }
        Map<String, Long> byVerdict = new LinkedHashMap<>();
        spec.query(rs -> {
            byVerdict.put(rs.getString(1), rs.getLong(2));
        });
        Map<IneligibleReason, Long> ineligible = new EnumMap<>(IneligibleReason.class);
        for (IneligibleReason reason : IneligibleReason.values()) {
            ineligible.put(reason, byVerdict.getOrDefault(reason.code(), 0L));
        }
        long matched = byVerdict.values().stream().mapToLong(Long::longValue).sum();
        return new DryRun(matched, byVerdict.getOrDefault("eligible", 0L), ineligible);
    }

}

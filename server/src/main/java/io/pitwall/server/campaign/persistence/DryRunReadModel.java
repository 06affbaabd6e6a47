package io.pitwall.server.campaign.persistence;

import io.pitwall.server.campaign.TargetFilter;
import io.pitwall.server.campaign.WaveKind;
import io.pitwall.server.campaign.governance.DryRun;
import io.pitwall.server.campaign.governance.IneligibleReason;
import io.pitwall.server.campaign.governance.PlannedWave;
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
public class DryRunReadModel {

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
                     WHERE ri.release_id = :images)""", releaseId);
        }
    }

    private final JdbcClient jdbc;

    public DryRunReadModel(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * A wave's selector for sizing: {@code condition} over {@code vehicle v} (empty for PERCENT and REST) with
     * its bind parameters (names unique per wave), and the percentage of a PERCENT wave.
     */
    public record WaveSelection(
            String name, WaveKind kind, String condition, Map<String, Object> params, Integer percent) {

        public WaveSelection {
            params = Map.copyOf(params);
        }
    }

    /** The matched vehicles, eligible or by first reason. Allowed regions: {@code null} or empty = any. */
    public DryRun count(Images images, TargetFilter filter, VehicleSelection selection, List<String> allowedRegions) {
        return count(images, filter, selection, allowedRegions, List.of());
    }

    /**
     * The matched vehicles, eligible or by first reason, and the eligible ones by the wave that would take
     * them. The counts are one {@code GROUP BY} over a {@code CASE} per vehicle; a PERCENT wave first costs a
     * count and a look-up of its last VIN (its share of what earlier waves left, lowest VINs first), which
     * turns it into {@code v.vin <= :cut} for the final statement.
     */
    public DryRun count(
            Images images,
            TargetFilter filter,
            VehicleSelection selection,
            List<String> allowedRegions,
            List<WaveSelection> waves) {
        Map<String, Object> params = new LinkedHashMap<>();
        String where = EligibilityReadModel.vehicleConditions(filter, selection, params);
        params.put("images", images.id());
        String ecus = "SELECT 1 FROM ecu e JOIN " + images.table() + " ci ON ci.hardware_id = e.hardware_id "
                + "WHERE e.vin = v.vin";
        String notCurrent =
                " AND (e.image_hash IS NULL OR e.image_hash <> ci.sha256) AND e.software_version <> ci.sw_version";
        List<String> cases = new ArrayList<>(List.of(
                "WHEN NOT EXISTS (" + ecus + ") THEN 'incompatible-hardware'",
                "WHEN NOT EXISTS (" + ecus + " AND e.update_policy = 'REMOTE') THEN 'service-only-ecu'",
                "WHEN NOT EXISTS (" + ecus + " AND e.update_policy = 'REMOTE'" + notCurrent
                        + ") THEN 'already-current'",
                "WHEN NOT EXISTS (" + ecus + " AND " + EligibilityReadModel.ECU_ELIGIBLE + ") THEN 'downgrade'"));
        DependencyReadModel.condition(jdbc, images, params)
                .ifPresent(missing -> cases.add("WHEN " + missing + " THEN 'missing-dependency'"));
        if (allowedRegions != null && !allowedRegions.isEmpty()) {
            cases.add("WHEN v.region NOT IN (:regions) THEN 'region-not-allowed'");
            params.put("regions", allowedRegions);
        }
        cases.add("WHEN NOT EXISTS (SELECT 1 FROM vehicle_report r WHERE r.vin = v.vin AND r.consent = TRUE) "
                + "THEN 'no-consent'");
        cases.add("WHEN EXISTS (SELECT 1 FROM assignment a WHERE a.vin = v.vin AND a.status IN "
                + Assignments.ACTIVE_STATES + ") THEN 'active-assignment'");
        // The vehicles with their verdict, still called v so that wave conditions over vehicle v apply;
        // OFFSET 0 keeps PostgreSQL from inlining the CASE (and its subqueries) into every reference.
        String judged = "(SELECT v.*, CASE " + String.join(" ", cases) + " ELSE 'eligible' END AS verdict"
                + " FROM vehicle v WHERE 1 = 1 " + where + " OFFSET 0 ROWS) v";
        List<String> members = new ArrayList<>();
        for (int n = 0; n < waves.size(); n++) {
            WaveSelection wave = waves.get(n);
            params.putAll(wave.params());
            members.add(
                    switch (wave.kind()) {
                        case PERCENT -> percentMember(judged, members, wave.percent(), "wcut" + n, params);
                        case REST -> "1 = 1";
                        case TAG, VINS, FILTER -> wave.condition();
                    });
        }
        StringBuilder waveCase = new StringBuilder("CASE WHEN verdict <> 'eligible' THEN -1");
        for (int n = 0; n < members.size(); n++) {
            waveCase.append(" WHEN ").append(members.get(n)).append(" THEN ").append(n);
        }
        waveCase.append(" ELSE -1 END");
        Map<String, Long> byVerdict = new LinkedHashMap<>();
        long[] sizes = new long[waves.size()];
        bind(
                        jdbc.sql("SELECT verdict, wave, COUNT(*) FROM (SELECT verdict, " + waveCase + " AS wave FROM "
                                + judged + ") x GROUP BY verdict, wave"),
                        params)
                .query(rs -> {
                    byVerdict.merge(rs.getString(1), rs.getLong(3), Long::sum);
                    if (rs.getInt(2) >= 0) {
                        sizes[rs.getInt(2)] = rs.getLong(3);
                    }
                });
        Map<IneligibleReason, Long> ineligible = new EnumMap<>(IneligibleReason.class);
        for (IneligibleReason reason : IneligibleReason.values()) {
            ineligible.put(reason, byVerdict.getOrDefault(reason.code(), 0L));
        }
        List<PlannedWave> planned = new ArrayList<>();
        for (int n = 0; n < waves.size(); n++) {
            planned.add(new PlannedWave(n, waves.get(n).name(), waves.get(n).kind(), sizes[n]));
        }
        long matched = byVerdict.values().stream().mapToLong(Long::longValue).sum();
        return new DryRun(matched, byVerdict.getOrDefault("eligible", 0L), ineligible, planned);
    }

    /**
     * A PERCENT wave as a condition: the eligible vehicles no earlier wave takes, counted, and its share
     * (rounded up, as the start does) cut at the VIN of its last vehicle; nothing when the share is 0.
     */
    private String percentMember(
            String judged, List<String> earlier, int percent, String cutParam, Map<String, Object> params) {
        String left = "verdict = 'eligible'"
                + (earlier.isEmpty()
                        ? ""
                        : " AND (CASE"
                                + earlier.stream()
                                        .map(m -> " WHEN " + m + " THEN 1")
                                        .reduce("", String::concat) + " ELSE 0 END) = 0");
        long remaining = bind(jdbc.sql("SELECT COUNT(*) FROM " + judged + " WHERE " + left), params)
                .query(Long.class)
                .single();
        long share = (remaining * percent + 99) / 100;
        if (share == 0) {
            return "1 = 0";
        }
        String cut = bind(
                        jdbc.sql("SELECT v.vin FROM " + judged + " WHERE " + left
                                + " ORDER BY v.vin OFFSET :wskip ROWS FETCH NEXT 1 ROWS ONLY"),
                        params)
                .param("wskip", share - 1)
                .query(String.class)
                .single();
        params.put(cutParam, cut);
        return "v.vin <= :" + cutParam;
    }

    private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec spec, Map<String, Object> params) {
        for (var p : params.entrySet()) {
            spec = spec.param(p.getKey(), p.getValue());
        }
        return spec;
    }
}

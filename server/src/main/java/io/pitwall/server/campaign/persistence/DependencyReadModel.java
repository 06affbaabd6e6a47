package io.pitwall.server.campaign.persistence;

import io.pitwall.server.inventory.SemanticVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The catalog's image dependencies ("needs at least min_version on hardware_id") as a set-based condition.
 * Versions compare by SemVer precedence ({@link SemanticVersion}); a version that is not SemVer never
 * satisfies a dependency, so such a vehicle counts as missing it rather than being updated on a guess.
 */
final class DependencyReadModel {

    private record Dependency(String imageHardwareId, String hardwareId, String minVersion) {}

    private DependencyReadModel() {}

    /**
     * A condition over {@code vehicle v} true when a dependency the images do not satisfy themselves is
     * missing: the vehicle has an ECU for the dependent image but none with the needed hardware id at a
     * satisfying installed version; empty when no dependency needs checking. The satisfying
     * versions are resolved in Java by SemVer precedence over the few distinct versions installed in the fleet.
     */
    static Optional<String> condition(JdbcClient jdbc, DryRunReadModel.Images images, Map<String, Object> params) {
        var shipped = jdbc.sql("SELECT hardware_id, sw_version FROM " + images.table() + " ci")
                .param("images", images.id())
                .query((rs, i) -> Map.entry(rs.getString(1), rs.getString(2)))
                .list();
        var dependencies = jdbc.sql("SELECT ci.hardware_id, d.hardware_id, d.min_version FROM image_dependency d JOIN "
                        + images.table() + " ci ON ci.image_id = d.image_id ORDER BY ci.hardware_id, d.hardware_id")
                .param("images", images.id())
                .query((rs, i) -> new Dependency(rs.getString(1), rs.getString(2), rs.getString(3)))
                .list();
        List<String> conditions = new ArrayList<>();
        for (Dependency d : dependencies) {
            boolean inRelease = shipped.stream()
                    .anyMatch(s -> s.getKey().equals(d.hardwareId()) && atLeast(s.getValue(), d.minVersion()));
            if (inRelease) {
                continue;
            }
            int n = conditions.size();
            List<String> satisfying = jdbc
                    .sql("SELECT DISTINCT software_version FROM ecu WHERE hardware_id = :hw")
                    .param("hw", d.hardwareId())
                    .query(String.class)
                    .list()
                    .stream()
                    .filter(v -> atLeast(v, d.minVersion()))
                    .sorted()
                    .toList();
            params.put("depImage" + n, d.imageHardwareId());
            params.put("depHw" + n, d.hardwareId());
            String met = satisfying.isEmpty() ? "1 = 0" : "m.software_version IN (:depVersions" + n + ")";
            if (!satisfying.isEmpty()) {
                params.put("depVersions" + n, satisfying);
            }
            conditions.add("(EXISTS (SELECT 1 FROM ecu e WHERE e.vin = v.vin AND e.hardware_id = :depImage" + n
                    + ") AND NOT EXISTS (SELECT 1 FROM ecu m WHERE m.vin = v.vin AND m.hardware_id = :depHw" + n
                    + " AND " + met + "))");
        }
        return conditions.isEmpty() ? Optional.empty() : Optional.of("(" + String.join(" OR ", conditions) + ")");
    }

    private static boolean atLeast(String version, String minimum) {
        var v = SemanticVersion.parse(version);
        var min = SemanticVersion.parse(minimum);
        return v.isPresent() && min.isPresent() && v.get().compareTo(min.get()) >= 0;
    }
}

package io.pitwall.simulator.fleet;

import java.util.List;

/**
 * What a generated fleet is made of: models and regions with weights, and tags every vehicle carries
 * (a campaign can target them). Order matters for reproducibility, hence lists, not maps.
 */
public record FleetMix(List<Weighted<VehicleModel>> models, List<Weighted<Region>> regions, List<String> tags) {

    public FleetMix {
        models = List.copyOf(models);
        regions = List.copyOf(regions);
        tags = List.copyOf(tags);
        if (models.isEmpty() || regions.isEmpty()) {
            throw new IllegalArgumentException("a fleet needs at least one model and one region");
        }
    }

    /** Every built-in model and region, most vehicles in Europe, tagged {@code sim}. */
    public static FleetMix standard() {
        var m = FleetCatalog.MODELS;
        var r = FleetCatalog.REGIONS;
        return new FleetMix(
                List.of(
                        new Weighted<>(m.get(0), 4),
                        new Weighted<>(m.get(1), 2),
                        new Weighted<>(m.get(2), 3),
                        new Weighted<>(m.get(3), 1)),
                List.of(new Weighted<>(r.get(0), 5), new Weighted<>(r.get(1), 3), new Weighted<>(r.get(2), 2)),
                List.of("sim"));
    }

    public FleetMix withTags(List<String> values) {
        return new FleetMix(models, regions, values);
    }
}

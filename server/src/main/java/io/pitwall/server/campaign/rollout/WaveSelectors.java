package io.pitwall.server.campaign.rollout;

import io.pitwall.server.campaign.WaveSpec;
import io.pitwall.server.campaign.persistence.DryRunReadModel;
import io.pitwall.server.inventory.VehicleSelection;
import io.pitwall.server.inventory.VehicleSelector;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * A wave's selector as a SQL condition over {@code vehicle v} with its own bind parameters, named after
 * the wave's number so the conditions of every wave of a plan fit in one statement. PERCENT and REST
 * select nothing by themselves (an empty condition): their share is taken from what earlier waves left.
 */
@Component
public class WaveSelectors {

    private final VehicleSelector selector;

    WaveSelectors(VehicleSelector selector) {
        this.selector = selector;
    }

    public DryRunReadModel.WaveSelection of(int number, WaveSpec spec) {
        Map<String, Object> params = new LinkedHashMap<>();
        String condition = switch (spec.kind()) {
            case TAG -> {
                var selection =
                        VehicleSelection.taggedWith(spec.selector().trim()).withPrefix("wave" + number + "t");
                params.putAll(selection.params());
                yield selection.sql();
            }
            case VINS -> {
                params.put("wvins" + number, CampaignWaves.vinsOf(spec));
                yield "v.vin IN (:wvins" + number + ")";
            }
            case FILTER -> {
                var selection = selector.compile(spec.selector()).withPrefix("wave" + number + "p");
                params.putAll(selection.params());
                yield selection.sql();
            }
            case PERCENT, REST -> "";
        };
        return new DryRunReadModel.WaveSelection(
                spec.name(),
                spec.kind(),
                condition,
                params,
                spec.kind() == io.pitwall.server.campaign.WaveKind.PERCENT ? spec.percent() : null);
    }
}

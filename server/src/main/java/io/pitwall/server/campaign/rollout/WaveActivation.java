package io.pitwall.server.campaign.rollout;

import io.pitwall.server.campaign.Campaign;
import io.pitwall.server.campaign.Wave;
import io.pitwall.server.campaign.WaveKind;
import io.pitwall.server.campaign.persistence.Decisions;
import io.pitwall.server.campaign.persistence.EligibilityReadModel;
import io.pitwall.server.campaign.persistence.Waves;
import io.pitwall.server.trust.DirectorRepository;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Assigns a wave's vehicles: the campaign's eligible vehicles not in an earlier wave that the wave's
 * selector picks, in the caller's transaction (which holds the campaign's lock), and marks the wave
 * ACTIVE. A percentage wave takes that share of the vehicles still eligible, rounded up, lowest VINs first.
 */
@Component
public class WaveActivation {

    private final EligibilityReadModel eligibility;
    private final Waves waves;
    private final Decisions decisions;
    private final WaveSelectors selectors;
    private final DirectorRepository director;

    WaveActivation(
            EligibilityReadModel eligibility,
            Waves waves,
            Decisions decisions,
            WaveSelectors selectors,
            DirectorRepository director) {
        this.eligibility = eligibility;
        this.waves = waves;
        this.decisions = decisions;
        this.selectors = selectors;
        this.director = director;
    }

    /** Returns how many vehicles the wave assigned. */
    public int activate(Campaign campaign, Wave wave, String actor, OffsetDateTime now) {
        var selection = selectors.of(wave.number(), wave.spec());
        String condition = selection.condition();
        Map<String, Object> params = selection.params();
        Long limit = null;
        if (wave.spec().kind() == WaveKind.PERCENT) {
            long remaining = eligibility.countForWave(campaign.id(), campaign.filter(), condition, params);
            limit = (remaining * wave.spec().percent() + 99) / 100;
        }
        int assigned = limit != null && limit == 0
                ? 0
                : eligibility.createForWave(
                        campaign.id(), campaign.filter(), wave.number(), condition, params, limit, now);
        if (assigned > 0) {
            director.assignmentsChanged(campaign.id());
        }
        waves.activated(wave, assigned, now);
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("wave", wave.number());
        detail.put("name", wave.spec().name());
        detail.put("assigned", assigned);
        decisions.append(campaign.id(), now, actor, "WAVE_STARTED", detail);
        return assigned;
    }
}

package io.pitwall.server.campaign.rollout;

import io.pitwall.server.campaign.Campaign;
import io.pitwall.server.campaign.CampaignStatus;
import io.pitwall.server.campaign.Wave;
import io.pitwall.server.campaign.WaveKind;
import io.pitwall.server.campaign.WaveSpec;
import io.pitwall.server.campaign.WaveStatus;
import io.pitwall.server.campaign.internal.CampaignMoves;
import io.pitwall.server.campaign.persistence.Decisions;
import io.pitwall.server.campaign.persistence.Waves;
import io.pitwall.server.inventory.VehicleSelector;
import io.pitwall.server.inventory.Vin;
import io.pitwall.server.shared.ApiException;
import io.pitwall.server.shared.Audited;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The wave plan of a campaign: defined while it is a draft (waves, their gates, campaign-wide abort
 * criteria), advanced by the reconciler, and released by an approver where a wave waits for an expansion
 * approval (or an approver overrides a failed gate, with a comment, after looking at its evidence).
 */
@Service
public class CampaignWaves {

    public static final int MAX_WAVES = 20;
    /** Abort criteria of one campaign; what a plan needs is a few, and they are stored with the campaign. */
    static final int MAX_ABORT_CRITERIA = 20;
    /** The longest comment of an expansion approval or gate override. */
    public static final int MAX_COMMENT = 2000;

    static final int MAX_VINS = 10_000;
    private final Waves waves;
    private final Decisions decisions;
    private final CampaignMoves moves;
    private final VehicleSelector selector;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    CampaignWaves(
            Waves waves,
            Decisions decisions,
            CampaignMoves moves,
            VehicleSelector selector,
            ApplicationEventPublisher events,
            Clock clock) {
        this.waves = waves;
        this.decisions = decisions;
        this.moves = moves;
        this.selector = selector;
        this.events = events;
        this.clock = clock;
    }

    /** Replaces the wave plan and abort criteria of a draft campaign. */
    @Transactional
    public List<Wave> define(long id, List<WaveSpec> specs, List<AbortCriterion> abort) {
        if (abort != null && abort.size() > MAX_ABORT_CRITERIA) {
            throw ApiException.unprocessable(
                    "invalid-abort-criterion", "A plan has at most " + MAX_ABORT_CRITERIA + " abort criteria");
        }
        Campaign campaign = moves.lock(id);
        if (campaign.status() != CampaignStatus.DRAFT) {
            throw ApiException.conflict("campaign-not-draft", "Waves are planned while the campaign is a draft");
        }
        if (specs == null || specs.isEmpty() || specs.size() > MAX_WAVES) {
            throw WaveSpec.invalid("A plan has 1 to " + MAX_WAVES + " waves");
        }
        for (WaveSpec spec : specs) {
            Objects.requireNonNull(spec);
            if (spec.kind() == WaveKind.FILTER) {
                selector.validate(spec.selector());
            } else if (spec.kind() == WaveKind.VINS) {
                vinsOf(spec);
            }
        }
        List<AbortCriterion> criteria = abort == null ? List.of() : List.copyOf(abort);
        waves.replace(id, specs, criteria);
        events.publishEvent(Audited.succeeded(
                "campaign.waves", "campaign:" + id, Map.of("waves", specs.size(), "abortCriteria", criteria.size())));
        return waves.of(id);
    }

    @Transactional(readOnly = true)
    public List<Wave> of(long id) {
        moves.campaign(id);
        return waves.of(id);
    }

    @Transactional(readOnly = true)
    public List<AbortCriterion> abortCriteria(long id) {
        moves.campaign(id);
        return waves.abortCriteria(id);
    }

    /**
     * Lets the campaign expand past a wave whose gate passed and waits for approval, or past a failed gate
     * (an override: a comment is required). Whoever created or submitted the campaign cannot approve.
     */
    @Transactional
    public Wave approveExpansion(long id, int number, String approver, String comment) {
        if (comment != null && comment.length() > MAX_COMMENT) {
            throw ApiException.unprocessable("invalid-comment", "A comment has at most " + MAX_COMMENT + " characters");
        }
        Campaign campaign = moves.lock(id);
        if (approver.equals(campaign.createdBy()) || approver.equals(campaign.submittedBy())) {
            throw new ApiException(403, "self-approval", "Whoever created or submitted a campaign cannot approve it");
        }
        Wave wave = waves.lock(id, number)
                .orElseThrow(
                        () -> ApiException.notFound("wave-not-found", "Campaign " + id + " has no wave " + number));
        boolean override = wave.status() == WaveStatus.FAILED;
        if (wave.status() != WaveStatus.AWAITING_APPROVAL && !override) {
            throw ApiException.conflict("wave-not-awaiting-approval", "Wave " + number + " is " + wave.status());
        }
        if (override && (comment == null || comment.isBlank())) {
            throw ApiException.unprocessable("comment-required", "Overriding a failed gate needs a comment");
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        Map<String, Object> verdict = new LinkedHashMap<>(wave.verdict());
        verdict.put("approvedBy", approver);
        if (comment != null) {
            verdict.put("comment", comment);
        }
        waves.decided(wave, WaveStatus.PASSED, verdict, approver, now);
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("wave", number);
        detail.put("name", wave.spec().name());
        detail.put("override", override);
        detail.put("comment", comment == null ? "" : comment);
        decisions.append(id, now, approver, override ? "WAVE_GATE_OVERRIDDEN" : "WAVE_EXPANSION_APPROVED", detail);
        events.publishEvent(Audited.succeeded(
                override ? "campaign.wave.override" : "campaign.wave.approve",
                "campaign:" + id,
                Map.of("wave", number)));
        return waves.lock(id, number).orElseThrow();
    }

    /** The VINs of a VINS wave, each checked. */
    public static List<String> vinsOf(WaveSpec spec) {
        List<String> vins = List.of(spec.selector().trim().split("\\s*,\\s*"));
        if (vins.size() > MAX_VINS) {
            throw WaveSpec.invalid("Wave '" + spec.name() + "' lists more than " + MAX_VINS + " VINs");
        }
        for (String vin : vins) {
            try {
                new Vin(vin);
            } catch (RuntimeException e) {
                throw WaveSpec.invalid("Wave '" + spec.name() + "': '" + vin + "' is not a VIN");
            }
        }
        return vins;
    }
}

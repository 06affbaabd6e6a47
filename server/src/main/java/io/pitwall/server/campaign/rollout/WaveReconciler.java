package io.pitwall.server.campaign.rollout;

import io.pitwall.server.campaign.Campaign;
import io.pitwall.server.campaign.CampaignSettings;
import io.pitwall.server.campaign.CampaignStatus;
import io.pitwall.server.campaign.Wave;
import io.pitwall.server.campaign.WaveEvidence;
import io.pitwall.server.campaign.WaveGateFailed;
import io.pitwall.server.campaign.WaveStatus;
import io.pitwall.server.campaign.delivery.Attempts;
import io.pitwall.server.campaign.delivery.CampaignSchedule;
import io.pitwall.server.campaign.governance.CampaignLifecycle.Trigger;
import io.pitwall.server.campaign.internal.CampaignMoves;
import io.pitwall.server.campaign.persistence.Campaigns;
import io.pitwall.server.campaign.persistence.Decisions;
import io.pitwall.server.campaign.persistence.WaveEvidenceReadModel;
import io.pitwall.server.campaign.persistence.Waves;
import io.pitwall.server.campaign.spi.GateCheck;
import io.pitwall.server.campaign.spi.GateCondition;
import io.pitwall.server.campaign.spi.GateVerdict;
import io.pitwall.server.shared.LeaseGrant;
import io.pitwall.server.shared.Leases;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Advances running campaigns that have waves, on every node but driven by one: each tick acquires the
 * {@code campaign-reconciler} lease and does nothing without it. Each campaign advances in a transaction
 * of its own that first checks the lease is still held (fencing a node that lost it) and locks the
 * campaign, so a reconciler killed at any point leaves either the whole step or none of it, and the next
 * holder takes the same step again from the stored state: a wave is never activated twice, a vehicle
 * never assigned twice. One step per campaign and tick:
 * <ol>
 * <li>an abort criterion over the whole campaign trips: pause, reason and numbers in the decision log;
 * <li>the current wave (the first not PASSED) is PLANNED: assign its vehicles;
 * <li>it is ACTIVE: judge its gate; FAILED pauses the campaign with the evidence; PASSED after its soak
 * time moves it on (or to AWAITING_APPROVAL); too little evidence waits;
 * <li>every wave passed: the campaign completes once its last assignment ended.
 * </ol>
 * Before the waves, every running campaign with a schedule has its due retries started and its attempts in
 * progress past the in-progress timeout moved to TIMED_OUT ({@link Attempts}), in a fenced transaction of its own.
 * <p>
 * Every step is in the decision log and, in the same transaction, in the audit trail: one entry per step (not
 * per vehicle), naming {@code system:reconciler} and the node that held the lease.
 */
@Component
public class WaveReconciler {

    public static final String LEASE = "campaign-reconciler";
    public static final String ACTOR = "reconciler";
    private static final Logger log = LoggerFactory.getLogger(WaveReconciler.class);
    private final Waves waves;
    private final WaveEvidenceReadModel evidences;
    private final WaveActivation activation;
    private final Campaigns campaigns;
    private final Decisions decisions;
    private final CampaignMoves moves;
    private final List<GateCondition> conditions;
    private final Leases leases;
    private final Attempts attempts;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final Duration leaseTtl;

    WaveReconciler(
            Waves waves,
            WaveEvidenceReadModel evidences,
            WaveActivation activation,
            Campaigns campaigns,
            Decisions decisions,
            CampaignMoves moves,
            List<GateCondition> conditions,
            Leases leases,
            Attempts attempts,
            PlatformTransactionManager transactionManager,
            ApplicationEventPublisher events,
            Clock clock,
            CampaignSettings settings) {
        this.attempts = attempts;
        this.leaseTtl = settings.reconcilerLease();
        this.waves = waves;
        this.evidences = evidences;
        this.activation = activation;
        this.campaigns = campaigns;
        this.decisions = decisions;
        this.moves = moves;
        this.conditions = List.copyOf(conditions);
        this.leases = leases;
        this.transactions = new TransactionTemplate(transactionManager);
        this.events = events;
        this.clock = clock;
    }

    /** One pass as this node, for the schedule; failures are logged and the next tick tries again. */
    void scheduledTick() {
        try {
            tick(leases.node());
        } catch (RuntimeException e) {
            log.warn("Campaign reconciler tick failed; the next tick tries again: {}", e.toString());
        }
    }

    /** One pass as {@code holder}; returns how many campaigns took a step, or -1 without the lease. */
    public int tick(String holder) {
        Optional<LeaseGrant> grant = leases.acquire(LEASE, holder, leaseTtl);
        if (grant.isEmpty()) {
            return -1;
        }
        int stepped = 0;
        for (Campaigns.Scheduled scheduled : campaigns.runningWithSchedule()) {
            Integer moved = transactions.execute(status -> attemptStep(scheduled, grant.get()));
            if (moved == null) {
                return stepped;
            }
            stepped += moved > 0 ? 1 : 0;
        }
        for (long id : waves.campaignsWithWaves(CampaignStatus.RUNNING.name())) {
            Boolean step = transactions.execute(status -> advance(id, grant.get()));
            if (step == null) {
                return stepped;
            }
            stepped += step ? 1 : 0;
        }
        return stepped;
    }

    /**
     * Times out the campaign's attempts in progress past its timeout and starts the retries that are due;
     * how many assignments moved, or null when the lease was lost.
     */
    private Integer attemptStep(Campaigns.Scheduled scheduled, LeaseGrant grant) {
        if (!leases.stillHeld(grant)) {
            return null;
        }
        CampaignSchedule schedule = campaigns.readSchedule(scheduled.scheduleJson());
        OffsetDateTime now = OffsetDateTime.now(clock);
        int retried = attempts.retryDue(scheduled.id(), now);
        int timedOut = attempts.timeOut(scheduled.id(), schedule, now);
        if (timedOut + retried > 0) {
            decisions.append(scheduled.id(), now, ACTOR, "ATTEMPTS", Map.of("timedOut", timedOut, "retried", retried));
            audit("campaign.attempts", scheduled.id(), grant, Map.of("timedOut", timedOut, "retried", retried));
        }
        if (timedOut > 0) {
            attempts.completeIfDone(scheduled.id(), ACTOR, now);
        }
        return timedOut + retried;
    }

    /** One step for one campaign; null when the lease was lost (stop the tick). */
    private Boolean advance(long id, LeaseGrant grant) {
        if (!leases.stillHeld(grant)) {
            log.info("Campaign reconciler lost its lease (term {}); another node drives now", grant.term());
            return null;
        }
        Campaign campaign = moves.lock(id);
        if (campaign.status() != CampaignStatus.RUNNING) {
            return false;
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        WaveEvidence overall = evidences.outcomes(id);
        for (AbortCriterion criterion : waves.abortCriteria(id)) {
            Optional<String> reason = criterion.trippedBy(overall);
            if (reason.isPresent()) {
                pause(campaign, grant, now, Map.of("reason", reason.get(), "abortCriterion", criterion));
                return true;
            }
        }
        Optional<Wave> current = waves.of(id).stream()
                .filter(w -> w.status() != WaveStatus.PASSED)
                .findFirst();
        if (current.isEmpty()) {
            if (campaigns.completeIfDone(id, now)) {
                moves.completed(id, ACTOR, now);
                return true;
            }
            return false;
        }
        Wave wave = current.get();
        return switch (wave.status()) {
            case PLANNED -> {
                int assigned = activation.activate(campaign, wave, ACTOR, now);
                audit(
                        "campaign.wave.start",
                        id,
                        grant,
                        Map.of("wave", wave.number(), "name", wave.spec().name(), "assigned", assigned));
                yield true;
            }
            case ACTIVE -> judge(campaign, wave, grant, now);
            case AWAITING_APPROVAL, PASSED, FAILED -> false;
        };
    }

    private boolean judge(Campaign campaign, Wave wave, LeaseGrant grant, OffsetDateTime now) {
        if (wave.assigned() == 0) {
            waves.decided(wave, WaveStatus.PASSED, Map.of("wave", wave.number(), "outcome", "EMPTY"), ACTOR, now);
            decisions.append(
                    campaign.id(),
                    now,
                    ACTOR,
                    "WAVE_EMPTY",
                    Map.of("wave", wave.number(), "name", wave.spec().name()));
            audit(
                    "campaign.wave.pass",
                    campaign.id(),
                    grant,
                    Map.of(
                            "wave",
                            wave.number(),
                            "name",
                            wave.spec().name(),
                            "outcome",
                            "EMPTY",
                            "status",
                            WaveStatus.PASSED.name()));
            return true;
        }
        WaveEvidence evidence = evidences.of(campaign.id(), wave.number());
        GateVerdict verdict = wave.spec().gate().evaluate(campaign.id(), wave.number(), evidence, conditions);
        boolean soaked =
                !wave.activatedAt().plusMinutes(wave.spec().soakMinutes()).isAfter(now);
        if (verdict.outcome() == GateVerdict.Outcome.WAITING
                || verdict.outcome() == GateVerdict.Outcome.PASSED && !soaked) {
            return false;
        }
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("wave", wave.number());
        record.put("name", wave.spec().name());
        record.put("outcome", verdict.outcome().name());
        record.put("checks", verdict.checks());
        record.put(
                "evidence",
                Map.of(
                        "assigned",
                        evidence.assigned(),
                        "executed",
                        evidence.executed(),
                        "succeeded",
                        evidence.succeeded(),
                        "failures",
                        evidence.failures(),
                        "healthReported",
                        evidence.healthReported()));
        if (verdict.outcome() == GateVerdict.Outcome.FAILED) {
            List<FailingVehicle> failing = evidences.failing(campaign.id(), wave.number());
            record.put("failing", failing);
            record.put("failingByHardware", FailurePattern.byHardware(failing));
            waves.decided(wave, WaveStatus.FAILED, record, ACTOR, now);
            decisions.append(campaign.id(), now, ACTOR, "WAVE_GATE_FAILED", record);
            audit(
                    "campaign.wave.fail",
                    campaign.id(),
                    grant,
                    Map.of(
                            "wave",
                            wave.number(),
                            "name",
                            wave.spec().name(),
                            "failedChecks",
                            verdict.failedChecks().stream().map(GateCheck::name).toList(),
                            "failing",
                            failing.size()));
            pause(
                    campaign,
                    grant,
                    now,
                    Map.of(
                            "reason",
                            "The gate of wave " + wave.number() + " ("
                                    + wave.spec().name() + ") failed: " + FailurePattern.summary(verdict),
                            "wave",
                            wave.number()));
            events.publishEvent(new WaveGateFailed(campaign.id(), wave.number(), verdict.failedChecks()));
            return true;
        }
        WaveStatus next = wave.spec().needsApproval() ? WaveStatus.AWAITING_APPROVAL : WaveStatus.PASSED;
        waves.decided(wave, next, record, ACTOR, now);
        decisions.append(campaign.id(), now, ACTOR, "WAVE_GATE_PASSED", record);
        audit(
                "campaign.wave.pass",
                campaign.id(),
                grant,
                Map.of(
                        "wave",
                        wave.number(),
                        "name",
                        wave.spec().name(),
                        "outcome",
                        verdict.outcome().name(),
                        "status",
                        next.name(),
                        "executed",
                        evidence.executed()));
        return true;
    }

    private void pause(Campaign campaign, LeaseGrant grant, OffsetDateTime now, Map<String, Object> extra) {
        var accepted = CampaignMoves.accept(campaign, Trigger.PAUSE);
        moves.apply(campaign, Trigger.PAUSE, accepted, ACTOR, now, extra);
        audit(
                "campaign.pause",
                campaign.id(),
                grant,
                Map.of("by", ACTOR, "reason", String.valueOf(extra.get("reason"))));
    }

    /** The step's audit entry, in its transaction: the system as actor, and the node holding the lease. */
    private void audit(String action, long campaignId, LeaseGrant grant, Map<String, Object> details) {
        Map<String, Object> all = new LinkedHashMap<>(details);
        all.put("node", grant.holder());
        moves.audit(action, campaignId, ACTOR, all);
    }
}

package io.pitwall.server.campaign.delivery;

import io.pitwall.server.campaign.delivery.AssignmentLifecycle.Accepted;
import io.pitwall.server.campaign.delivery.AssignmentLifecycle.State;
import io.pitwall.server.campaign.delivery.AssignmentLifecycle.Trigger;
import io.pitwall.server.campaign.internal.CampaignMoves;
import io.pitwall.server.campaign.persistence.AssignmentAttempts;
import io.pitwall.server.campaign.persistence.Assignments;
import io.pitwall.server.campaign.persistence.Campaigns;
import io.pitwall.server.trust.DirectorRepository;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Component;

/**
 * Attempts of assignments: timing out those in progress past the campaign's in-progress timeout, and
 * starting the next attempt of a failed or timed-out one (after its backoff, or at once by an operator).
 * Each assignment is locked before its ECU parts are touched, the lock order of every assignment writer.
 */
@Component
public class Attempts {

    /** The failure code a timed-out assignment carries. */
    public static final String TIMEOUT_CODE = "IN_PROGRESS_TIMEOUT";

    static final int BATCH = 1_000;
    private final Assignments assignments;
    private final AssignmentAttempts attemptRows;
    private final Campaigns campaigns;
    private final CampaignMoves moves;
    private final DirectorRepository director;

    Attempts(
            Assignments assignments,
            AssignmentAttempts attemptRows,
            Campaigns campaigns,
            CampaignMoves moves,
            DirectorRepository director) {
        this.director = director;
        this.assignments = assignments;
        this.attemptRows = attemptRows;
        this.campaigns = campaigns;
        this.moves = moves;
    }

    /**
     * Times out the campaign's attempts in progress longer than its timeout; returns how many. The caller
     * completes the campaign if that ended its last assignment ({@link #completeIfDone}).
     */
    public int timeOut(long campaignId, CampaignSchedule schedule, OffsetDateTime now) {
        Optional<Duration> timeout = schedule.inProgressTimeout();
        if (timeout.isEmpty()) {
            return 0;
        }
        int timedOut = 0;
        for (Assignments.Ref ref : attemptRows.inProgressSince(campaignId, now.minus(timeout.get()), BATCH)) {
            var locked = assignments.lock(ref.id(), ref.vin());
            if (locked.isEmpty()
                    || !AssignmentLifecycle.IN_PROGRESS.contains(locked.get().status())) {
                continue;
            }
            List<State> states = new ArrayList<>();
            List<Assignments.EcuPart> parts = assignments.ecus(ref.id());
            for (Assignments.EcuPart ecu : parts) {
                State next = ecu.status();
                if (AssignmentLifecycle.apply(ecu.status(), Trigger.TIME_OUT) instanceof Accepted a && a.changed()) {
                    next = a.next();
                    if (!assignments.updateEcu(ref.id(), ecu.ecuSerial(), ecu.status(), next, TIMEOUT_CODE)) {
                        throw new OptimisticLockingFailureException("ECU part " + ecu.ecuSerial() + " changed");
                    }
                }
                states.add(next);
            }
            State derived = AssignmentLifecycle.derive(states);
            OpenParts.closeIfEnded(assignments, ref.id(), parts, states, derived);
            assignments.update(ref.id(), locked.get().version(), derived, null, TIMEOUT_CODE, now);
            if (derived == State.TIMED_OUT) {
                scheduleRetry(ref.id(), locked.get().attempt(), schedule, now);
            }
            timedOut++;
        }
        return timedOut;
    }

    /** Schedules the next attempt after the backoff, if the schedule leaves one; the caller holds the lock. */
    public void scheduleRetry(long id, int attempt, CampaignSchedule schedule, OffsetDateTime now) {
        schedule.retryAfter(attempt).ifPresent(backoff -> attemptRows.retryAt(id, now.plus(backoff)));
    }

    /** Starts the next attempt of every assignment of the campaign whose retry is due; returns how many. */
    public int retryDue(long campaignId, OffsetDateTime now) {
        int retried = 0;
        for (Assignments.Ref ref : attemptRows.retriesDue(campaignId, now, BATCH)) {
            retried += reoffer(ref.id(), ref.vin(), now) ? 1 : 0;
        }
        return retried;
    }

    /** Starts the next attempt of a failed or timed-out assignment now; false when it is neither. */
    public boolean reoffer(long id, String vin, OffsetDateTime now) {
        var locked = assignments.lock(id, vin);
        if (locked.isEmpty()) {
            return false;
        }
        var result = AssignmentLifecycle.apply(locked.get().status(), Trigger.REOFFER);
        if (!(result instanceof Accepted a) || !a.changed()) {
            return false;
        }
        attemptRows.reoffer(id, locked.get().version(), now);
        // The failed attempt's end took the images off the vehicle's director targets; the new one lists them.
        director.vehicleChanged(vin);
        return true;
    }

    /**
     * Completes the campaign when nothing is left to do (after timeouts, exclusions), logged and audited as the
     * actor's step ({@link CampaignMoves#completed}, which also finishes a rollback campaign's original).
     */
    public void completeIfDone(long campaignId, String actor, OffsetDateTime now) {
        if (campaigns.completeIfDone(campaignId, now)) {
            moves.completed(campaignId, actor, now);
        }
    }
}

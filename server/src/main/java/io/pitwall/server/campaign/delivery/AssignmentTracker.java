package io.pitwall.server.campaign.delivery;

import io.pitwall.protocol.device.DeviceEvent;
import io.pitwall.server.campaign.AssignmentEnded;
import io.pitwall.server.campaign.FailureCategory;
import io.pitwall.server.campaign.delivery.AssignmentLifecycle.Accepted;
import io.pitwall.server.campaign.delivery.AssignmentLifecycle.State;
import io.pitwall.server.campaign.delivery.AssignmentLifecycle.Trigger;
import io.pitwall.server.campaign.governance.CampaignCommands;
import io.pitwall.server.campaign.internal.CampaignMoves;
import io.pitwall.server.campaign.persistence.Assignments;
import io.pitwall.server.campaign.persistence.Campaigns;
import io.pitwall.server.inventory.InstalledSoftware;
import io.pitwall.server.telemetry.RecordedEvent;
import io.pitwall.server.telemetry.VehicleEventsRecorded;
import io.pitwall.server.trust.DirectorRepository;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Component;

/**
 * Moves assignments as their vehicles report, in the ingesting transaction: each stored event is seen
 * exactly once, and the lifecycle ignores what would move an assignment backwards. The assignment row is
 * locked before its ECU parts are read, so a cancel or a delivery racing the report is either fully
 * before or fully after it. Events naming an assignment of another vehicle, or none at all, do not touch
 * assignments.
 */
@Component
class AssignmentTracker {

    private static final Logger log = LoggerFactory.getLogger(AssignmentTracker.class);
    private final Assignments assignments;
    private final Campaigns campaigns;
    private final InstalledSoftware installed;
    private final CampaignMoves moves;
    private final Attempts attempts;
    private final DirectorRepository director;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    AssignmentTracker(
            Assignments assignments,
            Campaigns campaigns,
            InstalledSoftware installed,
            CampaignMoves moves,
            Attempts attempts,
            DirectorRepository director,
            ApplicationEventPublisher events,
            Clock clock) {
        this.attempts = attempts;
        this.director = director;
        this.events = events;
        this.assignments = assignments;
        this.campaigns = campaigns;
        this.moves = moves;
        this.installed = installed;
        this.clock = clock;
    }

    static Trigger trigger(DeviceEvent event) {
        return switch (event.type()) {
            case DOWNLOAD_STARTED -> Trigger.DOWNLOAD_STARTED;
            case DOWNLOAD_PROGRESS -> Trigger.DOWNLOAD_PROGRESS;
            case DOWNLOAD_COMPLETED -> Trigger.DOWNLOAD_COMPLETED;
            case DOWNLOAD_FAILED -> Trigger.DOWNLOAD_FAILED;
            case INSTALL_DEFERRED -> Trigger.INSTALL_DEFERRED;
            case INSTALL_STARTED -> Trigger.INSTALL_STARTED;
            case INSTALL_PAUSED -> Trigger.INSTALL_PAUSED;
            case INSTALL_RESUMED -> Trigger.INSTALL_RESUMED;
            case INSTALL_RETRIED -> Trigger.INSTALL_RETRIED;
            case INSTALL_FAILED -> Trigger.INSTALL_FAILED;
            case INSTALL_COMPLETED -> Trigger.INSTALL_COMPLETED;
            case ROLLED_BACK -> Trigger.ROLLED_BACK;
            case POST_UPDATE_HEALTH, DTC_REPORT, MODULE_HEALTH, COMMAND_RESULT, CONNECTIVITY, UNKNOWN -> null;
        };
    }

    @EventListener
    void on(VehicleEventsRecorded recorded) {
        for (RecordedEvent r : recorded.events()) {
            DeviceEvent event = r.event();
            Trigger trigger = trigger(event);
            if (trigger == null || event.assignmentId() == null) {
                continue;
            }
            long id;
            int attempt;
            try {
                int dot = event.assignmentId().indexOf('.');
                id = Long.parseLong(
                        dot < 0 ? event.assignmentId() : event.assignmentId().substring(0, dot));
                attempt = dot < 0 ? 1 : Integer.parseInt(event.assignmentId().substring(dot + 1));
            } catch (NumberFormatException e) {
                continue;
            }
            assignments
                    .lock(id, recorded.vin())
                    .ifPresentOrElse(
                            a -> {
                                // A late report of an earlier attempt must not move the retry that replaced it.
                                if (a.attempt() == attempt) {
                                    apply(a, event, trigger);
                                }
                            },
                            () -> log.warn(
                                    "Vehicle {} reported on assignment {} which is not its own",
                                    recorded.vin(),
                                    event.assignmentId()));
        }
    }

    private void apply(Assignments.Locked assignment, DeviceEvent event, Trigger trigger) {
        List<Assignments.EcuPart> ecus = assignments.ecus(assignment.id());
        List<State> states = new ArrayList<>(ecus.size());
        boolean changed = false;
        for (Assignments.EcuPart ecu : ecus) {
            State next = ecu.status();
            if (event.ecuSerial() == null || event.ecuSerial().equals(ecu.ecuSerial())) {
                var result = AssignmentLifecycle.apply(ecu.status(), trigger);
                if (result instanceof Accepted accepted && accepted.changed()) {
                    next = accepted.next();
                    move(
                            assignment,
                            ecu,
                            next,
                            failureCode(next, event, trigger),
                            installStarted(next, event, trigger));
                    changed = true;
                }
            }
            states.add(next);
        }
        if (changed) {
            State derived = AssignmentLifecycle.derive(states);
            OpenParts.closeIfEnded(assignments, assignment.id(), ecus, states, derived);
            settle(assignment, derived, trigger, event.code());
        }
    }

    private void move(
            Assignments.Locked assignment, Assignments.EcuPart ecu, State next, String code, boolean installStarted) {
        if (!assignments.updateEcu(assignment.id(), ecu.ecuSerial(), ecu.status(), next, code, installStarted)) {
            throw new OptimisticLockingFailureException(
                    "ECU part " + ecu.ecuSerial() + " of assignment " + assignment.id() + " changed concurrently");
        }
        if (next == State.SUCCEEDED) {
            installed.confirmed(
                    assignment.vin(),
                    ecu.ecuSerial(),
                    ecu.image().version(),
                    ecu.image().sha256());
        }
    }

    /**
     * Whether the move shows the vehicle began installing this part, so the ECU may have changed: installing,
     * installed, rolled back, or an install failure other than a precondition that never let it begin.
     */
    static boolean installStarted(State next, DeviceEvent event, Trigger trigger) {
        return switch (next) {
            case INSTALLING, SUCCEEDED, ROLLED_BACK -> true;
            case FAILED ->
                trigger == Trigger.INSTALL_FAILED
                        && (event.code() == null || !event.code().startsWith("PRECONDITION"));
            case PENDING, DELIVERED, DOWNLOADING, DOWNLOADED, CANCELLED, TIMED_OUT -> false;
        };
    }

    private static String failureCode(State next, DeviceEvent event, Trigger trigger) {
        if (next != State.FAILED && next != State.ROLLED_BACK) {
            return null;
        }
        return event.code() == null ? trigger.name() : event.code();
    }

    /** Stores the assignment's state as derived from its ECUs' states. */
    private void settle(Assignments.Locked assignment, State derived, Trigger trigger, String code) {
        if (derived == assignment.status()) {
            return;
        }
        FailureCategory category = switch (derived) {
            case ROLLED_BACK -> FailureCategory.BOOT_HEALTH_ROLLBACK;
            case FAILED ->
                trigger == Trigger.DOWNLOAD_FAILED
                        ? FailureCategory.ofDownloadFailure(code)
                        : FailureCategory.ofInstallFailure(code);
            case PENDING, DELIVERED, DOWNLOADING, DOWNLOADED, INSTALLING, SUCCEEDED, CANCELLED, TIMED_OUT -> null;
        };
        OffsetDateTime now = OffsetDateTime.now(clock);
        assignments.update(
                assignment.id(), assignment.version(), derived, category, category == null ? null : code, now);
        if (derived == State.FAILED && category.retryable()) {
            campaigns
                    .schedule(assignment.campaignId())
                    .ifPresent(
                            schedule -> attempts.scheduleRetry(assignment.id(), assignment.attempt(), schedule, now));
        }
        if (derived.isTerminal()) {
            // The vehicle's director targets no longer list this assignment's images.
            director.vehicleChanged(assignment.vin());
        }
        if (category != null) {
            events.publishEvent(new AssignmentEnded(
                    assignment.id(),
                    assignment.campaignId(),
                    assignment.vin(),
                    derived.name(),
                    category.name(),
                    code == null ? trigger.name() : code,
                    now.toInstant()));
        }
        if (derived.isTerminal() && campaigns.completeIfDone(assignment.campaignId(), now)) {
            moves.completed(assignment.campaignId(), CampaignCommands.SYSTEM, now);
        }
    }
}

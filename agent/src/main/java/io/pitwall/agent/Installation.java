package io.pitwall.agent;

import io.pitwall.agent.AgentLifecycle.State;
import io.pitwall.agent.AgentLifecycle.Trigger;
import io.pitwall.agent.Progress.EcuProgress;
import io.pitwall.agent.Progress.Step;
import io.pitwall.protocol.device.EcuTarget;
import io.pitwall.protocol.device.EventType;
import io.pitwall.protocol.device.InstallType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The install phase: checks the vehicle-state rules at the last moment, then installs every remaining
 * ECU in assignment order within the same step. Each ECU's step is committed before its installer is
 * called, so after a crash {@link #recover} can tell an install that finished (the ECU runs the target
 * image) from one that must be redone.
 */
final class Installation {

    private final Recorder recorder;
    private final Map<String, Ecu> ecus;
    private final StagingArea staging;
    private final InstallPolicy policy;
    private final Clock clock;
    private final Duration recheck;
    private final int maxAttempts;
    private BiConsumer<Progress, List<Draft>> finisher;

    Installation(
            Recorder recorder,
            Map<String, Ecu> ecus,
            StagingArea staging,
            InstallPolicy policy,
            Clock clock,
            Duration recheck,
            int maxAttempts) {
        this.recorder = recorder;
        this.ecus = ecus;
        this.staging = staging;
        this.policy = policy;
        this.clock = clock;
        this.recheck = recheck;
        this.maxAttempts = maxAttempts;
    }

    /** Who commits terminal states (and cleans up after them). */
    void finishWith(BiConsumer<Progress, List<Draft>> finish) {
        this.finisher = finish;
    }

    Duration step(Progress progress, VehicleState vehicle, Instant now) {
        if (progress.state() == State.INSTALLING) {
            // Only reachable if recovery was skipped; settle like after a crash.
            recover(progress);
            return Duration.ZERO;
        }
        if (progress.notBefore() != null && now.isBefore(progress.notBefore())) {
            return Duration.between(now, progress.notBefore());
        }
        String id = progress.assignment().assignmentId();
        List<EcuTarget> todo = progress.targetsAt(Step.DOWNLOADED);
        if (todo.isEmpty()) {
            // Every ECU already ran its target image when the assignment arrived.
            recorder.commit(progress.with(Lifecycle.next(progress.state(), Trigger.INSTALL_STARTED)));
            return installAll(todo);
        }
        boolean inPlace = todo.stream().anyMatch(t -> t.installType() == InstallType.IN_PLACE);
        for (EcuTarget target : todo) {
            if (target.installType() == InstallType.IN_PLACE
                    && !ecus.get(target.ecuSerial()).installer().allowsInPlace()) {
                finisher.accept(
                        progress.with(Lifecycle.next(progress.state(), Trigger.INSTALL_FAILED)),
                        List.of(Draft.of(EventType.INSTALL_FAILED, id, target.ecuSerial())
                                .code(FailureCode.IN_PLACE_NOT_ALLOWED.name())
                                .detail("the ECU only takes A/B installs")));
                return Duration.ZERO;
            }
        }
        List<Rule> unmet = VehicleRules.unmetForInstall(policy, vehicle, progress.assignment(), inPlace);
        if (!unmet.isEmpty()) {
            String rule = unmet.get(0).name();
            // Report a deferral when its reason changes, not on every re-check.
            List<Draft> drafts = rule.equals(progress.lastRule())
                    ? List.of()
                    : List.of(Draft.of(EventType.INSTALL_DEFERRED, id, null).detail(rule));
            recorder.commit(
                    progress.with(Lifecycle.next(progress.state(), Trigger.INSTALL_DEFERRED))
                            .deferred(rule, now.plus(recheck)),
                    drafts);
            return recheck;
        }
        Progress installing = progress.with(Lifecycle.next(progress.state(), Trigger.INSTALL_STARTED))
                .deferred(null, null);
        recorder.commit(installing);
        return installAll(todo);
    }

    private Duration installAll(List<EcuTarget> todo) {
        for (EcuTarget target : todo) {
            Progress progress = recorder.progress();
            String id = progress.assignment().assignmentId();
            String serial = target.ecuSerial();
            int attempt = progress.attempts() + 1;
            recorder.commit(
                    progress.with(serial, progress.ecu(serial).with(Step.INSTALLING)),
                    Draft.of(EventType.INSTALL_STARTED, id, serial).detail("attempt " + attempt));
            InstallOutcome outcome = install(id, target, attempt);
            progress = recorder.progress();
            if (outcome instanceof InstallOutcome.Installed installed) {
                recorder.commit(
                        progress.with(serial, progress.ecu(serial).with(Step.INSTALLED)),
                        Draft.of(EventType.INSTALL_COMPLETED, id, serial),
                        Draft.of(EventType.POST_UPDATE_HEALTH, id, serial)
                                .code("HEALTHY")
                                .detail(installed.health()));
            } else if (outcome instanceof InstallOutcome.Failed failed && failed.retryable() && attempt < maxAttempts) {
                Progress retry = progress.with(serial, progress.ecu(serial).with(Step.DOWNLOADED))
                        .with(Lifecycle.next(progress.state(), Trigger.INSTALL_RETRY))
                        .withAttempts(attempt)
                        .deferred(null, clock.instant().plus(recheck));
                recorder.commit(
                        retry,
                        Draft.of(EventType.INSTALL_RETRIED, id, serial)
                                .code(failed.code())
                                .detail("attempt " + attempt + " of " + maxAttempts + " failed: " + failed.detail()));
                return recheck;
            } else if (outcome instanceof InstallOutcome.Failed failed) {
                finisher.accept(
                        progress.with(Lifecycle.next(progress.state(), Trigger.INSTALL_FAILED)),
                        List.of(Draft.of(EventType.INSTALL_FAILED, id, serial)
                                .code(failed.code())
                                .detail(failed.detail())));
                return Duration.ZERO;
            } else {
                InstallOutcome.RolledBack rolledBack = (InstallOutcome.RolledBack) outcome;
                finisher.accept(
                        progress.with(Lifecycle.next(progress.state(), Trigger.INSTALL_ROLLED_BACK)),
                        List.of(Draft.of(EventType.ROLLED_BACK, id, serial)
                                .code(rolledBack.code())
                                .detail(rolledBack.detail())));
                return Duration.ZERO;
            }
        }
        Progress done = recorder.progress();
        finisher.accept(done.with(Lifecycle.next(done.state(), Trigger.INSTALL_SUCCEEDED)), List.of());
        return Duration.ZERO;
    }

    private InstallOutcome install(String assignmentId, EcuTarget target, int attempt) {
        String sha = target.hashes().sha256();
        var request = new InstallRequest(assignmentId, target, () -> staging.open(sha), attempt);
        try {
            InstallOutcome outcome = ecus.get(target.ecuSerial()).installer().install(request);
            return outcome != null
                    ? outcome
                    : new InstallOutcome.Failed(FailureCode.INSTALLER_ERROR.name(), "installer returned nothing", true);
        } catch (RuntimeException e) {
            return new InstallOutcome.Failed(
                    FailureCode.INSTALLER_ERROR.name(), e.getClass().getSimpleName() + ": " + e.getMessage(), true);
        }
    }

    /**
     * Settles installs a crash interrupted: an ECU that runs the target image is installed, and reported with its
     * post-update health as after an install the agent saw end (what the installer remembers of it, if anything);
     * one whose installer remembers rolling this image back (or failing it for good) ends the assignment so; any
     * other goes back to DOWNLOADED and the assignment to READY, so the rules are checked again before the
     * install is redone — unless the crashes have used up the attempts.
     */
    void recover(Progress progress) {
        String id = progress.assignment().assignmentId();
        List<Draft> drafts = new ArrayList<>();
        Progress next = progress;
        for (EcuTarget target : progress.targetsAt(Step.INSTALLING)) {
            String serial = target.ecuSerial();
            EcuProgress ecu = progress.ecu(serial);
            var remembered =
                    ecus.get(serial).installer().lastOutcome(id, target.hashes().sha256());
            if (target.hashes()
                    .sha256()
                    .equals(ecus.get(serial).installer().installed().sha256())) {
                next = next.with(serial, ecu.with(Step.INSTALLED));
                // Running the new image means it came up healthy (an installer rolls back one that does not).
                String health = remembered.isPresent() && remembered.get() instanceof InstallOutcome.Installed done
                        ? done.health() + " (confirmed after agent restart)"
                        : "runs the target image after an agent restart";
                drafts.add(Draft.of(EventType.INSTALL_COMPLETED, id, serial).detail("confirmed after agent restart"));
                drafts.add(Draft.of(EventType.POST_UPDATE_HEALTH, id, serial)
                        .code("HEALTHY")
                        .detail(health));
                continue;
            }
            if (remembered.isPresent() && remembered.get() instanceof InstallOutcome.RolledBack rolledBack) {
                drafts.add(Draft.of(EventType.ROLLED_BACK, id, serial)
                        .code(rolledBack.code())
                        .detail(rolledBack.detail() + " (confirmed after agent restart)"));
                finisher.accept(next.with(Lifecycle.next(next.state(), Trigger.INSTALL_ROLLED_BACK)), drafts);
                return;
            }
            if (remembered.isPresent()
                    && remembered.get() instanceof InstallOutcome.Failed failed
                    && !failed.retryable()) {
                drafts.add(Draft.of(EventType.INSTALL_FAILED, id, serial)
                        .code(failed.code())
                        .detail(failed.detail() + " (confirmed after agent restart)"));
                finisher.accept(next.with(Lifecycle.next(next.state(), Trigger.INSTALL_FAILED)), drafts);
                return;
            }
            int attempt = next.attempts() + 1;
            if (attempt >= maxAttempts) {
                drafts.add(Draft.of(EventType.INSTALL_FAILED, id, serial)
                        .code(FailureCode.INSTALL_INTERRUPTED.name())
                        .detail("agent restarted during the install " + attempt + " times"));
                finisher.accept(next.with(Lifecycle.next(next.state(), Trigger.INSTALL_FAILED)), drafts);
                return;
            }
            next = next.with(serial, ecu.with(Step.DOWNLOADED)).withAttempts(attempt);
            drafts.add(Draft.of(EventType.INSTALL_RETRIED, id, serial)
                    .code(FailureCode.INSTALL_INTERRUPTED.name())
                    .detail("agent restarted during the install"));
        }
        if (next.targetsAt(Step.DOWNLOADED).isEmpty()) {
            finisher.accept(next.with(Lifecycle.next(next.state(), Trigger.INSTALL_SUCCEEDED)), drafts);
        } else {
            recorder.commit(next.with(Lifecycle.next(next.state(), Trigger.INSTALL_RETRY)), drafts);
        }
    }
}

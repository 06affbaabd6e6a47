package io.pitwall.agent;

import io.pitwall.agent.AgentLifecycle.Accepted;
import io.pitwall.agent.AgentLifecycle.State;
import io.pitwall.agent.AgentLifecycle.Trigger;
import io.pitwall.agent.Progress.EcuProgress;
import io.pitwall.agent.Progress.Step;
import io.pitwall.protocol.device.Assignment;
import io.pitwall.protocol.device.EcuTarget;
import io.pitwall.protocol.device.EventType;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Drives the current assignment one step per call: takes in (or lets go of) what check-ins offer, checks
 * every target before downloading, downloads a chunk at a time under the download rules, and hands over
 * to {@link Installation} once everything is staged and verified.
 */
final class AssignmentRunner {

    private final Recorder recorder;
    private final Map<String, Ecu> ecus;
    private final ImageVerifier verifier;
    private final Downloader downloader;
    private final StagingArea staging;
    private final InstallPolicy policy;
    private final RetryTimer downloadRetry;
    private final Duration recheck;
    private final Installation installation;
    private final Runnable onFinished;
    private final UptaneGate uptane;
    // In memory on purpose: after a restart the resumed assignment is verified again.
    private String uptaneAgreed;
    private String uptaneWaitingFor;
    private int uptaneWaits;

    /** Checks of a director that does not list the assignment yet before it is refused as DIRECTOR_MISMATCH. */
    static final int MAX_DIRECTOR_WAITS = 10;

    AssignmentRunner(
            Recorder recorder,
            Map<String, Ecu> ecus,
            ImageVerifier verifier,
            UptaneGate uptane,
            Downloader downloader,
            StagingArea staging,
            InstallPolicy policy,
            RetryTimer downloadRetry,
            Duration recheck,
            Installation installation,
            Runnable onFinished) {
        this.recorder = recorder;
        this.ecus = ecus;
        this.verifier = verifier;
        this.uptane = uptane;
        this.downloader = downloader;
        this.staging = staging;
        this.policy = policy;
        this.downloadRetry = downloadRetry;
        this.recheck = recheck;
        this.installation = installation;
        this.onFinished = onFinished;
    }

    /** What a check-in said about the assignment ({@code null}: none, which withdraws one not yet installing). */
    void offered(Assignment offered) {
        Progress progress = recorder.progress();
        Assignment current = progress.assignment();
        if (offered == null) {
            if (current != null
                    && AgentLifecycle.apply(progress.state(), Trigger.ASSIGNMENT_WITHDRAWN) instanceof Accepted a) {
                recorder.commit(progress.idle(a.next()));
                discardStaged(current);
            }
            return;
        }
        boolean known = current != null && current.assignmentId().equals(offered.assignmentId());
        if (known || progress.finishedAssignments().contains(offered.assignmentId())) {
            return;
        }
        State state = progress.state();
        if (current != null && !state.isTerminal()) {
            if (!(AgentLifecycle.apply(state, Trigger.ASSIGNMENT_WITHDRAWN) instanceof Accepted a)) {
                return;
            }
            state = a.next();
            recorder.commit(progress.idle(state));
            discardStaged(current);
        }
        start(offered, Lifecycle.next(state, Trigger.ASSIGNMENT_RECEIVED));
    }

    private void start(Assignment assignment, State downloading) {
        String id = assignment.assignmentId();
        Map<String, EcuProgress> steps = new LinkedHashMap<>();
        List<Draft> drafts = new ArrayList<>();
        for (EcuTarget target : assignment.ecus()) {
            Ecu ecu = ecus.get(target.ecuSerial());
            Optional<Refusal> refusal;
            if (ecu == null) {
                refusal = Optional.of(
                        new Refusal(FailureCode.UNKNOWN_ECU, "no ECU " + target.ecuSerial() + " on this vehicle"));
            } else {
                InstalledImage installed = ecu.installer().installed();
                if (target.hashes().sha256().equals(installed.sha256())) {
                    steps.put(target.ecuSerial(), new EcuProgress(Step.INSTALLED, 100));
                    drafts.add(Draft.of(EventType.INSTALL_COMPLETED, id, target.ecuSerial())
                            .detail("already installed"));
                    continue;
                }
                // With Uptane on, a lower release counter is judged by the director's signed flag (UptaneGate).
                refusal = verifier.check(
                        target,
                        ecu.hardwareId(),
                        installed.releaseCounter(),
                        uptane != null || assignment.authorizedRollback());
            }
            if (refusal.isPresent()) {
                Progress failed = recorder.progress()
                        .starting(assignment, Lifecycle.next(downloading, Trigger.DOWNLOAD_REFUSED), steps);
                drafts.add(Draft.of(EventType.DOWNLOAD_FAILED, id, target.ecuSerial())
                        .code(refusal.get().code().name())
                        .detail(refusal.get().detail()));
                recorder.commit(failed.finished(), drafts);
                onFinished.run();
                return;
            }
            steps.put(target.ecuSerial(), new EcuProgress(Step.PENDING, -1));
        }
        recorder.commit(recorder.progress().starting(assignment, downloading, steps), drafts);
    }

    /** One unit of work; returns when to come back ({@code null}: nothing to do until something changes). */
    Duration step(VehicleState vehicle, Instant now, boolean online) {
        Progress progress = recorder.progress();
        return switch (progress.state()) {
            case IDLE, COMPLETED, FAILED, ROLLED_BACK -> null;
            case DOWNLOADING -> download(progress, vehicle, now, online);
            case DOWNLOAD_PAUSED -> resume(progress, vehicle);
            case READY, INSTALLING -> installation.step(progress, vehicle, now);
        };
    }

    private Duration download(Progress progress, VehicleState vehicle, Instant now, boolean online) {
        String id = progress.assignment().assignmentId();
        List<Rule> unmet = VehicleRules.unmetForDownload(policy, vehicle, progress.assignment());
        if (!unmet.isEmpty()) {
            String rule = unmet.get(0).name();
            recorder.commit(
                    progress.with(Lifecycle.next(progress.state(), Trigger.PRECONDITION_LOST))
                            .deferred(rule, null),
                    Draft.of(EventType.INSTALL_PAUSED, id, null).detail(rule));
            return recheck;
        }
        List<EcuTarget> pending = progress.targetsAt(Step.PENDING);
        if (pending.isEmpty()) {
            recorder.commit(progress.with(Lifecycle.next(progress.state(), Trigger.DOWNLOAD_VERIFIED)));
            return Duration.ZERO;
        }
        if (!online) {
            return recheck;
        }
        if (!downloadRetry.ready(now)) {
            return Duration.between(now, downloadRetry.nextAttempt(now));
        }
        if (uptane != null && !id.equals(uptaneAgreed)) {
            Duration wait = verifyWithUptane(progress, pending, now);
            if (wait != null) {
                return wait;
            }
        }
        EcuTarget target = pending.get(0);
        EcuProgress ecu = progress.ecu(target.ecuSerial());
        List<Draft> drafts = new ArrayList<>();
        if (ecu.reportedPercent() < 0) {
            drafts.add(Draft.of(EventType.DOWNLOAD_STARTED, id, target.ecuSerial()));
            ecu = new EcuProgress(Step.PENDING, 0);
        }
        Downloader.Step step;
        try {
            step = downloader.step(target);
            downloadRetry.succeeded();
        } catch (IOException e) {
            if (!drafts.isEmpty()) {
                recorder.commit(progress.with(target.ecuSerial(), ecu), drafts);
            }
            downloadRetry.failed(now, RetryTimer.retryAfter(e));
            return Duration.between(now, downloadRetry.nextAttempt(now));
        }
        if (step instanceof Downloader.Advanced advanced) {
            int quartile = (int) (advanced.staged() * 4 / Math.max(1, advanced.length())) * 25;
            if (quartile > ecu.reportedPercent() && quartile < 100) {
                drafts.add(Draft.of(EventType.DOWNLOAD_PROGRESS, id, target.ecuSerial())
                        .progress(quartile));
                ecu = new EcuProgress(Step.PENDING, quartile);
            }
            if (!drafts.isEmpty()) {
                recorder.commit(progress.with(target.ecuSerial(), ecu), drafts);
            }
        } else if (step instanceof Downloader.Refused refused) {
            drafts.add(Draft.of(EventType.DOWNLOAD_FAILED, id, target.ecuSerial())
                    .code(refused.refusal().code().name())
                    .detail(refused.refusal().detail()));
            finish(progress.with(Lifecycle.next(progress.state(), Trigger.DOWNLOAD_REFUSED)), drafts);
        } else {
            drafts.add(Draft.of(EventType.DOWNLOAD_COMPLETED, id, target.ecuSerial()));
            recorder.commit(progress.with(target.ecuSerial(), new EcuProgress(Step.DOWNLOADED, 100)), drafts);
        }
        return Duration.ZERO;
    }

    /** Null when both repositories agree with the assignment; otherwise when to come back. */
    private Duration verifyWithUptane(Progress progress, List<EcuTarget> pending, Instant now) {
        String id = progress.assignment().assignmentId();
        if (!id.equals(uptaneWaitingFor)) {
            uptaneWaitingFor = id;
            uptaneWaits = 0;
        }
        UptaneGate.Verdict verdict = uptane.check(ecus.values(), pending);
        String code;
        String detail;
        if (verdict instanceof UptaneGate.Agreed) {
            uptaneAgreed = id;
            downloadRetry.succeeded();
            return null;
        } else if (verdict instanceof UptaneGate.NotYet notYet
                && !(notYet.directorLags() && ++uptaneWaits >= MAX_DIRECTOR_WAITS)) {
            downloadRetry.failed(now, null);
            return Duration.between(now, downloadRetry.nextAttempt(now));
        } else if (verdict instanceof UptaneGate.Refused refused) {
            code = refused.code();
            detail = refused.detail();
        } else {
            code = FailureCode.DIRECTOR_MISMATCH.name();
            detail = ((UptaneGate.NotYet) verdict).detail();
        }
        finish(
                progress.with(Lifecycle.next(progress.state(), Trigger.DOWNLOAD_REFUSED)),
                List.of(Draft.of(EventType.DOWNLOAD_FAILED, id, pending.get(0).ecuSerial())
                        .code(code)
                        .detail(detail)));
        return Duration.ZERO;
    }

    private Duration resume(Progress progress, VehicleState vehicle) {
        if (!VehicleRules.unmetForDownload(policy, vehicle, progress.assignment())
                .isEmpty()) {
            return recheck;
        }
        recorder.commit(
                progress.with(Lifecycle.next(progress.state(), Trigger.PRECONDITION_RESTORED))
                        .deferred(null, null),
                Draft.of(EventType.INSTALL_RESUMED, progress.assignment().assignmentId(), null));
        return Duration.ZERO;
    }

    /** Commits a terminal state with its events, then lets go of the staged bytes. */
    void finish(Progress terminal, List<Draft> drafts) {
        recorder.commit(terminal.finished(), drafts);
        discardStaged(terminal.assignment());
        onFinished.run();
    }

    /** After a restart: settle an install the crash interrupted, and drop staged bytes nobody needs. */
    void recover() {
        Progress progress = recorder.progress();
        if (progress.state() == State.INSTALLING) {
            installation.recover(progress);
        } else if (progress.assignment() != null && progress.state().isTerminal()) {
            discardStaged(progress.assignment());
        }
    }

    private void discardStaged(Assignment assignment) {
        for (EcuTarget target : assignment.ecus()) {
            try {
                staging.delete(target.hashes().sha256());
            } catch (IOException e) {
                // Leftover bytes only cost space; the next download of this image starts by checking them.
            }
        }
    }
}

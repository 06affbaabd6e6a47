package io.pitwall.agent;

import io.pitwall.agent.AgentLifecycle.State;
import io.pitwall.protocol.device.Assignment;
import io.pitwall.protocol.device.DeviceEvent;
import io.pitwall.protocol.device.EcuTarget;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the agent must remember across a restart, written atomically as one JSON document: the
 * current assignment and lifecycle state, each ECU's step, deferral bookkeeping, which assignments and
 * commands are finished (so they are never redone), and the outbox — the events committed together
 * with this document, appended to the journal right after (and again on recovery if the crash came
 * in between; their seqs are fixed up front, so never twice).
 */
record Progress(
        Assignment assignment,
        State state,
        Map<String, EcuProgress> ecus,
        String lastRule,
        int attempts,
        Instant notBefore,
        List<String> finishedAssignments,
        List<String> handledCommands,
        List<DeviceEvent> outbox) {

    private static final int REMEMBERED = 32;

    /** Where one ECU of the assignment is. */
    enum Step {
        PENDING,
        DOWNLOADED,
        INSTALLING,
        INSTALLED
    }

    /** {@code reportedPercent}: -1 before DOWNLOAD_STARTED was reported, then the last reported quartile. */
    record EcuProgress(Step step, int reportedPercent) {
        EcuProgress with(Step next) {
            return new EcuProgress(next, reportedPercent);
        }
    }

    Progress {
        state = state == null ? State.IDLE : state;
        ecus = ecus == null ? Map.of() : Map.copyOf(ecus);
        finishedAssignments = finishedAssignments == null ? List.of() : List.copyOf(finishedAssignments);
        handledCommands = handledCommands == null ? List.of() : List.copyOf(handledCommands);
        outbox = outbox == null ? List.of() : List.copyOf(outbox);
    }

    static Progress initial() {
        return new Progress(null, State.IDLE, Map.of(), null, 0, null, List.of(), List.of(), List.of());
    }

    Progress with(State next) {
        return new Progress(
                assignment, next, ecus, lastRule, attempts, notBefore, finishedAssignments, handledCommands, outbox);
    }

    Progress with(String serial, EcuProgress ecu) {
        Map<String, EcuProgress> copy = new LinkedHashMap<>(ecus);
        copy.put(serial, ecu);
        return new Progress(
                assignment, state, copy, lastRule, attempts, notBefore, finishedAssignments, handledCommands, outbox);
    }

    Progress deferred(String rule, Instant until) {
        return new Progress(
                assignment, state, ecus, rule, attempts, until, finishedAssignments, handledCommands, outbox);
    }

    Progress withAttempts(int count) {
        return new Progress(
                assignment, state, ecus, lastRule, count, notBefore, finishedAssignments, handledCommands, outbox);
    }

    /** A new assignment begins with every ECU in {@code ecus}. */
    Progress starting(Assignment next, State nextState, Map<String, EcuProgress> steps) {
        return new Progress(next, nextState, steps, null, 0, null, finishedAssignments, handledCommands, outbox);
    }

    /** The assignment is over: remember its id, forget the bookkeeping. */
    Progress finished() {
        return new Progress(
                assignment,
                state,
                ecus,
                null,
                0,
                null,
                remember(finishedAssignments, assignment.assignmentId()),
                handledCommands,
                outbox);
    }

    Progress idle(State next) {
        return new Progress(null, next, Map.of(), null, 0, null, finishedAssignments, handledCommands, outbox);
    }

    Progress handled(String commandId) {
        return new Progress(
                assignment,
                state,
                ecus,
                lastRule,
                attempts,
                notBefore,
                finishedAssignments,
                remember(handledCommands, commandId),
                outbox);
    }

    Progress withOutbox(List<DeviceEvent> events) {
        return new Progress(
                assignment, state, ecus, lastRule, attempts, notBefore, finishedAssignments, handledCommands, events);
    }

    EcuProgress ecu(String serial) {
        return ecus.get(serial);
    }

    /** The assignment's targets whose ECU is at {@code step}, in assignment order. */
    List<EcuTarget> targetsAt(Step step) {
        return assignment == null
                ? List.of()
                : assignment.ecus().stream()
                        .filter(t -> ecus.get(t.ecuSerial()).step() == step)
                        .toList();
    }

    private static List<String> remember(List<String> ids, String id) {
        List<String> copy = new ArrayList<>(ids);
        copy.add(id);
        return copy.size() > REMEMBERED ? copy.subList(copy.size() - REMEMBERED, copy.size()) : copy;
    }
}

package io.pitwall.server.campaign.delivery;

import io.pitwall.server.campaign.delivery.AssignmentLifecycle.State;
import java.util.List;

/**
 * An assignment's state from its ECUs' states: a rollback, failure or timeout of any ECU decides it (in
 * that order); it succeeds
 * when every ECU did; otherwise it is as far as its most advanced unfinished ECU (installing once any
 * ECU installs or has installed).
 */
final class Derivation {

    private Derivation() {
    }

    static State of(List<State> ecus) {
        if (ecus.contains(State.ROLLED_BACK)) {
            return State.ROLLED_BACK;
        }
        if (ecus.contains(State.FAILED)) {
            return State.FAILED;
        }
        if (ecus.contains(State.TIMED_OUT)) {
            return State.TIMED_OUT;
        }
        if (!ecus.isEmpty() && ecus.stream().allMatch(s -> s == State.SUCCEEDED)) {
            return State.SUCCEEDED;
        }
        if (!ecus.isEmpty() && ecus.stream().allMatch(s -> s == State.CANCELLED)) {
            return State.CANCELLED;
        }
        if (ecus.contains(State.INSTALLING) || ecus.contains(State.SUCCEEDED)) {
            return State.INSTALLING;
        }
        State furthest = State.PENDING;
        for (State s : ecus) {
            if (!s.isTerminal() && s.ordinal() > furthest.ordinal()) {
                furthest = s;
            }
        }
        return furthest;
    }
}

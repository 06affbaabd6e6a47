package io.pitwall.server.campaign.delivery;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The life of one ECU's part of an assignment on the server, as a pure function
 * {@code (state, trigger) → Accepted(next, changed) | Rejected(code)}. Vehicle reports arrive late,
 * twice or out of order, so a trigger that would move the state backwards is accepted without change
 * (never an error, never a regression), and the terminal states absorb everything.
 *
 * <pre>
 * state \ trigger | DELIVER   | DL_STARTED  | DL_PROGRESS | DL_COMPLETED | DL_FAILED | DEFERRED | INST_STARTED | PAUSED/RESUMED/RETRIED | INST_FAILED | INST_COMPLETED | ROLLED_BACK | CANCEL              | TIME_OUT  | REOFFER | ENDED     | EXCLUDE
 * PENDING         | DELIVERED | DOWNLOADING | DOWNLOADING | DOWNLOADED   | FAILED    | =        | INSTALLING   | =                      | FAILED      | SUCCEEDED      | ROLLED_BACK | CANCELLED           | =         | =       | CANCELLED | CANCELLED
 * DELIVERED       | =         | DOWNLOADING | DOWNLOADING | DOWNLOADED   | FAILED    | =        | INSTALLING   | =                      | FAILED      | SUCCEEDED      | ROLLED_BACK | CANCELLED           | TIMED_OUT | =       | CANCELLED | CANCELLED
 * DOWNLOADING     | =         | =           | =           | DOWNLOADED   | FAILED    | =        | INSTALLING   | =                      | FAILED      | SUCCEEDED      | ROLLED_BACK | CANCELLED           | TIMED_OUT | =       | CANCELLED | CANCELLED
 * DOWNLOADED      | =         | =           | =           | =            | =         | =        | INSTALLING   | =                      | FAILED      | SUCCEEDED      | ROLLED_BACK | CANCELLED           | TIMED_OUT | =       | CANCELLED | CANCELLED
 * INSTALLING      | =         | =           | =           | =            | =         | =        | =            | =                      | FAILED      | SUCCEEDED      | ROLLED_BACK | ✗ installing        | TIMED_OUT | =       | TIMED_OUT | ✗ installing
 * SUCCEEDED       | =         | =           | =           | =            | =         | =        | =            | =                      | =           | =              | ROLLED_BACK | ✗ finished          | =         | =       | =         | ✗ no exception
 * FAILED          | =         | =           | =           | =            | =         | =        | =            | =                      | =           | =              | =           | ✗ finished          | =         | PENDING | =         | =
 * ROLLED_BACK     | =         | =           | =           | =            | =         | =        | =            | =                      | =           | =              | =           | ✗ finished          | =         | =       | =         | =
 * CANCELLED       | =         | =           | =           | =            | =         | =        | =            | =                      | =           | =              | =           | =                   | =         | =       | =         | ✗ no exception
 * TIMED_OUT       | =         | =           | =           | =            | =         | =        | =            | =                      | =           | SUCCEEDED      | ROLLED_BACK | ✗ finished          | =         | PENDING | =         | =
 * </pre>
 *
 * {@code =} is "accepted, unchanged". A rollback reported after success still counts: the health check
 * runs after the install completed. Cancelling an install under way is refused ({@code install-in-progress}):
 * the vehicle finishes or rolls back on its own. {@code TIME_OUT} is the reconciler's verdict on an attempt in
 * progress past the campaign's in-progress timeout; a completion or rollback the vehicle reports later for the
 * same attempt still counts (the vehicle knows best). {@code REOFFER} starts another attempt of a failed or
 * timed-out assignment (a retry after the backoff, or an operator's retry from the exception queue).
 * {@code ENDED} ({@link Trigger#ASSIGNMENT_ENDED}) closes the parts left open when another part's rollback,
 * failure or timeout ended the assignment, so a finished assignment has no part in progress: a part the vehicle
 * had not begun installing is CANCELLED (the vehicle stops at the first part that fails or rolls back; the gate
 * does not count it as failing), and a part it was installing is TIMED_OUT (the server stops waiting; a
 * completion or rollback reported later still counts, as after a timeout). {@code EXCLUDE} takes a vehicle
 * out of the campaign's exception queue: one not yet installing is cancelled, a failed, rolled back or timed-out
 * one stays as it is (and is never retried); an install under way is refused ({@code install-in-progress}), and
 * so is a succeeded or cancelled one ({@code not-an-exception}: it is not in the queue).
 *
 * <p>The sets below ({@link #ACTIVE}, {@link #IN_PROGRESS}, {@link #CANCELLABLE}, {@link #RETRYABLE},
 * {@link #FAILURES}, {@link #EXCEPTIONAL_ENDS}, {@link #NOT_BEGUN}) are the state rules persistence renders into
 * its SQL status lists, so a new state cannot leave a list stale; {@link #derive} is an assignment's state from
 * its ECU parts' states.
 */
public final class AssignmentLifecycle {

    public enum State {
        PENDING(0),
        DELIVERED(1),
        DOWNLOADING(2),
        DOWNLOADED(3),
        INSTALLING(4),
        SUCCEEDED(5),
        FAILED(5),
        ROLLED_BACK(6),
        CANCELLED(6),
        TIMED_OUT(5);

        private final int rank;

        State(int rank) {
            this.rank = rank;
        }

        public boolean isTerminal() {
            return this == SUCCEEDED || this == FAILED || this == ROLLED_BACK || this == CANCELLED || this == TIMED_OUT;
        }

        /** Whether the vehicle still needs to hear about it (delivered in its check-ins). */
        public boolean isActive() {
            return !isTerminal();
        }

        /** Whether the update ended in a failure the vehicle reported (a failed install or a rollback). */
        public boolean isFailure() {
            return this == FAILED || this == ROLLED_BACK;
        }
    }

    public enum Trigger {
        DELIVER,
        DOWNLOAD_STARTED,
        DOWNLOAD_PROGRESS,
        DOWNLOAD_COMPLETED,
        DOWNLOAD_FAILED,
        INSTALL_DEFERRED,
        INSTALL_STARTED,
        INSTALL_PAUSED,
        INSTALL_RESUMED,
        INSTALL_RETRIED,
        INSTALL_FAILED,
        INSTALL_COMPLETED,
        ROLLED_BACK,
        CANCEL,
        TIME_OUT,
        REOFFER,
        ASSIGNMENT_ENDED,
        EXCLUDE
    }

    public sealed interface Transition permits Accepted, Rejected {}

    /** The next state; {@code changed} is false when the trigger was absorbed. */
    public record Accepted(State next, boolean changed) implements Transition {}

    public record Rejected(String code) implements Transition {}

    /** Not finished: the vehicle still hears about it in its check-ins. */
    public static final Set<State> ACTIVE = where(State::isActive);
    /** Delivered and not finished: what {@code TIME_OUT} ends. */
    public static final Set<State> IN_PROGRESS = where(s -> moves(s, Trigger.TIME_OUT));
    /** Not yet installing: what {@code CANCEL} cancels. */
    public static final Set<State> CANCELLABLE = where(s -> moves(s, Trigger.CANCEL));
    /** Failed or timed out: what {@code REOFFER} starts again. */
    public static final Set<State> RETRYABLE = where(s -> moves(s, Trigger.REOFFER));
    /** Ended in a failure the vehicle reported. */
    public static final Set<State> FAILURES = where(State::isFailure);
    /** Ended in a way the exception queue lists: failures and timeouts. */
    public static final Set<State> EXCEPTIONAL_ENDS = where(s -> s.isFailure() || s == State.TIMED_OUT);
    /** The vehicle has not begun the update (it may still be offered it, or it was cancelled). */
    public static final Set<State> NOT_BEGUN =
            Collections.unmodifiableSet(EnumSet.of(State.PENDING, State.DELIVERED, State.CANCELLED));

    private AssignmentLifecycle() {}

    /**
     * An assignment's state from its ECU parts' states: a rollback, failure or timeout of any part decides it (in
     * that order); it succeeds when every part did, is cancelled when every part was; otherwise it is as far as
     * its most advanced unfinished part (installing once any part installs or has installed).
     */
    public static State derive(List<State> ecus) {
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

    public static Transition apply(State state, Trigger trigger) {
        if (trigger == Trigger.EXCLUDE) {
            if (state == State.INSTALLING) {
                return new Rejected("install-in-progress");
            }
            if (state == State.SUCCEEDED || state == State.CANCELLED) {
                return new Rejected("not-an-exception");
            }
            return state.isActive() ? move(state, State.CANCELLED) : stay(state);
        }
        if (trigger == Trigger.CANCEL) {
            if (state == State.INSTALLING) {
                return new Rejected("install-in-progress");
            }
            if (state == State.SUCCEEDED
                    || state == State.FAILED
                    || state == State.ROLLED_BACK
                    || state == State.TIMED_OUT) {
                return new Rejected("assignment-finished");
            }
            return move(state, State.CANCELLED);
        }
        if (trigger == Trigger.REOFFER) {
            return state == State.FAILED || state == State.TIMED_OUT ? move(state, State.PENDING) : stay(state);
        }
        if (trigger == Trigger.ASSIGNMENT_ENDED) {
            return state == State.INSTALLING
                    ? move(state, State.TIMED_OUT)
                    : state.isActive() ? move(state, State.CANCELLED) : stay(state);
        }
        if (trigger == Trigger.TIME_OUT) {
            return state.isActive() && state != State.PENDING ? move(state, State.TIMED_OUT) : stay(state);
        }
        if (state == State.TIMED_OUT) {
            return trigger == Trigger.INSTALL_COMPLETED
                    ? move(state, State.SUCCEEDED)
                    : trigger == Trigger.ROLLED_BACK ? move(state, State.ROLLED_BACK) : stay(state);
        }
        if (state == State.CANCELLED || state == State.FAILED || state == State.ROLLED_BACK) {
            return stay(state);
        }
        if (state == State.SUCCEEDED) {
            return trigger == Trigger.ROLLED_BACK ? move(state, State.ROLLED_BACK) : stay(state);
        }
        State target = target(trigger);
        if (target == null || target.rank <= state.rank) {
            return stay(state);
        }
        if ((target == State.FAILED && trigger == Trigger.DOWNLOAD_FAILED) && state.rank >= State.DOWNLOADED.rank) {
            return stay(state);
        }
        return move(state, target);
    }

    private static State target(Trigger trigger) {
        return switch (trigger) {
            case DELIVER -> State.DELIVERED;
            case DOWNLOAD_STARTED, DOWNLOAD_PROGRESS -> State.DOWNLOADING;
            case DOWNLOAD_COMPLETED -> State.DOWNLOADED;
            case DOWNLOAD_FAILED, INSTALL_FAILED -> State.FAILED;
            case INSTALL_STARTED -> State.INSTALLING;
            case INSTALL_COMPLETED -> State.SUCCEEDED;
            case ROLLED_BACK -> State.ROLLED_BACK;
            case INSTALL_DEFERRED,
                    INSTALL_PAUSED,
                    INSTALL_RESUMED,
                    INSTALL_RETRIED,
                    CANCEL,
                    TIME_OUT,
                    REOFFER,
                    ASSIGNMENT_ENDED,
                    EXCLUDE -> null;
        };
    }

    private static boolean moves(State state, Trigger trigger) {
        return apply(state, trigger) instanceof Accepted accepted && accepted.changed();
    }

    private static Set<State> where(Predicate<State> rule) {
        EnumSet<State> states = EnumSet.noneOf(State.class);
        for (State state : State.values()) {
            if (rule.test(state)) {
                states.add(state);
            }
        }
        return Collections.unmodifiableSet(states);
    }

    private static Accepted move(State from, State to) {
        return new Accepted(to, from != to);
    }

    private static Accepted stay(State state) {
        return new Accepted(state, false);
    }
}

package io.pitwall.agent;

/**
 * The life of one assignment on the vehicle, as a pure function {@code (state, trigger) → Accepted(next) |
 * Rejected(code)}. No I/O: the agent persists the state and emits the events.
 *
 * <pre>
 * state \ trigger  | ASSIGNMENT_RECEIVED | ASSIGNMENT_WITHDRAWN | PRECONDITION_LOST | PRECONDITION_RESTORED | DOWNLOAD_VERIFIED | DOWNLOAD_REFUSED | INSTALL_DEFERRED | INSTALL_STARTED | INSTALL_RETRY | INSTALL_SUCCEEDED | INSTALL_FAILED | INSTALL_ROLLED_BACK
 * IDLE             | DOWNLOADING         | ✗                    | ✗                 | ✗                     | ✗                 | ✗                | ✗                | ✗               | ✗             | ✗                 | ✗              | ✗
 * DOWNLOADING      | ✗ busy              | IDLE                 | DOWNLOAD_PAUSED   | ✗                     | READY             | FAILED           | ✗                | ✗               | ✗             | ✗                 | ✗              | ✗
 * DOWNLOAD_PAUSED  | ✗ busy              | IDLE                 | ✗                 | DOWNLOADING           | ✗                 | ✗                | ✗                | ✗               | ✗             | ✗                 | ✗              | ✗
 * READY            | ✗ busy              | IDLE                 | ✗                 | ✗                     | ✗                 | ✗                | READY            | INSTALLING      | ✗             | ✗                 | FAILED         | ✗
 * INSTALLING       | ✗ busy              | ✗ installing         | ✗                 | ✗                     | ✗                 | ✗                | ✗                | ✗               | READY         | COMPLETED         | FAILED         | ROLLED_BACK
 * COMPLETED        | DOWNLOADING         | IDLE                 | ✗                 | ✗                     | ✗                 | ✗                | ✗                | ✗               | ✗             | ✗                 | ✗              | ✗
 * FAILED           | DOWNLOADING         | IDLE                 | ✗                 | ✗                     | ✗                 | ✗                | ✗                | ✗               | ✗             | ✗                 | ✗              | ✗
 * ROLLED_BACK      | DOWNLOADING         | IDLE                 | ✗                 | ✗                     | ✗                 | ✗                | ✗                | ✗               | ✗             | ✗                 | ✗              | ✗
 * </pre>
 *
 * ✗ is {@code Rejected("illegal-transition")}; "✗ busy" is {@code Rejected("assignment-in-progress")} (a
 * different assignment must first withdraw the current one); "✗ installing" is
 * {@code Rejected("install-in-progress")}: an install that has begun is never abandoned half-way.
 */
public final class AgentLifecycle {

    public enum State {
        IDLE,
        DOWNLOADING,
        DOWNLOAD_PAUSED,
        READY,
        INSTALLING,
        COMPLETED,
        FAILED,
        ROLLED_BACK;

        /** The assignment is over; its id is never started again. */
        public boolean isTerminal() {
            return this == COMPLETED || this == FAILED || this == ROLLED_BACK;
        }
    }

    public enum Trigger {
        ASSIGNMENT_RECEIVED,
        ASSIGNMENT_WITHDRAWN,
        PRECONDITION_LOST,
        PRECONDITION_RESTORED,
        DOWNLOAD_VERIFIED,
        DOWNLOAD_REFUSED,
        INSTALL_DEFERRED,
        INSTALL_STARTED,
        INSTALL_RETRY,
        INSTALL_SUCCEEDED,
        INSTALL_FAILED,
        INSTALL_ROLLED_BACK
    }

    /** The outcome of applying a trigger. */
    public sealed interface Transition permits Accepted, Rejected {}

    public record Accepted(State next) implements Transition {}

    public record Rejected(String code) implements Transition {}

    static final String ILLEGAL = "illegal-transition";
    static final String BUSY = "assignment-in-progress";
    static final String INSTALLING = "install-in-progress";

    private AgentLifecycle() {}

    public static Transition apply(State state, Trigger trigger) {
        return switch (state) {
            case IDLE -> trigger == Trigger.ASSIGNMENT_RECEIVED ? to(State.DOWNLOADING) : reject(ILLEGAL);
            case DOWNLOADING ->
                switch (trigger) {
                    case ASSIGNMENT_RECEIVED -> reject(BUSY);
                    case ASSIGNMENT_WITHDRAWN -> to(State.IDLE);
                    case PRECONDITION_LOST -> to(State.DOWNLOAD_PAUSED);
                    case DOWNLOAD_VERIFIED -> to(State.READY);
                    case DOWNLOAD_REFUSED -> to(State.FAILED);
                    default -> reject(ILLEGAL);
                };
            case DOWNLOAD_PAUSED ->
                switch (trigger) {
                    case ASSIGNMENT_RECEIVED -> reject(BUSY);
                    case ASSIGNMENT_WITHDRAWN -> to(State.IDLE);
                    case PRECONDITION_RESTORED -> to(State.DOWNLOADING);
                    default -> reject(ILLEGAL);
                };
            case READY ->
                switch (trigger) {
                    case ASSIGNMENT_RECEIVED -> reject(BUSY);
                    case ASSIGNMENT_WITHDRAWN -> to(State.IDLE);
                    case INSTALL_DEFERRED -> to(State.READY);
                    case INSTALL_STARTED -> to(State.INSTALLING);
                    case INSTALL_FAILED -> to(State.FAILED);
                    default -> reject(ILLEGAL);
                };
            case INSTALLING ->
                switch (trigger) {
                    case ASSIGNMENT_RECEIVED -> reject(BUSY);
                    case ASSIGNMENT_WITHDRAWN -> reject(INSTALLING);
                    case INSTALL_RETRY -> to(State.READY);
                    case INSTALL_SUCCEEDED -> to(State.COMPLETED);
                    case INSTALL_FAILED -> to(State.FAILED);
                    case INSTALL_ROLLED_BACK -> to(State.ROLLED_BACK);
                    default -> reject(ILLEGAL);
                };
            case COMPLETED, FAILED, ROLLED_BACK ->
                switch (trigger) {
                    case ASSIGNMENT_RECEIVED -> to(State.DOWNLOADING);
                    case ASSIGNMENT_WITHDRAWN -> to(State.IDLE);
                    default -> reject(ILLEGAL);
                };
        };
    }

    private static Transition to(State next) {
        return new Accepted(next);
    }

    private static Transition reject(String code) {
        return new Rejected(code);
    }
}

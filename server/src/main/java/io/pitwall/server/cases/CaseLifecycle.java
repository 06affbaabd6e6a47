package io.pitwall.server.cases;

/**
 * The one place that decides how a service case moves. Pure: no Spring, no I/O.
 *
 * <pre>
 * state \ trigger | ACKNOWLEDGE  | START       | RESOLVE  | CLOSE  | REOPEN | RECUR | ESCALATE
 * OPEN            | ACKNOWLEDGED | ✗           | ✗        | ✗      | ✗      | =     | =
 * ACKNOWLEDGED    | ✗            | IN_PROGRESS | RESOLVED | ✗      | ✗      | =     | =
 * IN_PROGRESS     | ✗            | ✗           | RESOLVED | ✗      | ✗      | =     | =
 * RESOLVED        | ✗            | ✗           | ✗        | CLOSED | OPEN   | OPEN  | ✗
 * CLOSED          | ✗            | ✗           | ✗        | ✗      | OPEN   | ✗     | ✗
 * </pre>
 *
 * ✗ = refused ({@code invalid-case-transition}); = = accepted, status unchanged. RECUR is the same fault (or
 * update failure) seen again: it counts on a case still holding its key and reopens a resolved one; a closed
 * case does not take it (a new case opens instead). ESCALATE applies only while work is awaited.
 */
public final class CaseLifecycle {

    public enum Trigger {
        ACKNOWLEDGE,
        START,
        RESOLVE,
        CLOSE,
        REOPEN,
        RECUR,
        ESCALATE
    }

    public sealed interface Transition permits Accepted, Rejected {}

    public record Accepted(CaseStatus next, boolean changed) implements Transition {}

    public record Rejected(String code, String detail) implements Transition {}

    private CaseLifecycle() {}

    public static Transition apply(CaseStatus status, Trigger trigger) {
        CaseStatus next = switch (trigger) {
            case ACKNOWLEDGE -> status == CaseStatus.OPEN ? CaseStatus.ACKNOWLEDGED : null;
            case START -> status == CaseStatus.ACKNOWLEDGED ? CaseStatus.IN_PROGRESS : null;
            case RESOLVE ->
                status == CaseStatus.ACKNOWLEDGED || status == CaseStatus.IN_PROGRESS ? CaseStatus.RESOLVED : null;
            case CLOSE -> status == CaseStatus.RESOLVED ? CaseStatus.CLOSED : null;
            case REOPEN -> status == CaseStatus.RESOLVED || status == CaseStatus.CLOSED ? CaseStatus.OPEN : null;
            case RECUR -> status == CaseStatus.RESOLVED ? CaseStatus.OPEN : status.awaitsWork() ? status : null;
            case ESCALATE -> status.awaitsWork() ? status : null;
        };
        if (next == null) {
            return new Rejected("invalid-case-transition", "A case that is " + status + " cannot take " + trigger);
        }
        return new Accepted(next, next != status);
    }
}

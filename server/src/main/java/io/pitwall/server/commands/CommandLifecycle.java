package io.pitwall.server.commands;

import java.util.Arrays;
import java.util.List;

/**
 * The life of a remote diagnostic command, as a pure function {@code (status, trigger) → Accepted(next, changed)
 * | Rejected(code)}. An operator's step in the wrong status is refused with a code; what the vehicle or the clock
 * does to a command it no longer concerns changes nothing (a late or duplicate answer, a redelivery).
 *
 * <pre>
 * status \ trigger  | APPROVE                          | CANCEL                     | DELIVER                   | ANSWER_OK | ANSWER_FAILED | ANSWER_UNSUPPORTED | ANSWER_EXPIRED | EXPIRE
 * AWAITING_APPROVAL | PENDING                          | CANCELLED                  | ✗ command-not-deliverable | =         | =             | =                  | =              | EXPIRED
 * PENDING           | ✗ command-not-awaiting-approval  | CANCELLED                  | DELIVERED                 | SUCCEEDED | FAILED        | UNSUPPORTED        | EXPIRED        | EXPIRED
 * DELIVERED         | ✗ command-not-awaiting-approval  | ✗ command-not-cancellable  | =                         | SUCCEEDED | FAILED        | UNSUPPORTED        | EXPIRED        | EXPIRED
 * SUCCEEDED         | ✗ command-not-awaiting-approval  | ✗ command-not-cancellable  | ✗ command-not-deliverable | =         | =             | =                  | =              | =
 * FAILED            | ✗ command-not-awaiting-approval  | ✗ command-not-cancellable  | ✗ command-not-deliverable | =         | =             | =                  | =              | =
 * UNSUPPORTED       | ✗ command-not-awaiting-approval  | ✗ command-not-cancellable  | ✗ command-not-deliverable | =         | =             | =                  | =              | =
 * EXPIRED           | ✗ command-not-awaiting-approval  | ✗ command-not-cancellable  | ✗ command-not-deliverable | =         | =             | =                  | =              | =
 * CANCELLED         | ✗ command-not-awaiting-approval  | ✗ command-not-cancellable  | ✗ command-not-deliverable | =         | =             | =                  | =              | =
 * </pre>
 *
 * {@code =} is "accepted, unchanged". A delivered command cannot be cancelled: the vehicle may be running it
 * already, so only its answer (or its expiry) ends it. A command awaiting its second approver is never handed to
 * the vehicle, so an answer naming it changes nothing. {@code DELIVER} is accepted (and repeated at every
 * check-in) until the vehicle answers; the statuses that accept it are the ones a check-in reads.
 */
public final class CommandLifecycle {

    public enum Trigger {
        APPROVE,
        CANCEL,
        DELIVER,
        ANSWER_OK,
        ANSWER_FAILED,
        ANSWER_UNSUPPORTED,
        ANSWER_EXPIRED,
        EXPIRE
    }

    public sealed interface Transition permits Accepted, Rejected {}

    /** The next status; {@code changed} is false when the trigger was absorbed. */
    public record Accepted(CommandStatus next, boolean changed) implements Transition {}

    public record Rejected(String code) implements Transition {}

    /**
     * What a trigger does wherever it changes something: the statuses it moves a command from, and the status
     * it moves it to (the same from each), for the statements that move many commands at once.
     */
    public record Move(List<CommandStatus> from, CommandStatus to) {

        public Move {
            from = List.copyOf(from);
        }

        public List<String> fromNames() {
            return from.stream().map(CommandStatus::name).toList();
        }
    }

    private CommandLifecycle() {}

    /** Where a new command starts: waiting for a second approver, or ready to deliver. */
    public static CommandStatus initial(boolean needsSecondApprover) {
        return needsSecondApprover ? CommandStatus.AWAITING_APPROVAL : CommandStatus.PENDING;
    }

    public static Transition apply(CommandStatus status, Trigger trigger) {
        return switch (trigger) {
            case APPROVE ->
                status == CommandStatus.AWAITING_APPROVAL
                        ? move(status, CommandStatus.PENDING)
                        : new Rejected("command-not-awaiting-approval");
            case CANCEL ->
                status == CommandStatus.AWAITING_APPROVAL || status == CommandStatus.PENDING
                        ? move(status, CommandStatus.CANCELLED)
                        : new Rejected("command-not-cancellable");
            case DELIVER ->
                status == CommandStatus.PENDING || status == CommandStatus.DELIVERED
                        ? move(status, CommandStatus.DELIVERED)
                        : new Rejected("command-not-deliverable");
            case ANSWER_OK -> answer(status, CommandStatus.SUCCEEDED);
            case ANSWER_FAILED -> answer(status, CommandStatus.FAILED);
            case ANSWER_UNSUPPORTED -> answer(status, CommandStatus.UNSUPPORTED);
            case ANSWER_EXPIRED -> answer(status, CommandStatus.EXPIRED);
            case EXPIRE -> status.open() ? move(status, CommandStatus.EXPIRED) : stay(status);
        };
    }

    /**
     * The trigger of a vehicle's result code: {@code OK} succeeds, {@code UNSUPPORTED} and {@code EXPIRED} say so,
     * any other code (or none) fails.
     */
    public static Trigger answer(String code) {
        if ("OK".equals(code)) {
            return Trigger.ANSWER_OK;
        } else if ("UNSUPPORTED".equals(code)) {
            return Trigger.ANSWER_UNSUPPORTED;
        } else if ("EXPIRED".equals(code)) {
            return Trigger.ANSWER_EXPIRED;
        }
        return Trigger.ANSWER_FAILED;
    }

    /** The statuses in which the trigger is accepted, changing the command or not. */
    public static List<CommandStatus> accepting(Trigger trigger) {
        return Arrays.stream(CommandStatus.values())
                .filter(s -> apply(s, trigger) instanceof Accepted)
                .toList();
    }

    /** Where the trigger changes a command, and to what. */
    public static Move move(Trigger trigger) {
        List<CommandStatus> from = Arrays.stream(CommandStatus.values())
                .filter(s -> apply(s, trigger) instanceof Accepted a && a.changed())
                .toList();
        List<CommandStatus> to = from.stream()
                .map(s -> ((Accepted) apply(s, trigger)).next())
                .distinct()
                .toList();
        if (to.size() != 1) {
            throw new IllegalStateException(trigger + " moves commands to " + to + ", not to one status");
        }
        return new Move(from, to.get(0));
    }

    private static Transition answer(CommandStatus status, CommandStatus result) {
        return status == CommandStatus.PENDING || status == CommandStatus.DELIVERED
                ? move(status, result)
                : stay(status);
    }

    private static Accepted move(CommandStatus from, CommandStatus to) {
        return new Accepted(to, from != to);
    }

    private static Accepted stay(CommandStatus status) {
        return new Accepted(status, false);
    }
}

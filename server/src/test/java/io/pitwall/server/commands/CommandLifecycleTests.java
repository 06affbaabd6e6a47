package io.pitwall.server.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.server.commands.CommandLifecycle.Accepted;
import io.pitwall.server.commands.CommandLifecycle.Rejected;
import io.pitwall.server.commands.CommandLifecycle.Trigger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every cell of the state table in {@link CommandLifecycle}'s Javadoc. */
class CommandLifecycleTests {

    // Columns: APPROVE, CANCEL, DELIVER, ANSWER_OK, ANSWER_FAILED, ANSWER_UNSUPPORTED, ANSWER_EXPIRED, EXPIRE.
    // "=" unchanged, "!x" rejected.
    private static final Trigger[] COLUMNS = {
        Trigger.APPROVE,
        Trigger.CANCEL,
        Trigger.DELIVER,
        Trigger.ANSWER_OK,
        Trigger.ANSWER_FAILED,
        Trigger.ANSWER_UNSUPPORTED,
        Trigger.ANSWER_EXPIRED,
        Trigger.EXPIRE
    };

    private static final String NOT_AWAITING = "!command-not-awaiting-approval";
    private static final String NOT_CANCELLABLE = "!command-not-cancellable";
    private static final String NOT_DELIVERABLE = "!command-not-deliverable";

    private static final String[][] TABLE = {
        {"AWAITING_APPROVAL", "PENDING", "CANCELLED", NOT_DELIVERABLE, "=", "=", "=", "=", "EXPIRED"},
        {"PENDING", NOT_AWAITING, "CANCELLED", "DELIVERED", "SUCCEEDED", "FAILED", "UNSUPPORTED", "EXPIRED", "EXPIRED"},
        {"DELIVERED", NOT_AWAITING, NOT_CANCELLABLE, "=", "SUCCEEDED", "FAILED", "UNSUPPORTED", "EXPIRED", "EXPIRED"},
        {"SUCCEEDED", NOT_AWAITING, NOT_CANCELLABLE, NOT_DELIVERABLE, "=", "=", "=", "=", "="},
        {"FAILED", NOT_AWAITING, NOT_CANCELLABLE, NOT_DELIVERABLE, "=", "=", "=", "=", "="},
        {"UNSUPPORTED", NOT_AWAITING, NOT_CANCELLABLE, NOT_DELIVERABLE, "=", "=", "=", "=", "="},
        {"EXPIRED", NOT_AWAITING, NOT_CANCELLABLE, NOT_DELIVERABLE, "=", "=", "=", "=", "="},
        {"CANCELLED", NOT_AWAITING, NOT_CANCELLABLE, NOT_DELIVERABLE, "=", "=", "=", "=", "="},
    };

    @Test
    void everyCellOfTheStateTableHolds() {
        assertThat(TABLE.length).as("one row per status").isEqualTo(CommandStatus.values().length);
        assertThat(COLUMNS).as("one column per trigger").containsExactlyInAnyOrder(Trigger.values());
        List<String> wrong = new ArrayList<>();
        List<CommandStatus> rows = new ArrayList<>();
        int cells = 0;
        for (String[] row : TABLE) {
            CommandStatus status = CommandStatus.valueOf(row[0]);
            rows.add(status);
            assertThat(row).as(status + " has a cell per trigger").hasSize(COLUMNS.length + 1);
            for (int c = 0; c < COLUMNS.length; c++) {
                String got = cell(status, COLUMNS[c]);
                if (!got.equals(row[c + 1])) {
                    wrong.add(status + " × " + COLUMNS[c] + ": expected " + row[c + 1] + " got " + got);
                }
                cells++;
            }
        }
        assertThat(rows).as("every status has its row").containsExactlyInAnyOrder(CommandStatus.values());
        assertThat(cells).isEqualTo(CommandStatus.values().length * Trigger.values().length);
        assertThat(wrong).isEmpty();
    }

    @Test
    void theStatementsThatMoveManyCommandsTakeTheirStatusesFromTheTable() {
        assertThat(CommandLifecycle.accepting(Trigger.DELIVER))
                .as("what a check-in reads")
                .containsExactly(CommandStatus.PENDING, CommandStatus.DELIVERED);
        assertThat(CommandLifecycle.move(Trigger.DELIVER))
                .isEqualTo(new CommandLifecycle.Move(List.of(CommandStatus.PENDING), CommandStatus.DELIVERED));
        assertThat(CommandLifecycle.move(Trigger.EXPIRE))
                .isEqualTo(new CommandLifecycle.Move(
                        List.of(CommandStatus.AWAITING_APPROVAL, CommandStatus.PENDING, CommandStatus.DELIVERED),
                        CommandStatus.EXPIRED));
        for (Trigger trigger : Trigger.values()) {
            var move = CommandLifecycle.move(trigger);
            assertThat(move.from()).as(trigger + " moves some command").isNotEmpty();
            assertThat(move.from())
                    .as(trigger + " never moves an ended command")
                    .allMatch(CommandStatus::open);
        }
    }

    @Test
    void aResultCodeEndsTheCommandAsTheVehicleSaid() {
        assertThat(CommandLifecycle.answer("OK")).isEqualTo(Trigger.ANSWER_OK);
        assertThat(CommandLifecycle.answer("UNSUPPORTED")).isEqualTo(Trigger.ANSWER_UNSUPPORTED);
        assertThat(CommandLifecycle.answer("EXPIRED")).isEqualTo(Trigger.ANSWER_EXPIRED);
        assertThat(CommandLifecycle.answer("E_TIMEOUT")).isEqualTo(Trigger.ANSWER_FAILED);
        assertThat(CommandLifecycle.answer(null)).isEqualTo(Trigger.ANSWER_FAILED);
    }

    @Test
    void aNewCommandWaitsForItsSecondApproverOnlyWhenItNeedsOne() {
        assertThat(CommandLifecycle.initial(true)).isEqualTo(CommandStatus.AWAITING_APPROVAL);
        assertThat(CommandLifecycle.initial(false)).isEqualTo(CommandStatus.PENDING);
    }

    private static String cell(CommandStatus status, Trigger trigger) {
        var actual = CommandLifecycle.apply(status, trigger);
        if (actual instanceof Rejected r) {
            return "!" + r.code();
        }
        Accepted a = (Accepted) actual;
        if (!a.changed() && a.next() != status) {
            return "unchanged-but-moved";
        }
        return a.changed() ? a.next().name() : "=";
    }
}

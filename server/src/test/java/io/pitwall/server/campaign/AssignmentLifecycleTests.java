package io.pitwall.server.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.server.campaign.delivery.AssignmentLifecycle;
import io.pitwall.server.campaign.delivery.AssignmentLifecycle.Accepted;
import io.pitwall.server.campaign.delivery.AssignmentLifecycle.Rejected;
import io.pitwall.server.campaign.delivery.AssignmentLifecycle.State;
import io.pitwall.server.campaign.delivery.AssignmentLifecycle.Trigger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every cell of the state table in {@link AssignmentLifecycle}'s Javadoc. */
class AssignmentLifecycleTests {

    // Columns: DELIVER, DL_STARTED, DL_PROGRESS, DL_COMPLETED, DL_FAILED, DEFERRED, INST_STARTED,
    // PAUSED, RESUMED, RETRIED, INST_FAILED, INST_COMPLETED, ROLLED_BACK, CANCEL, TIME_OUT, REOFFER, ENDED,
    // EXCLUDE.
    // "=" unchanged, "!x" rejected.
    private static final Trigger[] COLUMNS = {
        Trigger.DELIVER,
        Trigger.DOWNLOAD_STARTED,
        Trigger.DOWNLOAD_PROGRESS,
        Trigger.DOWNLOAD_COMPLETED,
        Trigger.DOWNLOAD_FAILED,
        Trigger.INSTALL_DEFERRED,
        Trigger.INSTALL_STARTED,
        Trigger.INSTALL_PAUSED,
        Trigger.INSTALL_RESUMED,
        Trigger.INSTALL_RETRIED,
        Trigger.INSTALL_FAILED,
        Trigger.INSTALL_COMPLETED,
        Trigger.ROLLED_BACK,
        Trigger.CANCEL,
        Trigger.TIME_OUT,
        Trigger.REOFFER,
        Trigger.ASSIGNMENT_ENDED,
        Trigger.EXCLUDE
    };

    private static final String[][] TABLE = {
        {
            "PENDING",
            "DELIVERED",
            "DOWNLOADING",
            "DOWNLOADING",
            "DOWNLOADED",
            "FAILED",
            "=",
            "INSTALLING",
            "=",
            "=",
            "=",
            "FAILED",
            "SUCCEEDED",
            "ROLLED_BACK",
            "CANCELLED",
            "=",
            "=",
            "CANCELLED",
            "CANCELLED"
        },
        {
            "DELIVERED",
            "=",
            "DOWNLOADING",
            "DOWNLOADING",
            "DOWNLOADED",
            "FAILED",
            "=",
            "INSTALLING",
            "=",
            "=",
            "=",
            "FAILED",
            "SUCCEEDED",
            "ROLLED_BACK",
            "CANCELLED",
            "TIMED_OUT",
            "=",
            "CANCELLED",
            "CANCELLED"
        },
        {
            "DOWNLOADING",
            "=",
            "=",
            "=",
            "DOWNLOADED",
            "FAILED",
            "=",
            "INSTALLING",
            "=",
            "=",
            "=",
            "FAILED",
            "SUCCEEDED",
            "ROLLED_BACK",
            "CANCELLED",
            "TIMED_OUT",
            "=",
            "CANCELLED",
            "CANCELLED"
        },
        {
            "DOWNLOADED",
            "=",
            "=",
            "=",
            "=",
            "=",
            "=",
            "INSTALLING",
            "=",
            "=",
            "=",
            "FAILED",
            "SUCCEEDED",
            "ROLLED_BACK",
            "CANCELLED",
            "TIMED_OUT",
            "=",
            "CANCELLED",
            "CANCELLED"
        },
        {
            "INSTALLING",
            "=",
            "=",
            "=",
            "=",
            "=",
            "=",
            "=",
            "=",
            "=",
            "=",
            "FAILED",
            "SUCCEEDED",
            "ROLLED_BACK",
            "!install-in-progress",
            "TIMED_OUT",
            "=",
            "TIMED_OUT",
            "!install-in-progress"
        },
        {
            "SUCCEEDED",
            "=",
            "=",
            "=",
            "=",
            "=",
            "=",
            "=",
            "=",
            "=",
            "=",
            "=",
            "=",
            "ROLLED_BACK",
            "!assignment-finished",
            "=",
            "=",
            "=",
            "!not-an-exception"
        },
        {
            "FAILED",
            "=",
            "=",
            "=",
            "=",
            "=",
            "=",
            "=",
            "=",
            "=",
            "=",
            "=",
            "=",
            "=",
            "!assignment-finished",
            "=",
            "PENDING",
            "=",
            "="
        },
        {
            "ROLLED_BACK",
            "=",
            "=",
            "=",
            "=",
            "=",
            "=",
            "=",
            "=",
            "=",
            "=",
            "=",
            "=",
            "=",
            "!assignment-finished",
            "=",
            "=",
            "=",
            "="
        },
        {
            "CANCELLED",
            "=",
            "=",
            "=",
            "=",
            "=",
            "=",
            "=",
            "=",
            "=",
            "=",
            "=",
            "=",
            "=",
            "=",
            "=",
            "=",
            "=",
            "!not-an-exception"
        },
        {
            "TIMED_OUT",
            "=",
            "=",
            "=",
            "=",
            "=",
            "=",
            "=",
            "=",
            "=",
            "=",
            "=",
            "SUCCEEDED",
            "ROLLED_BACK",
            "!assignment-finished",
            "=",
            "PENDING",
            "=",
            "="
        },
    };

    @Test
    void everyCellOfTheStateTableHolds() {
        assertThat(TABLE.length).isEqualTo(State.values().length);
        assertThat(COLUMNS).hasSize(Trigger.values().length);
        List<String> wrong = new ArrayList<>();
        int cells = 0;
        for (String[] row : TABLE) {
            State state = State.valueOf(row[0]);
            for (int c = 0; c < COLUMNS.length; c++) {
                String expected = row[c + 1];
                var actual = AssignmentLifecycle.apply(state, COLUMNS[c]);
                String got;
                if (actual instanceof Rejected r) {
                    got = "!" + r.code();
                } else {
                    Accepted a = (Accepted) actual;
                    got = a.changed() ? a.next().name() : "=";
                    if (!a.changed() && a.next() != state) {
                        got = "unchanged-but-moved";
                    }
                }
                if (!got.equals(expected)) {
                    wrong.add(state + " × " + COLUMNS[c] + ": expected " + expected + " got " + got);
                }
                cells++;
            }
        }
        assertThat(cells).isEqualTo(State.values().length * Trigger.values().length);
        assertThat(wrong).isEmpty();
    }

    @Test
    void theStatusListsPersistenceRendersFollowTheTable() {
        assertThat(AssignmentLifecycle.ACTIVE)
                .containsExactly(State.PENDING, State.DELIVERED, State.DOWNLOADING, State.DOWNLOADED, State.INSTALLING);
        assertThat(AssignmentLifecycle.IN_PROGRESS)
                .containsExactly(State.DELIVERED, State.DOWNLOADING, State.DOWNLOADED, State.INSTALLING);
        assertThat(AssignmentLifecycle.CANCELLABLE)
                .containsExactly(State.PENDING, State.DELIVERED, State.DOWNLOADING, State.DOWNLOADED);
        assertThat(AssignmentLifecycle.RETRYABLE).containsExactly(State.FAILED, State.TIMED_OUT);
        assertThat(AssignmentLifecycle.FAILURES).containsExactly(State.FAILED, State.ROLLED_BACK);
        assertThat(AssignmentLifecycle.EXCEPTIONAL_ENDS)
                .containsExactly(State.FAILED, State.ROLLED_BACK, State.TIMED_OUT);
        assertThat(AssignmentLifecycle.NOT_BEGUN).containsExactly(State.PENDING, State.DELIVERED, State.CANCELLED);
        for (State state : State.values()) {
            assertThat(AssignmentLifecycle.ACTIVE.contains(state))
                    .as("active %s", state)
                    .isEqualTo(state.isActive());
            assertThat(AssignmentLifecycle.EXCEPTIONAL_ENDS.contains(state))
                    .as("queued end %s", state)
                    .isEqualTo(state.isTerminal() && state != State.SUCCEEDED && state != State.CANCELLED);
        }
    }

    // Columns: the ECU parts' states; the assignment's state derived from them.
    private static final String[][] DERIVED = {
        {"", "PENDING"},
        {"PENDING", "PENDING"},
        {"PENDING DELIVERED", "DELIVERED"},
        {"DELIVERED DOWNLOADING", "DOWNLOADING"},
        {"DOWNLOADED PENDING", "DOWNLOADED"},
        {"DOWNLOADED CANCELLED", "DOWNLOADED"},
        {"INSTALLING PENDING", "INSTALLING"},
        {"SUCCEEDED PENDING", "INSTALLING"},
        {"SUCCEEDED SUCCEEDED", "SUCCEEDED"},
        {"SUCCEEDED CANCELLED", "INSTALLING"},
        {"CANCELLED CANCELLED", "CANCELLED"},
        {"SUCCEEDED FAILED", "FAILED"},
        {"TIMED_OUT SUCCEEDED", "TIMED_OUT"},
        {"TIMED_OUT FAILED", "FAILED"},
        {"FAILED ROLLED_BACK", "ROLLED_BACK"},
        {"ROLLED_BACK TIMED_OUT INSTALLING", "ROLLED_BACK"},
    };

    @Test
    void anAssignmentIsDerivedFromItsEcuParts() {
        List<String> wrong = new ArrayList<>();
        for (String[] row : DERIVED) {
            List<State> parts = row[0].isEmpty()
                    ? List.of()
                    : Arrays.stream(row[0].split(" ")).map(State::valueOf).toList();
            State derived = AssignmentLifecycle.derive(parts);
            if (derived != State.valueOf(row[1])) {
                wrong.add(parts + ": expected " + row[1] + " got " + derived);
            }
        }
        assertThat(DERIVED.length).isGreaterThan(10);
        assertThat(wrong).isEmpty();
    }

    @Test
    void aLateEventNeverMovesBackwards() {
        State state = State.PENDING;
        for (Trigger t : List.of(
                Trigger.DELIVER,
                Trigger.DOWNLOAD_STARTED,
                Trigger.DOWNLOAD_COMPLETED,
                Trigger.INSTALL_STARTED,
                Trigger.INSTALL_COMPLETED,
                Trigger.DOWNLOAD_PROGRESS,
                Trigger.DELIVER,
                Trigger.DOWNLOAD_FAILED)) {
            state = ((Accepted) AssignmentLifecycle.apply(state, t)).next();
        }
        assertThat(state).isEqualTo(State.SUCCEEDED);
    }
}

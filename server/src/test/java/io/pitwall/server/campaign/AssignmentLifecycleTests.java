package io.pitwall.server.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.server.campaign.delivery.AssignmentLifecycle;
import io.pitwall.server.campaign.delivery.AssignmentLifecycle.Accepted;
import io.pitwall.server.campaign.delivery.AssignmentLifecycle.Rejected;
import io.pitwall.server.campaign.delivery.AssignmentLifecycle.State;
import io.pitwall.server.campaign.delivery.AssignmentLifecycle.Trigger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every cell of the state table in {@link AssignmentLifecycle}'s Javadoc. */
class AssignmentLifecycleTests {

    // Columns: DELIVER, DL_STARTED, DL_PROGRESS, DL_COMPLETED, DL_FAILED, DEFERRED, INST_STARTED,
    // PAUSED, RESUMED, RETRIED, INST_FAILED, INST_COMPLETED, ROLLED_BACK, CANCEL, TIME_OUT, REOFFER, ENDED.
    // "=" unchanged, "!x" rejected.
    private static final Trigger[] COLUMNS = {Trigger.DELIVER, Trigger.DOWNLOAD_STARTED, Trigger.DOWNLOAD_PROGRESS,
        Trigger.DOWNLOAD_COMPLETED, Trigger.DOWNLOAD_FAILED, Trigger.INSTALL_DEFERRED, Trigger.INSTALL_STARTED,
        Trigger.INSTALL_PAUSED, Trigger.INSTALL_RESUMED, Trigger.INSTALL_RETRIED, Trigger.INSTALL_FAILED,
        Trigger.INSTALL_COMPLETED, Trigger.ROLLED_BACK, Trigger.CANCEL, Trigger.TIME_OUT, Trigger.REOFFER,
        Trigger.ASSIGNMENT_ENDED};

    private static final String[][] TABLE = {
        {"PENDING", "DELIVERED", "DOWNLOADING", "DOWNLOADING", "DOWNLOADED", "FAILED", "=", "INSTALLING", "=", "=", "=",
            "FAILED", "SUCCEEDED", "ROLLED_BACK", "CANCELLED", "=", "=", "CANCELLED"},
        {"DELIVERED", "=", "DOWNLOADING", "DOWNLOADING", "DOWNLOADED", "FAILED", "=", "INSTALLING", "=", "=", "=",
            "FAILED", "SUCCEEDED", "ROLLED_BACK", "CANCELLED", "TIMED_OUT", "=", "CANCELLED"},
        {"DOWNLOADING", "=", "=", "=", "DOWNLOADED", "FAILED", "=", "INSTALLING", "=", "=", "=", "FAILED", "SUCCEEDED",
            "ROLLED_BACK", "CANCELLED", "TIMED_OUT", "=", "CANCELLED"},
        {"DOWNLOADED", "=", "=", "=", "=", "=", "=", "INSTALLING", "=", "=", "=", "FAILED", "SUCCEEDED", "ROLLED_BACK",
            "CANCELLED", "TIMED_OUT", "=", "CANCELLED"},
        {"INSTALLING", "=", "=", "=", "=", "=", "=", "=", "=", "=", "=", "FAILED", "SUCCEEDED", "ROLLED_BACK",
            "!install-in-progress", "TIMED_OUT", "=", "TIMED_OUT"},
        {"SUCCEEDED", "=", "=", "=", "=", "=", "=", "=", "=", "=", "=", "=", "=", "ROLLED_BACK", "!assignment-finished",
            "=", "=", "="},
        {"FAILED", "=", "=", "=", "=", "=", "=", "=", "=", "=", "=", "=", "=", "=", "!assignment-finished", "=",
            "PENDING", "="},
        {"ROLLED_BACK", "=", "=", "=", "=", "=", "=", "=", "=", "=", "=", "=", "=", "=", "!assignment-finished", "=",
            "=", "="},
        {"CANCELLED", "=", "=", "=", "=", "=", "=", "=", "=", "=", "=", "=", "=", "=", "=", "=", "=", "="},
        {"TIMED_OUT", "=", "=", "=", "=", "=", "=", "=", "=", "=", "=", "=", "SUCCEEDED", "ROLLED_BACK",
            "!assignment-finished", "=", "PENDING", "="},
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
    void aLateEventNeverMovesBackwards() {
        State state = State.PENDING;
        for (Trigger t : List.of(Trigger.DELIVER, Trigger.DOWNLOAD_STARTED, Trigger.DOWNLOAD_COMPLETED,
                Trigger.INSTALL_STARTED, Trigger.INSTALL_COMPLETED, Trigger.DOWNLOAD_PROGRESS, Trigger.DELIVER,
                Trigger.DOWNLOAD_FAILED)) {
            state = ((Accepted) AssignmentLifecycle.apply(state, t)).next();
        }
        assertThat(state).isEqualTo(State.SUCCEEDED);
    }
}

package io.pitwall.server.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.server.campaign.governance.CampaignLifecycle;
import io.pitwall.server.campaign.governance.CampaignLifecycle.Accepted;
import io.pitwall.server.campaign.governance.CampaignLifecycle.Rejected;
import io.pitwall.server.campaign.governance.CampaignLifecycle.Trigger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every cell of the state table in {@link CampaignLifecycle}'s Javadoc, checked one by one. */
class CampaignLifecycleTests {

    private static final List<Trigger> COLUMNS = List.of(
            Trigger.SUBMIT,
            Trigger.APPROVE,
            Trigger.REFUSE,
            Trigger.START,
            Trigger.PAUSE,
            Trigger.RESUME,
            Trigger.COMPLETE,
            Trigger.CANCEL,
            Trigger.EMERGENCY_STOP,
            Trigger.ROLLBACK_START,
            Trigger.ROLLBACK_DONE,
            Trigger.ROLLBACK_ABANDONED);

    private static final Map<String, String> CODES = Map.of(
            "draft",
            "campaign-not-draft",
            "await",
            "campaign-not-awaiting-approval",
            "start",
            "campaign-not-startable",
            "run",
            "campaign-not-running",
            "pause",
            "campaign-not-paused",
            "held",
            "resume-needs-approval",
            "fin",
            "campaign-finished",
            "rb",
            "campaign-not-rollbackable",
            "rbing",
            "campaign-not-rolling-back",
            "rbing2",
            "rollback-in-progress");

    /** The Javadoc table; PAUSED* is PAUSED under the emergency hold. */
    private static final String TABLE = """
            DRAFT        | SUBMITTED | ✗await   | ✗await | ✗start  | ✗run   | ✗pause  | ✗run      | CANCELLED | =       | ✗rb          | ✗rbing | ✗rbing
            SUBMITTED    | ✗draft    | APPROVED | DRAFT  | ✗start  | ✗run   | ✗pause  | ✗run      | CANCELLED | =       | ✗rb          | ✗rbing | ✗rbing
            APPROVED     | ✗draft    | ✗await   | ✗await | RUNNING | ✗run   | ✗pause  | ✗run      | CANCELLED | =       | ✗rb          | ✗rbing | ✗rbing
            RUNNING      | ✗draft    | ✗await   | ✗await | ✗start  | PAUSED | ✗pause  | COMPLETED | CANCELLED | PAUSED* | ✗rb          | ✗rbing | ✗rbing
            PAUSED       | ✗draft    | ✗await   | ✗await | ✗start  | ✗run   | RUNNING | ✗run      | CANCELLED | =       | ROLLING_BACK | ✗rbing | ✗rbing
            PAUSED*      | ✗draft    | PAUSED   | =      | ✗start  | ✗run   | ✗held   | ✗run      | CANCELLED | =       | ROLLING_BACK | ✗rbing | ✗rbing
            COMPLETED    | ✗draft    | ✗await   | ✗await | ✗start  | ✗run   | ✗pause  | ✗run      | ✗fin      | =       | ROLLING_BACK | ✗rbing | ✗rbing
            CANCELLED    | ✗draft    | ✗await   | ✗await | ✗start  | ✗run   | ✗pause  | ✗run      | ✗fin      | =       | ROLLING_BACK | ✗rbing | ✗rbing
            ROLLING_BACK | ✗draft    | ✗await   | ✗await | ✗start  | ✗run   | ✗pause  | ✗run      | ✗rbing2   | =       | ✗rb          | ROLLED_BACK | PAUSED*
            ROLLED_BACK  | ✗draft    | ✗await   | ✗await | ✗start  | ✗run   | ✗pause  | ✗run      | ✗fin      | =       | ✗rb          | ✗rbing | ✗rbing
            """;

    static Stream<Arguments> cells() {
        List<Arguments> cells = new ArrayList<>();
        for (String line : TABLE.strip().split("\n")) {
            String[] parts = line.split("\\|");
            String row = parts[0].strip();
            for (int i = 0; i < COLUMNS.size(); i++) {
                cells.add(Arguments.of(row, COLUMNS.get(i), parts[i + 1].strip()));
            }
        }
        return cells.stream();
    }

    @ParameterizedTest(name = "{0} × {1} → {2}")
    @MethodSource("cells")
    void everyStateAndTriggerEndsWhereTheTableSays(String row, Trigger trigger, String expected) {
        boolean held = row.endsWith("*");
        CampaignStatus status = CampaignStatus.valueOf(row.replace("*", ""));
        var result = CampaignLifecycle.apply(status, held, trigger);
        if (expected.startsWith("✗")) {
            assertThat(result).isEqualTo(new Rejected(CODES.get(expected.substring(1))));
        } else if (expected.equals("=")) {
            assertThat(result).isEqualTo(new Accepted(status, held, false));
        } else {
            var next = CampaignStatus.valueOf(expected.replace("*", ""));
            assertThat(result).isEqualTo(new Accepted(next, expected.endsWith("*"), true));
        }
    }

    @org.junit.jupiter.api.Test
    void theTableCoversEveryStatusAndTrigger() {
        assertThat(cells().count()).isEqualTo((CampaignStatus.values().length + 1L) * Trigger.values().length);
        assertThat(COLUMNS).containsExactlyInAnyOrder(Trigger.values());
    }
}

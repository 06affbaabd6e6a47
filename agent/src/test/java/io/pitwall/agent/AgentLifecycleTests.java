package io.pitwall.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.agent.AgentLifecycle.Accepted;
import io.pitwall.agent.AgentLifecycle.Rejected;
import io.pitwall.agent.AgentLifecycle.State;
import io.pitwall.agent.AgentLifecycle.Trigger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every cell of the state table in AgentLifecycle's Javadoc, copied here verbatim. */
class AgentLifecycleTests {

    private static final String TABLE = """
            state \\ trigger | ASSIGNMENT_RECEIVED | ASSIGNMENT_WITHDRAWN | PRECONDITION_LOST | PRECONDITION_RESTORED | DOWNLOAD_VERIFIED | DOWNLOAD_REFUSED | INSTALL_DEFERRED | INSTALL_STARTED | INSTALL_RETRY | INSTALL_SUCCEEDED | INSTALL_FAILED | INSTALL_ROLLED_BACK
            IDLE             | DOWNLOADING         | ✗                    | ✗                 | ✗                     | ✗                 | ✗                | ✗                | ✗               | ✗             | ✗                 | ✗              | ✗
            DOWNLOADING      | ✗ busy              | IDLE                 | DOWNLOAD_PAUSED   | ✗                     | READY             | FAILED           | ✗                | ✗               | ✗             | ✗                 | ✗              | ✗
            DOWNLOAD_PAUSED  | ✗ busy              | IDLE                 | ✗                 | DOWNLOADING           | ✗                 | ✗                | ✗                | ✗               | ✗             | ✗                 | ✗              | ✗
            READY            | ✗ busy              | IDLE                 | ✗                 | ✗                     | ✗                 | ✗                | READY            | INSTALLING      | ✗             | ✗                 | FAILED         | ✗
            INSTALLING       | ✗ busy              | ✗ installing         | ✗                 | ✗                     | ✗                 | ✗                | ✗                | ✗               | READY         | COMPLETED         | FAILED         | ROLLED_BACK
            COMPLETED        | DOWNLOADING         | IDLE                 | ✗                 | ✗                     | ✗                 | ✗                | ✗                | ✗               | ✗             | ✗                 | ✗              | ✗
            FAILED           | DOWNLOADING         | IDLE                 | ✗                 | ✗                     | ✗                 | ✗                | ✗                | ✗               | ✗             | ✗                 | ✗              | ✗
            ROLLED_BACK      | DOWNLOADING         | IDLE                 | ✗                 | ✗                     | ✗                 | ✗                | ✗                | ✗               | ✗             | ✗                 | ✗              | ✗
            """;

    static Stream<Arguments> cells() {
        List<String> lines = TABLE.lines().toList();
        List<Trigger> triggers =
                Arrays.stream(split(lines.get(0))).skip(1).map(Trigger::valueOf).toList();
        List<Arguments> cells = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] row = split(line);
            for (int i = 0; i < triggers.size(); i++) {
                cells.add(Arguments.of(State.valueOf(row[0]), triggers.get(i), row[i + 1]));
            }
        }
        return cells.stream();
    }

    @ParameterizedTest(name = "{0} × {1} → {2}")
    @MethodSource("cells")
    void followsTheStateTable(State state, Trigger trigger, String expected) {
        var transition = AgentLifecycle.apply(state, trigger);
        switch (expected) {
            case "✗" -> assertThat(transition).isEqualTo(new Rejected("illegal-transition"));
            case "✗ busy" -> assertThat(transition).isEqualTo(new Rejected("assignment-in-progress"));
            case "✗ installing" -> assertThat(transition).isEqualTo(new Rejected("install-in-progress"));
            default -> assertThat(transition).isEqualTo(new Accepted(State.valueOf(expected)));
        }
    }

    @Test
    void theTableCoversEveryStateAndTrigger() {
        assertThat(cells().count()).isEqualTo((long) State.values().length * Trigger.values().length);
        assertThat(cells().map(a -> a.get()[0]).distinct()).containsExactlyInAnyOrder((Object[]) State.values());
    }

    @Test
    void theJavadocShowsThisVeryTable() throws java.io.IOException {
        String source = java.nio.file.Files.readString(
                java.nio.file.Path.of("src/main/java/io/pitwall/agent/AgentLifecycle.java"));
        String pre = source.substring(source.indexOf("<pre>") + 5, source.indexOf("</pre>"));
        List<String> documented = pre.lines()
                .map(l -> l.replaceFirst("^\\s*\\*", ""))
                .filter(l -> !l.isBlank())
                .map(AgentLifecycleTests::cells)
                .toList();
        assertThat(documented)
                .isEqualTo(TABLE.lines().map(AgentLifecycleTests::cells).toList());
    }

    @Test
    void onlyFinishedAssignmentsAreTerminal() {
        assertThat(Arrays.stream(State.values()).filter(State::isTerminal))
                .containsExactly(State.COMPLETED, State.FAILED, State.ROLLED_BACK);
    }

    private static String cells(String line) {
        return String.join("|", split(line));
    }

    private static String[] split(String line) {
        return Arrays.stream(line.split("\\|")).map(String::trim).toArray(String[]::new);
    }
}

package io.pitwall.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * {@code ./pitwall demo --until-done}, small: a fresh server, a seeded fleet, a campaign that completes, a bad
 * one paused at its pilot and undone by its rollback campaign (the real agent over HTTP), exit 0.
 */
@ExtendWith(OutputCaptureExtension.class)
class DemoCommandTests {

    @Test
    void theDemoRunsACampaignToCompletionAndExitsZero(@TempDir Path dir, CapturedOutput output) throws IOException {
        Path data = dir.resolve("demo");
        Files.createDirectories(data.resolve("db"));
        Files.writeString(data.resolve(DemoDirectory.MARKER), "");
        Files.writeString(data.resolve("db").resolve("old-run.txt"), "left over from the last demo");

        int code = Pitwall.commandLine()
                .execute(
                        "demo",
                        "--until-done",
                        "--vehicles",
                        "30",
                        "--port",
                        Integer.toString(freePort()),
                        "--data-dir",
                        data.toString(),
                        "--timeout",
                        "3m");

        assertThat(code).as(output.getAll()).isZero();
        assertThat(output.getOut())
                .contains(
                        "(wiped at every start)",
                        "Operator: admin / demo-",
                        "/swagger-ui.html",
                        "Provisioning 30 vehicles",
                        "risk HIGH, approved by demo-approver-1 and demo-approver-2",
                        "Campaign 1 \"Demo rollout 2026.1\"",
                        "Summary after",
                        "campaign 1 \"Demo rollout 2026.1\" COMPLETED: 30 assignments",
                        "Waves: pilot PASSED (3), early adopters PASSED (9), everyone else PASSED (18)",
                        "Campaign 2 paused by its pilot gate: pilot FAILED",
                        "everyone else PLANNED (0)",
                        "Campaign 3 \"Rollback of Demo rollout 2026.2 (bad BMS-HW-7 image)\": requested by admin, approved "
                                + "by rollback-approver-1 and rollback-approver-2",
                        "campaign 2 \"Demo rollout 2026.2 (bad BMS-HW-7 image)\" ROLLED_BACK",
                        "campaign 3 \"Rollback of Demo rollout 2026.2 (bad BMS-HW-7 image)\" COMPLETED");
        assertThat(output.getOut()).containsPattern("\\[ +\\d+s\\] 30 vehicles \\|");
        assertThat(data.resolve("db").resolve("old-run.txt"))
                .as("the last demo's data is gone")
                .doesNotExist();
        assertThat(data.resolve(DemoDirectory.MARKER)).exists();
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0)) {
            return probe.getLocalPort();
        }
    }
}

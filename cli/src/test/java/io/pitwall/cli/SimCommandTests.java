package io.pitwall.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.server.support.LocalServer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** {@code ./pitwall sim} against a running server: provisions its fleet through the API and drives it. */
@ExtendWith(OutputCaptureExtension.class)
class SimCommandTests {

    @Test
    void simProvisionsItsFleetAndDrivesItForTheDuration(@TempDir Path dir, CapturedOutput output) {
        try (LocalServer server = LocalServer.onH2(dir.resolve("server")).start()) {
            int code = Pitwall.commandLine()
                    .execute(
                            "sim",
                            "--server",
                            server.base().toString(),
                            "--user",
                            "admin",
                            "--password",
                            LocalServer.ADMIN_PASSWORD,
                            "--vehicles",
                            "40",
                            "--seed",
                            "8",
                            "--profile",
                            "harsh",
                            "--duration",
                            "4s");

            assertThat(code).as(output.getAll()).isZero();
            assertThat(output.getOut())
                    .contains(
                            "Provisioning 40 vehicles (seed 8",
                            "Fault profile 'harsh'",
                            "Simulating 40 vehicles",
                            "Summary after",
                            "40 vehicles");
            assertThat(output.getOut()).containsPattern("\\[ +\\d+s\\] 40 vehicles \\|");
            assertThat(server.jdbc()
                            .sql("SELECT COUNT(*) FROM vehicle")
                            .query(Long.class)
                            .single())
                    .isEqualTo(40);
            assertThat(server.jdbc()
                            .sql("SELECT COUNT(DISTINCT vin) FROM vehicle_report")
                            .query(Long.class)
                            .single())
                    .as("vehicles that checked in")
                    .isGreaterThan(20);
        }
    }
}

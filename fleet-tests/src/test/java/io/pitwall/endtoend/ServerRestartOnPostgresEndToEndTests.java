package io.pitwall.endtoend;

import io.pitwall.server.support.LocalServer;
import io.pitwall.server.support.PostgresTest;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server-restart scenario of {@link FleetReliabilityEndToEndTests} on PostgreSQL: 200 real agents, the
 * server stopped and started again mid-campaign on the same database and port, exact counts at the end.
 */
@PostgresTest
class ServerRestartOnPostgresEndToEndTests {

    @Test
    void aServerRestartMidCampaignLosesNothingOnPostgres(@TempDir Path dir) {
        try (LocalServer server = LocalServer.onPostgres(dir.resolve("server")).start()) {
            FleetRuns runs = new FleetRuns(server);
            var run = runs.run(
                    "e2e-pg-restart",
                    21,
                    FleetRuns.RULES.withVehicleConditions(0.2, 0.3).withNetworkDropRate(0.1),
                    dir.resolve("agents"),
                    runs.restartingTheServerMidway());
            FleetAssertions.assertExact(run, runs.release(), runs.progress(run.campaignId()), server.jdbc());
        }
    }
}

package io.pitwall.server.device;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.server.inventory.VehicleReporting;
import io.pitwall.server.support.ApiClient;
import io.pitwall.server.support.IntegrationTest;
import io.pitwall.server.support.PostgresTest;
import io.pitwall.server.support.StatementLog;
import io.pitwall.server.support.TestFleet;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What a check-in costs the database, counted statement by statement (the check-in target is 3,000/s at
 * 32 clients on 2 cores, so every statement matters). A regression here fails the build.
 */
class CheckinCostIntegrationTests {

    abstract static class Contract extends IntegrationTest {

        @Autowired
        DataSource dataSource;

        StatementLog log;
        String vin;
        ApiClient vehicle;

        @BeforeEach
        void idleVehicle() {
            log = StatementLog.of(dataSource);
            var fleet = new TestFleet(jdbc, admin);
            vin = fleet.vehicle("Cost", "EU", "1.0.0", "COST-HW");
            vehicle = fleet.credentialFor(vin);
        }

        Map<String, Object> report() {
            return Map.of(
                    "signals",
                    Map.of("Vehicle.Speed", 0.0, "Vehicle.LowVoltageSystemState", "OFF"),
                    "connectivity",
                    "WIFI",
                    "ownerConsent",
                    true,
                    "ecus",
                    List.of(Map.of("serial", "COST-HW-" + vin, "hardwareId", "COST-HW", "installedVersion", "1.0.0")));
        }

        List<String> statementsOfACheckin() {
            log.clear();
            var answer = vehicle.post("/device/v1/vehicles/" + vin + "/checkin", report());
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            assertThat(answer.json().has("assignment")).isFalse();
            return log.entries();
        }

        @Test
        void anUnchangedIdleCheckinCostsTwoReadsAndNoTransaction() {
            statementsOfACheckin();
            List<String> statements = statementsOfACheckin();
            assertThat(statements)
                    .as("statements of an unchanged idle check-in: %s", statements)
                    .hasSize(2);
            assertThat(statements.get(0)).startsWith("SELECT").contains("FROM vehicle_report");
            assertThat(statements.get(1)).startsWith("SELECT").contains("FROM assignment");
        }

        @Test
        void lastSeenIsRefreshedOnlyOnceTheVehiclesOwnIntervalHasPassed() {
            statementsOfACheckin();
            Duration interval = VehicleReporting.touchEvery(vin);
            assertThat(interval).isBetween(Duration.ofSeconds(60), Duration.ofSeconds(119));
            lastSeen(interval.minusSeconds(5));
            assertThat(statementsOfACheckin()).as("within the interval").noneMatch(s -> s.startsWith("UPDATE"));
            lastSeen(interval.plusSeconds(5));
            List<String> statements = statementsOfACheckin();
            assertThat(statements)
                    .as("%s", statements)
                    .anyMatch(s -> s.startsWith("UPDATE vehicle_report SET last_seen_at"));
            assertThat(statements.stream().filter(s -> s.equals("COMMIT")).count())
                    .isEqualTo(1);
        }

        private void lastSeen(Duration ago) {
            jdbc.sql("UPDATE vehicle_report SET last_seen_at = :at WHERE vin = :v")
                    .param("at", OffsetDateTime.now().minus(ago))
                    .param("v", vin)
                    .update();
        }

        @Test
        void aChangedReportIsWrittenInOneTransaction() {
            statementsOfACheckin();
            jdbc.sql("UPDATE vehicle_report SET state_hash = :h WHERE vin = :v")
                    .param("h", "0".repeat(64))
                    .param("v", vin)
                    .update();
            List<String> statements = statementsOfACheckin();
            assertThat(statements.stream().filter(s -> s.equals("COMMIT")).count())
                    .as("%s", statements)
                    .isEqualTo(1);
            assertThat(statements).as("%s", statements).hasSizeLessThanOrEqualTo(7);
        }
    }

    @Nested
    class OnH2 extends Contract {}

    @Nested
    @PostgresTest
    class OnPostgres extends Contract {}
}

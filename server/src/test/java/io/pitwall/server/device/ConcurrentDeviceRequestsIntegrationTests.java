package io.pitwall.server.device;

import static io.pitwall.server.support.HeldTransaction.async;
import static io.pitwall.server.support.HeldTransaction.awaitSomeoneBlocked;
import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.protocol.device.CheckinRequest;
import io.pitwall.protocol.device.Connectivity;
import io.pitwall.protocol.device.DeviceEvent;
import io.pitwall.protocol.device.EcuVersion;
import io.pitwall.protocol.device.EventType;
import io.pitwall.protocol.device.VehicleSignals;
import io.pitwall.server.inventory.VehicleReporting;
import io.pitwall.server.support.ApiClient;
import io.pitwall.server.support.HeldTransaction;
import io.pitwall.server.support.IntegrationTest;
import io.pitwall.server.support.PostgresTest;
import io.pitwall.server.support.TestFleet;
import io.pitwall.server.telemetry.EventIngestion;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Two requests of one vehicle at once (a retry overtaking the original, two agents with one identity):
 * one waits for the other's transaction and then succeeds; nothing is stored twice, nothing fails with 5xx.
 */
class ConcurrentDeviceRequestsIntegrationTests {

    abstract static class Contract extends IntegrationTest {

        @Autowired
        PlatformTransactionManager transactions;

        @Autowired
        DataSource dataSource;

        @Autowired
        EventIngestion ingestion;

        @Autowired
        VehicleReporting reporting;

        String vin;
        ApiClient vehicle;

        @BeforeEach
        void provision() {
            var fleet = new TestFleet(jdbc, admin);
            vin = fleet.vehicle("Concurrent", "EU", "1.0.0", "CONC-HW");
            vehicle = fleet.credentialFor(vin);
        }

        static DeviceEvent event(long seq) {
            return new DeviceEvent(seq, EventType.MODULE_HEALTH, Instant.now(), null, null, null, null, null, null);
        }

        ApiClient.Response post(long from, long to) {
            List<DeviceEvent> events = new ArrayList<>();
            for (long seq = from; seq <= to; seq++) {
                events.add(event(seq));
            }
            return vehicle.post("/device/v1/vehicles/" + vin + "/events", Map.of("events", events));
        }

        long stored() {
            return jdbc.sql("SELECT COUNT(*) FROM vehicle_event WHERE vin = :v")
                    .param("v", vin)
                    .query(Long.class)
                    .single();
        }

        @Test
        void twoFirstEventBatchesAtOnceAreBothStored() {
            try (var first =
                    HeldTransaction.open(transactions, () -> ingestion.ingest(vin, List.of(event(1)), List.of()))) {
                var second = async(() -> post(2, 3));
                awaitSomeoneBlocked(dataSource, jdbc);
                first.commit();
                assertThat(second.join().status()).as(second.join().body()).isEqualTo(200);
                assertThat(second.join().json().get("ackedThroughSeq").asLong()).isEqualTo(3);
            }
            assertThat(stored()).isEqualTo(3);
        }

        @Test
        void overlappingBatchesAtOnceStoreEachEventOnce() {
            assertThat(post(1, 1).status()).isEqualTo(200);
            try (var first = HeldTransaction.open(
                    transactions, () -> ingestion.ingest(vin, List.of(event(2), event(3)), List.of()))) {
                var second = async(() -> post(2, 5));
                awaitSomeoneBlocked(dataSource, jdbc);
                first.commit();
                assertThat(second.join().json().get("ackedThroughSeq").asLong()).isEqualTo(5);
            }
            assertThat(stored()).isEqualTo(5);
        }

        @Test
        void twoFirstCheckinsAtOnceBothLandAndTheLaterWins() {
            var parked = new CheckinRequest(
                    VehicleSignals.parkedAndOff(80.0, 12.6),
                    Connectivity.WIFI,
                    true,
                    List.of(new EcuVersion("CONC-HW-" + vin, "CONC-HW", "1.0.0", null)));
            try (var first = HeldTransaction.open(transactions, () -> reporting.record(vin, parked))) {
                var second = async(() -> vehicle.post(
                        "/device/v1/vehicles/" + vin + "/checkin",
                        Map.of(
                                "connectivity",
                                "CELLULAR",
                                "ownerConsent",
                                true,
                                "ecus",
                                List.of(Map.of(
                                        "serial",
                                        "CONC-HW-" + vin,
                                        "hardwareId",
                                        "CONC-HW",
                                        "installedVersion",
                                        "0.9.0")))));
                awaitSomeoneBlocked(dataSource, jdbc);
                first.commit();
                assertThat(second.join().status()).as(second.join().body()).isEqualTo(200);
            }
            assertThat(jdbc.sql("SELECT connectivity FROM vehicle_report WHERE vin = :v")
                            .param("v", vin)
                            .query(String.class)
                            .single())
                    .isEqualTo("CELLULAR");
            assertThat(jdbc.sql("SELECT sw_version FROM reported_ecu WHERE vin = :v")
                            .param("v", vin)
                            .query(String.class)
                            .list())
                    .containsExactly("0.9.0");
        }
    }

    @Nested
    class OnH2 extends Contract {}

    @Nested
    @PostgresTest
    class OnPostgres extends Contract {}
}

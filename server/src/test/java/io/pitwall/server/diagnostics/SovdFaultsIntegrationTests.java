package io.pitwall.server.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.server.access.Role;
import io.pitwall.server.support.ApiClient;
import io.pitwall.server.support.IntegrationTest;
import io.pitwall.server.support.TestFleet;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The SOVD-shaped faults resource of one component (ECU), fed through the real device API: items with SOVD's
 * field names, status and severity filters OR-combined as OpenSOVD does, one fault with its environment data,
 * and clear refusals of unknown filters, components and codes.
 * Runs on H2 only: JSON shape and filters in Java; FaultsIntegrationTests reads stored faults on both.
 */
class SovdFaultsIntegrationTests {

    private static final AtomicLong HARDWARE = new AtomicLong();

    abstract static class Contract extends IntegrationTest {

        String vin;
        String ecu;
        ApiClient support;

        @BeforeEach
        void aVehicleWhoseBmsReportedTwoFaults() {
            var fleet = new TestFleet(jdbc, admin);
            String hardwareId =
                    "SOVD-HW-" + HARDWARE.incrementAndGet() + "-" + getClass().getSimpleName();
            vin = fleet.vehicle("Sovd-" + hardwareId, "EU", "3.1.4", hardwareId);
            ecu = hardwareId + "-" + vin;
            support = operatorWith(Role.SUPPORT_AGENT);
            var event = Map.of(
                    "seq",
                    1,
                    "type",
                    "DTC_REPORT",
                    "occurredAt",
                    Instant.now().minusSeconds(60).toString(),
                    "ecuSerial",
                    ecu,
                    "detail",
                    """
                            {"dtcs":[{"code":"P0A80-1B","status":"0x2F","severity":"0x80"},
                                     {"code":"U0100-87","status":"0x08"}],
                             "vehicleState":{"Vehicle.Speed":42.0}}""");
            var answer = fleet.credentialFor(vin)
                    .post("/device/v1/vehicles/" + vin + "/events", Map.of("events", List.of(event)));
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        }

        /** The query as written in SOVD's documentation, its brackets percent-encoded as an HTTP client sends them. */
        JsonNode items(String query) {
            query = query.replace("[", "%5B").replace("]", "%5D");
            var answer = support.get("/api/v1/vehicles/" + vin + "/components/" + ecu + "/faults" + query);
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            return answer.json().get("items");
        }

        List<String> codes(JsonNode items) {
            return items.valueStream()
                    .map(i -> i.get("display_code").asString())
                    .toList();
        }

        @Test
        void itemsCarrySovdFieldsWithEveryStatusBitByName() {
            JsonNode items = items("");
            assertThat(codes(items)).containsExactly("P0A80-1B", "U0100-87");
            JsonNode first = items.get(0);
            assertThat(first.get("code").asString()).isEqualTo("0A801B");
            assertThat(first.get("scope").asString()).isEqualTo("FaultMem");
            assertThat(first.get("fault_name").asString()).isEqualTo("Powertrain fault P0A80-1B (SAE-defined)");
            assertThat(first.get("severity").asInt()).isEqualTo(1);
            assertThat(first.get("status").get("test_failed").asBoolean()).isTrue();
            assertThat(first.get("status").get("confirmed_dtc").asBoolean()).isTrue();
            assertThat(first.get("status").get("warning_indicator_requested").asBoolean())
                    .isFalse();
            assertThat(first.get("status").get("mask").asString()).isEqualTo("0x2F");
            assertThat(items.get(1).has("severity")).as("no severity reported").isFalse();
        }

        @Test
        void statusFiltersAreOrCombinedAndSeverityKeepsTheSevereOnes() {
            assertThat(codes(items("?status[pending_dtc]=true"))).containsExactly("P0A80-1B");
            assertThat(codes(items("?status[test_failed]=0"))).containsExactly("U0100-87");
            assertThat(codes(items("?status[pending_dtc]=1&status[test_failed]=false")))
                    .containsExactly("P0A80-1B", "U0100-87");
            assertThat(codes(items("?status[mask]=0x08"))).containsExactly("P0A80-1B", "U0100-87");
            assertThat(codes(items("?status[mask]=0x80"))).isEmpty();
            assertThat(codes(items("?severity=1"))).containsExactly("P0A80-1B");
        }

        @Test
        void oneFaultHasItsEnvironmentDataAndIsFoundByNativeOrDisplayCode() {
            for (String code : List.of("0A801B", "P0A80-1B", "P0A80")) {
                var answer = support.get("/api/v1/vehicles/" + vin + "/components/" + ecu + "/faults/" + code);
                assertThat(answer.status()).as(answer.body()).isEqualTo(200);
                assertThat(answer.json().get("item").get("display_code").asString())
                        .isEqualTo("P0A80-1B");
                JsonNode snapshot =
                        answer.json().get("environment_data").get("snapshots").get(0);
                assertThat(snapshot.get("firmware_version").asString()).isEqualTo("3.1.4");
                assertThat(snapshot.get("vehicle_state").get("Vehicle.Speed").asDouble())
                        .isEqualTo(42.0);
            }
            var without = support.get(
                    "/api/v1/vehicles/" + vin + "/components/" + ecu + "/faults/P0A80?include-snapshot-data=false");
            assertThat(without.json().get("environment_data").has("snapshots")).isFalse();
        }

        @Test
        void unknownFiltersComponentsAndCodesAreClearErrors() {
            String base = "/api/v1/vehicles/" + vin + "/components/";
            assertThat(support.get(base + ecu + "/faults?status%5Bconfirmed%5D=true")
                            .json()
                            .get("code")
                            .asString())
                    .isEqualTo("invalid-fault-filter");
            assertThat(support.get(base + ecu + "/faults?status%5Bconfirmed_dtc%5D=maybe")
                            .status())
                    .isEqualTo(400);
            assertThat(support.get(base + ecu + "/faults?severity=7").status()).isEqualTo(400);
            assertThat(support.get(base + ecu + "/faults?sevrity=1").status()).isEqualTo(400);
            assertThat(support.get(base + ecu + "/faults?status%5Bmask%5D=zz").status())
                    .isEqualTo(400);
            var component = support.get(base + "NO-SUCH-ECU/faults");
            assertThat(component.status()).isEqualTo(404);
            assertThat(component.json().get("code").asString()).isEqualTo("component-not-found");
            var fault = support.get(base + ecu + "/faults/B1234");
            assertThat(fault.status()).isEqualTo(404);
            assertThat(fault.json().get("code").asString()).isEqualTo("fault-not-found");
            assertThat(support.get("/api/v1/vehicles/WPW00000000000000/components/" + ecu + "/faults")
                            .status())
                    .isEqualTo(404);
        }
    }

    @Nested
    class OnH2 extends Contract {}
}

package io.pitwall.server.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class SignalRedactionTests {

    private final SignalRedaction location = new SignalRedaction(Set.of(DataClass.LOCATION));

    @Test
    void locationSignalsAreCutOutWhereverTheyStandAndTheRestStaysByteForByte() {
        assertThat(location.strip("{\"Vehicle.CurrentLocation.Latitude\":48.1,\"Vehicle.Speed\":3.0}"))
                .isEqualTo("{\"Vehicle.Speed\":3.0}");
        assertThat(location.strip("{\"a\": 1, \"Vehicle.CurrentLocation.Longitude\": -11.5e0, \"b\": \"x\"}"))
                .isEqualTo("{\"a\": 1, \"b\": \"x\"}");
        assertThat(location.strip("{\"ecu\":\"E\",\"vehicleState\":{\"Vehicle.CurrentLocation.Latitude\":1,"
                        + "\"Vehicle.CurrentLocation.Longitude\":2}}"))
                .isEqualTo("{\"ecu\":\"E\",\"vehicleState\":{}}");
        assertThat(location.strip("{\"Vehicle.CurrentLocation.Heading\":\"N\\\"E\"}"))
                .isEqualTo("{}");
        assertThat(location.strip("uds:59 02 FF")).isEqualTo("uds:59 02 FF");
        assertThat(location.strip(null)).isNull();
    }

    @Test
    void strippingTwiceChangesNothingAndOtherClassesStay() {
        String once = location.strip("{\"Vehicle.Speed\":50.0,\"Vehicle.CurrentLocation.Latitude\":48.1}");
        assertThat(location.strip(once)).isEqualTo(once).isEqualTo("{\"Vehicle.Speed\":50.0}");
        assertThat(location.has(once)).isFalse();
        var speed = new SignalRedaction(Set.of(DataClass.DRIVER_BEHAVIOUR));
        assertThat(speed.strip("{\"Vehicle.Speed\":50.0,\"Vehicle.SpeedLimit\":80}"))
                .isEqualTo("{\"Vehicle.SpeedLimit\":80}");
    }

    @Test
    void extractionNamesEachSignalWithItsValue() {
        assertThat(location.extract("{\"Vehicle.CurrentLocation.Latitude\": 48.1, \"Vehicle.Speed\": 3,"
                        + " \"Vehicle.CurrentLocation.Longitude\": null}"))
                .containsExactly(
                        java.util.Map.entry("Vehicle.CurrentLocation.Latitude", "48.1"),
                        java.util.Map.entry("Vehicle.CurrentLocation.Longitude", "null"));
        assertThat(SignalRedaction.likePattern(DataClass.LOCATION)).isEqualTo("%\"Vehicle.CurrentLocation.%");
    }
}

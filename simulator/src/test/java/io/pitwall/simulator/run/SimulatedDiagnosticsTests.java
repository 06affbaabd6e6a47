package io.pitwall.simulator.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.agent.CommandResult;
import io.pitwall.agent.VehicleState;
import io.pitwall.protocol.device.Command;
import io.pitwall.protocol.device.Connectivity;
import io.pitwall.protocol.device.VehicleSignals;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SimulatedDiagnosticsTests {

    private final SimulatedDiagnostics diagnostics = new SimulatedDiagnostics(
            () -> new VehicleState(VehicleSignals.parkedAndOff(80.0, 12.6), Connectivity.WIFI, true), Set.of("BMS-1"));

    private CommandResult run(String type, Map<String, String> parameters) {
        return diagnostics.execute(new Command("c-1", type, parameters, null));
    }

    @Test
    void readDataAnswersTheNamedSignalsFromTheVehicleState() {
        CommandResult result =
                run("READ_DATA", Map.of("signals", "Vehicle.Speed, Vehicle.LowVoltageBattery.CurrentVoltage"));
        assertThat(result.code()).isEqualTo("OK");
        assertThat(result.detail())
                .isEqualTo("{\"Vehicle.Speed\":0.0,\"Vehicle.LowVoltageBattery.CurrentVoltage\":12.6}");
    }

    @Test
    void anUnknownSignalOrEcuFailsInsteadOfBeingInvented() {
        assertThat(run("READ_DATA", Map.of("signals", "Vehicle.Cabin.Temperature")))
                .isEqualTo(CommandResult.failed("signals not available: Vehicle.Cabin.Temperature"));
        assertThat(run("READ_DTCS", Map.of("ecuSerial", "ADAS-9")).code()).isEqualTo("FAILED");
    }

    @Test
    void dtcCommandsAnswerForTheVehiclesEcusAndUnknownTypesAreUnsupported() {
        assertThat(run("READ_DTCS", Map.of("ecuSerial", "BMS-1")))
                .isEqualTo(CommandResult.ok("{\"dtcs\":[]} from ECU BMS-1"));
        assertThat(run("CLEAR_DTCS", Map.of()).detail()).isEqualTo("fault memory cleared on 1 ECUs");
        assertThat(run("REFLASH", Map.of()).code()).isEqualTo("UNSUPPORTED");
    }
}

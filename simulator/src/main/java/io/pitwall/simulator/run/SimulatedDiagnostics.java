package io.pitwall.simulator.run;

import io.pitwall.agent.CommandHandler;
import io.pitwall.agent.CommandResult;
import io.pitwall.agent.VehicleStateSource;
import io.pitwall.protocol.device.Command;
import io.pitwall.protocol.device.DeviceJson;
import io.pitwall.protocol.device.VehicleSignals;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A simulated vehicle's answers to remote diagnostic commands, as a real integration would give them:
 * READ_DATA reads the named VSS signals from the vehicle state (an unknown signal is named in the answer, not
 * invented), READ_DTCS and CLEAR_DTCS answer over the ECUs the vehicle has (its fault memories are empty
 * unless a scenario adds faults), UPLOAD_LOGS reports what it would upload. Anything else is unsupported.
 */
final class SimulatedDiagnostics implements CommandHandler {

    private final VehicleStateSource state;
    private final Set<String> ecus;

    SimulatedDiagnostics(VehicleStateSource state, Set<String> ecus) {
        this.state = state;
        this.ecus = Set.copyOf(ecus);
    }

    @Override
    public CommandResult execute(Command command) {
        String ecu = command.parameters().get("ecuSerial");
        if (ecu != null && !ecus.contains(ecu)) {
            return CommandResult.failed("no ECU " + ecu + " in this vehicle");
        }
        String scope = ecu == null ? ecus.size() + " ECUs" : "ECU " + ecu;
        switch (command.type()) {
            case "READ_DTCS":
                return CommandResult.ok("{\"dtcs\":[]} from " + scope);
            case "CLEAR_DTCS":
                return CommandResult.ok("fault memory cleared on " + scope);
            case "UPLOAD_LOGS":
                return CommandResult.ok("logs of " + scope + " uploaded");
            case "READ_DATA":
                return readData(command.parameters().getOrDefault("signals", ""));
            default:
                return CommandResult.unsupported();
        }
    }

    private CommandResult readData(String signals) {
        Map<String, Object> current = signals(state.current().signals());
        Map<String, Object> answer = new LinkedHashMap<>();
        List<String> unknown = new ArrayList<>();
        for (String name : signals.split(",")) {
            String signal = name.strip();
            if (signal.isEmpty()) {
                continue;
            }
            if (current.containsKey(signal)) {
                answer.put(signal, current.get(signal));
            } else {
                unknown.add(signal);
            }
        }
        if (!unknown.isEmpty()) {
            return CommandResult.failed("signals not available: " + String.join(", ", unknown));
        }
        return CommandResult.ok(new String(DeviceJson.write(answer), StandardCharsets.UTF_8));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> signals(VehicleSignals signals) {
        return signals == null ? Map.of() : DeviceJson.read(DeviceJson.write(signals), Map.class);
    }
}

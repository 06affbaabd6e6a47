package io.pitwall.endtoend;

import io.pitwall.agent.AgentLifecycle.State;
import io.pitwall.simulator.DemoRelease;
import io.pitwall.simulator.fault.CrashPlan.InstallKill;
import io.pitwall.simulator.fault.FaultProfile;
import io.pitwall.simulator.fault.InstallFault;
import io.pitwall.simulator.fleet.EcuSpec;
import io.pitwall.simulator.fleet.VehicleSpec;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What must come of one vehicle's assignment, worked out from the fleet, the release and the fault rules
 * alone (rates of 0 or 1 only, so there is exactly one right answer). The agent installs the targets in
 * serial order and stops at the first failure; a write failure is retried up to three attempts, three
 * unhealthy boots roll back. A kill during the vehicle's first install (if planned) costs an attempt when
 * it came before the ECU was written; after the ECU finished, the restarted agent confirms the result (the
 * ECU runs the target, or its installer remembers rolling it back) and never flashes it again.
 *
 * @param installs     expected installer calls per ECU serial (every ECU of the vehicle)
 * @param ecuStates    expected server state per targeted ECU serial (the ECUs after the one that ended the
 *                     assignment are CANCELLED)
 * @param versions     expected software version per ECU serial on the server afterwards
 */
record Expectation(
        String vin,
        String status,
        State agentOutcome,
        String failureCategory,
        Map<String, Integer> installs,
        Map<String, String> ecuStates,
        Map<String, String> versions) {

    private static final int MAX_ATTEMPTS = 3;

    static Expectation of(VehicleSpec vehicle, DemoRelease.Published release, FaultProfile faults, InstallKill kill) {
        Map<String, Integer> installs = new LinkedHashMap<>();
        Map<String, String> versions = new LinkedHashMap<>();
        vehicle.ecus().forEach(e -> {
            installs.put(e.serial(), 0);
            versions.put(e.serial(), e.firmware().version());
        });
        List<EcuSpec> targets = vehicle.ecus().stream()
                .filter(e -> e.hardware().remote()
                        && release.forHardware(e.hardwareId()).isPresent())
                .sorted(Comparator.comparing(EcuSpec::serial))
                .toList();
        Map<String, String> ecuStates = new LinkedHashMap<>();
        targets.forEach(e -> ecuStates.put(e.serial(), "DOWNLOADED"));
        String status = "SUCCEEDED";
        boolean first = true;
        for (EcuSpec ecu : targets) {
            String version = release.forHardware(ecu.hardwareId()).orElseThrow().version();
            InstallFault rule = faults.installFaults().stream()
                    .filter(f -> f.hardwareId().equals(ecu.hardwareId())
                            && (f.version() == null || f.version().equals(version)))
                    .findFirst()
                    .orElse(new InstallFault(ecu.hardwareId(), null, 0, 0));
            InstallKill here = first ? kill : InstallKill.NONE;
            first = false;
            if (rule.bootFailure() == 1) {
                installs.put(ecu.serial(), 1);
                ecuStates.put(ecu.serial(), "ROLLED_BACK");
                status = "ROLLED_BACK";
                break;
            }
            if (rule.writeFailure() == 1) {
                installs.put(ecu.serial(), here == InstallKill.BEFORE_WRITE ? MAX_ATTEMPTS - 1 : MAX_ATTEMPTS);
                ecuStates.put(ecu.serial(), "FAILED");
                status = "FAILED";
                break;
            }
            if (rule.bootFailure() != 0 || rule.writeFailure() != 0) {
                throw new IllegalArgumentException("exact expectations need failure rates of 0 or 1: " + rule);
            }
            installs.put(ecu.serial(), 1);
            ecuStates.put(ecu.serial(), "SUCCEEDED");
            versions.put(ecu.serial(), version);
        }
        if (!status.equals("SUCCEEDED")) {
            // The agent stopped at the failing ECU; the server closes the parts it never began installing.
            ecuStates.replaceAll((serial, state) -> state.equals("DOWNLOADED") ? "CANCELLED" : state);
        }
        State outcome = switch (status) {
            case "ROLLED_BACK" -> State.ROLLED_BACK;
            case "FAILED" -> State.FAILED;
            default -> State.COMPLETED;
        };
        String category = switch (status) {
            case "ROLLED_BACK" -> "BOOT_HEALTH_ROLLBACK";
            case "FAILED" -> "INSTALL";
            default -> null;
        };
        return new Expectation(vehicle.vin(), status, outcome, category, installs, ecuStates, versions);
    }
}

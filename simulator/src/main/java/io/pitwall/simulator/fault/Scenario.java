package io.pitwall.simulator.fault;

import io.pitwall.simulator.fleet.FleetMix;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * A scenario file (JSON): a fleet and its faults, optionally the fleet size and seed. Faults start from a
 * built-in {@code profile} (default {@code clean}) and override what the file names. Unknown fields are
 * refused, so a typo never silently means "no fault".
 *
 * <pre>{@code
 * {
 *   "name": "winter-eu", "vehicles": 2000, "seed": 7, "profile": "flaky-network",
 *   "fleet": { "models": {"Volta S": 3, "Kestrel": 1}, "regions": {"EU": 1}, "tags": ["winter"],
 *              "customModels": [{"name": "Pilot", "weight": 1, "hardware": ["TCU-HW-5", "BMS-HW-7"]}] },
 *   "faults": { "networkDropRate": 0.1, "latencyMillis": [20, 150], "duplicateBatchShare": 0.05,
 *               "reorderBatchShare": 0.05, "lowBatteryShare": 0.1, "ignitionOnShare": 0.2,
 *               "installFailures": [{"hardwareId": "ADAS-HW-9", "version": "7.3.0", "writeFailure": 0.05,
 *                                    "bootFailure": 0.2}],
 *               "crashDuringDownloadShare": 0.01, "crashDuringInstallShare": 0.02, "clockSkewSeconds": 120,
 *               "dtcs": { "backgroundPerDay": {"BMS": 0.05, "TELEMATICS": 0.2}, "burstShare": 0.1, "burstReports": 3,
 *                         "clearShare": 0.2, "badImages": [{"hardwareId": "BMS-HW-8", "version": "4.1.0",
 *                                                           "perDay": 2, "code": "P0A80-1B"}] } }
 * }
 * }</pre>
 */
public record Scenario(String name, OptionalInt vehicles, OptionalLong seed, FleetMix fleet, FaultProfile faults) {

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /** A scenario of a built-in profile with the standard fleet. */
    public static Scenario of(FaultProfile profile) {
        return new Scenario(profile.name(), OptionalInt.empty(), OptionalLong.empty(), FleetMix.standard(), profile);
    }

    public static Scenario load(Path file) {
        try {
            return parse(Files.readString(file), file.getFileName().toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read scenario " + file + ": " + e.getMessage(), e);
        }
    }

    /** Parses a scenario; a bad one is an IllegalArgumentException naming the problem. */
    public static Scenario parse(String json, String source) {
        ScenarioFile file;
        try {
            file = JSON.readValue(json, ScenarioFile.class);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("scenario " + source + ": " + e.getOriginalMessage());
        }
        if (file == null) {
            throw new IllegalArgumentException("scenario " + source + " is empty");
        }
        try {
            return file.toScenario(source);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("scenario " + source + ": " + e.getMessage());
        }
    }

    static FaultProfile profile(String name) {
        return FaultProfile.named(Optional.ofNullable(name).orElse("clean"))
                .orElseThrow(() -> new IllegalArgumentException(
                        "unknown profile '" + name + "'; profiles are " + FaultProfile.names()));
    }
}

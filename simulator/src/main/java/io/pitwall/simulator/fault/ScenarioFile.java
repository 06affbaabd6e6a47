package io.pitwall.simulator.fault;

import io.pitwall.simulator.fleet.EcuHardware;
import io.pitwall.simulator.fleet.FleetCatalog;
import io.pitwall.simulator.fleet.FleetMix;
import io.pitwall.simulator.fleet.Region;
import io.pitwall.simulator.fleet.VehicleModel;
import io.pitwall.simulator.fleet.Weighted;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** The JSON shape of a scenario file; absent fields keep the base profile's (or the standard fleet's) values. */
record ScenarioFile(
        String name,
        String description,
        Integer vehicles,
        Long seed,
        String profile,
        FleetSection fleet,
        FaultSection faults) {

    record FleetSection(
            Map<String, Integer> models,
            List<CustomModel> customModels,
            Map<String, Integer> regions,
            List<String> tags) {}

    record CustomModel(String name, Integer weight, List<String> hardware, List<String> customerTypes) {}

    record FaultSection(
            Double networkDropRate,
            List<Integer> latencyMillis,
            Double duplicateBatchShare,
            Double reorderBatchShare,
            Double lowBatteryShare,
            Double ignitionOnShare,
            List<InstallFaultLine> installFailures,
            Double crashDuringDownloadShare,
            Double crashDuringInstallShare,
            Integer clockSkewSeconds,
            DtcSection dtcs) {}

    record DtcSection(
            Map<String, Double> backgroundPerDay,
            Double burstShare,
            Integer burstReports,
            Double clearShare,
            List<BadImageLine> badImages) {

        DtcStreams apply(DtcStreams base) {
            List<DtcStreams.BadImage> bad = badImages == null
                    ? base.badImages()
                    : badImages.stream()
                            .map(l -> new DtcStreams.BadImage(l.hardwareId(), l.version(), or(l.perDay(), 0), l.code()))
                            .toList();
            return new DtcStreams(
                    backgroundPerDay == null ? base.backgroundPerDay() : backgroundPerDay,
                    or(burstShare, base.burstShare()),
                    burstReports == null ? base.burstReports() : burstReports,
                    or(clearShare, base.clearShare()),
                    bad);
        }
    }

    record BadImageLine(String hardwareId, String version, Double perDay, String code) {}

    record InstallFaultLine(String hardwareId, String version, Double writeFailure, Double bootFailure) {}

    Scenario toScenario(String source) {
        if (vehicles != null && vehicles < 1) {
            throw new IllegalArgumentException("vehicles must be at least 1");
        }
        FaultProfile base = Scenario.profile(profile);
        FaultProfile faultProfile = faults == null ? base : apply(base, faults);
        String scenarioName = name != null ? name : source;
        return new Scenario(
                scenarioName,
                vehicles == null ? OptionalInt.empty() : OptionalInt.of(vehicles),
                seed == null ? OptionalLong.empty() : OptionalLong.of(seed),
                fleetMix(),
                faultProfile.withName(scenarioName));
    }

    private FleetMix fleetMix() {
        FleetMix standard = FleetMix.standard();
        if (fleet == null) {
            return standard;
        }
        List<Weighted<VehicleModel>> models = new ArrayList<>();
        if (fleet.models() != null) {
            fleet.models()
                    .forEach((model, weight) -> models.add(new Weighted<>(
                            FleetCatalog.model(model)
                                    .orElseThrow(() -> new IllegalArgumentException(
                                            "unknown model '" + model + "'; built-in models are "
                                                    + FleetCatalog.MODELS.stream()
                                                            .map(VehicleModel::name)
                                                            .toList())),
                            positive(weight, model))));
        }
        if (fleet.customModels() != null) {
            for (CustomModel custom : fleet.customModels()) {
                models.add(new Weighted<>(
                        custom(custom), positive(custom.weight() == null ? 1 : custom.weight(), custom.name())));
            }
        }
        List<Weighted<Region>> regions = new ArrayList<>();
        if (fleet.regions() != null) {
            fleet.regions()
                    .forEach((region, weight) -> regions.add(new Weighted<>(
                            FleetCatalog.region(region)
                                    .orElseThrow(() ->
                                            new IllegalArgumentException("unknown region '" + region + "'; regions are "
                                                    + FleetCatalog.REGIONS.stream()
                                                            .map(Region::name)
                                                            .toList())),
                            positive(weight, region))));
        }
        return new FleetMix(
                models.isEmpty() ? standard.models() : models,
                regions.isEmpty() ? standard.regions() : regions,
                fleet.tags() == null ? standard.tags() : fleet.tags());
    }

    private static VehicleModel custom(CustomModel custom) {
        if (custom.name() == null
                || custom.name().isBlank()
                || custom.hardware() == null
                || custom.hardware().isEmpty()) {
            throw new IllegalArgumentException("a custom model needs a name and a list of hardware ids");
        }
        List<EcuHardware> hardware = new ArrayList<>();
        var seen = new HashSet<String>();
        for (String id : custom.hardware()) {
            if (!seen.add(id)) {
                throw new IllegalArgumentException("model " + custom.name() + " lists " + id + " twice");
            }
            hardware.add(FleetCatalog.hardware(id)
                    .orElseThrow(
                            () -> new IllegalArgumentException("unknown hardware id '" + id + "'; hardware ids are "
                                    + FleetCatalog.HARDWARE.stream()
                                            .map(EcuHardware::hardwareId)
                                            .toList())));
        }
        List<String> customers =
                custom.customerTypes() == null || custom.customerTypes().isEmpty()
                        ? List.of("PRIVATE")
                        : custom.customerTypes();
        return new VehicleModel(custom.name(), hardware, customers);
    }

    private static int positive(Integer weight, String what) {
        if (weight == null || weight < 1) {
            throw new IllegalArgumentException("the weight of " + what + " must be a positive whole number");
        }
        return weight;
    }

    private static FaultProfile apply(FaultProfile p, FaultSection f) {
        if (f.networkDropRate() != null) {
            p = p.withNetworkDropRate(f.networkDropRate());
        }
        if (f.latencyMillis() != null) {
            if (f.latencyMillis().size() != 2) {
                throw new IllegalArgumentException("latencyMillis is [min, max]");
            }
            p = p.withLatency(
                    Duration.ofMillis(f.latencyMillis().get(0)),
                    Duration.ofMillis(f.latencyMillis().get(1)));
        }
        p = p.withBatchChaos(
                or(f.duplicateBatchShare(), p.duplicateBatchShare()), or(f.reorderBatchShare(), p.reorderBatchShare()));
        p = p.withVehicleConditions(
                or(f.lowBatteryShare(), p.lowBatteryShare()), or(f.ignitionOnShare(), p.ignitionOnShare()));
        p = p.withCrashes(
                or(f.crashDuringDownloadShare(), p.crashDuringDownloadShare()),
                or(f.crashDuringInstallShare(), p.crashDuringInstallShare()));
        if (f.installFailures() != null) {
            p = p.withInstallFaults(f.installFailures().stream()
                    .map(l -> new InstallFault(
                            l.hardwareId(), l.version(), or(l.writeFailure(), 0), or(l.bootFailure(), 0)))
                    .toList());
        }
        if (f.clockSkewSeconds() != null) {
            if (f.clockSkewSeconds() < 0) {
                throw new IllegalArgumentException("clockSkewSeconds must not be negative");
            }
            p = p.withMaxClockSkew(Duration.ofSeconds(f.clockSkewSeconds()));
        }
        if (f.dtcs() != null) {
            p = p.withDtcs(f.dtcs().apply(p.dtcs()));
        }
        return p;
    }

    private static double or(Double value, double fallback) {
        return value == null ? fallback : value;
    }
}

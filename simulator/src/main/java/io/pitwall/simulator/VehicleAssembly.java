package io.pitwall.simulator;

import io.pitwall.agent.Transport;
import io.pitwall.agent.http.HttpTransport;
import io.pitwall.agent.sim.FaultModel;
import io.pitwall.agent.sim.SimulatedEcuInstaller;
import io.pitwall.simulator.fault.CrashPlan;
import io.pitwall.simulator.fault.DtcStream;
import io.pitwall.simulator.fault.FaultProfile;
import io.pitwall.simulator.fault.FaultyEcu;
import io.pitwall.simulator.fault.FaultyTransport;
import io.pitwall.simulator.fault.InstallFault;
import io.pitwall.simulator.fleet.EcuSpec;
import io.pitwall.simulator.fleet.VehicleSpec;
import io.pitwall.simulator.run.FleetContext;
import io.pitwall.simulator.run.SimulatedVehicle;
import io.pitwall.simulator.run.VehicleConditions;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Puts each vehicle together, drawing its faults from its own generator split off the seed's fault
 * stream in fleet order. Every vehicle makes the same draws in the same order whatever the profile says,
 * so a vehicle's faults depend only on the seed, its position and the profile's numbers.
 */
final class VehicleAssembly {

    private final Simulation.Builder spec;
    private final FleetContext context;
    private final HttpClient http;
    private final FaultModel faultModel;
    private final Map<InstallFault, Set<String>> picked;

    VehicleAssembly(Simulation.Builder spec, FleetContext context, HttpClient http) {
        this.spec = spec;
        this.context = context;
        this.http = http;
        this.faultModel = spec.faults.faultModel();
        this.picked = picks(spec);
    }

    /**
     * The ECU serials each exact-share install fault hits: {@code round(share × n)} of the fleet's n ECUs of its
     * hardware id, in fleet order shuffled by the seed's own stream.
     */
    private static Map<InstallFault, Set<String>> picks(Simulation.Builder spec) {
        Map<InstallFault, Set<String>> picks = new HashMap<>();
        if (!spec.faults.hasExactShares()) {
            return picks;
        }
        SplittableRandom random = spec.seeds.picks();
        for (InstallFault fault : spec.faults.installFaults()) {
            if (fault.exactShare() == null) {
                continue;
            }
            List<String> serials = new ArrayList<>();
            for (VehicleSpec vehicle : spec.fleet.vehicles()) {
                for (EcuSpec ecu : vehicle.ecus()) {
                    if (ecu.hardwareId().equals(fault.hardwareId())) {
                        serials.add(ecu.serial());
                    }
                }
            }
            Collections.shuffle(serials, new Random(random.nextLong()));
            int count = (int) Math.round(fault.exactShare() * serials.size());
            picks.put(fault, Set.copyOf(serials.subList(0, count)));
        }
        return picks;
    }

    Simulation assemble() {
        SplittableRandom faults = spec.seeds.faults();
        List<SimulatedVehicle> vehicles = new ArrayList<>(spec.fleet.size());
        List<Duration> delays = new ArrayList<>(spec.fleet.size());
        Path tempDir = null;
        for (VehicleSpec vehicle : spec.fleet.vehicles()) {
            SplittableRandom random = faults.split();
            VehicleConditions conditions = VehicleConditions.draw(
                    context.world(),
                    spec.faults.lowBatteryShare(),
                    spec.faults.ignitionOnShare(),
                    spec.pacing.conditionsSettleWithin(),
                    random);
            CrashPlan plan = crashPlan(spec.faults, random);
            long skew = (long)
                    ((random.nextDouble() * 2 - 1) * spec.faults.maxClockSkew().toMillis());
            delays.add(Duration.ofMillis(
                    (long) (random.nextDouble() * spec.pacing.startSpread().toMillis())));
            Path dir = null;
            if (plan.killsAgent()) {
                if (spec.stateDir == null && tempDir == null) {
                    tempDir = spec.createTempDir();
                }
                dir = (spec.stateDir != null ? spec.stateDir : tempDir).resolve(vehicle.vin());
            }
            vehicles.add(vehicle(vehicle, conditions, plan, skew, dir, random));
        }
        return new Simulation(vehicles, delays, context, spec.maxConcurrentTicks, tempDir);
    }

    private SimulatedVehicle vehicle(
            VehicleSpec vehicle,
            VehicleConditions conditions,
            CrashPlan plan,
            long skew,
            Path dir,
            SplittableRandom random) {
        String token = spec.credentials.get(vehicle.vin());
        if (token == null) {
            throw new IllegalArgumentException("no credential for " + vehicle.vin());
        }
        Transport http = HttpTransport.builder(spec.server, vehicle.vin(), token)
                .httpClient(this.http)
                .requestTimeout(spec.pacing.requestTimeout())
                .readTimeout(spec.pacing.requestTimeout())
                .build();
        Transport network = new FaultyTransport(
                http, spec.faults, random.split(), plan, context.counters(), spec.pacing.downloadChunkBytes());
        SplittableRandom agentRandom = random.split();
        List<FaultyEcu> ecus = new ArrayList<>(vehicle.ecus().size());
        List<DtcStream.Ecu> reporting = new ArrayList<>(vehicle.ecus().size());
        for (EcuSpec ecu : vehicle.ecus()) {
            FaultModel model = picked.isEmpty()
                    ? faultModel
                    : spec.faults.faultModel(
                            f -> picked.getOrDefault(f, Set.of()).contains(ecu.serial()));
            var installer = SimulatedEcuInstaller.builder(ecu.firmware().image(), random.split())
                    .faults(model)
                    .build();
            FaultyEcu faulty = new FaultyEcu(ecu.serial(), ecu.hardwareId(), installer, plan, context.counters());
            ecus.add(faulty);
            reporting.add(new DtcStream.Ecu(
                    ecu.serial(),
                    ecu.hardware().type(),
                    ecu.hardwareId(),
                    () -> faulty.installed().version()));
        }
        // Drawn last, so DTC streams leave every earlier draw (and so existing seeds' runs) as they were.
        var dtcs = new DtcStream(
                spec.faults.dtcs(),
                random.nextLong(),
                reporting,
                context.world().millis());
        Clock clock = skew == 0 ? context.world() : Clock.offset(context.world(), Duration.ofMillis(skew));
        return new SimulatedVehicle(
                vehicle.vin(), network, http, ecus, conditions, plan, clock, agentRandom, dir, context, dtcs);
    }

    private static CrashPlan crashPlan(FaultProfile faults, SplittableRandom random) {
        boolean duringDownload = random.nextDouble() < faults.crashDuringDownloadShare();
        double fraction = 0.2 + 0.6 * random.nextDouble();
        boolean duringInstall = random.nextDouble() < faults.crashDuringInstallShare();
        boolean beforeWrite = random.nextBoolean();
        if (!duringDownload && !duringInstall) {
            return CrashPlan.NONE;
        }
        CrashPlan.InstallKill kill = !duringInstall
                ? CrashPlan.InstallKill.NONE
                : beforeWrite ? CrashPlan.InstallKill.BEFORE_WRITE : CrashPlan.InstallKill.AFTER_INSTALL;
        return new CrashPlan(duringDownload ? fraction : -1, kill);
    }
}

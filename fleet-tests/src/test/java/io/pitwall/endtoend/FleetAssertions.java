package io.pitwall.endtoend;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.client.CampaignProgress;
import io.pitwall.simulator.DemoRelease;
import io.pitwall.simulator.fault.CrashPlan;
import io.pitwall.simulator.fleet.VehicleSpec;
import io.pitwall.simulator.run.SimulatedVehicle;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Exact end-of-campaign checks, comparing three independent records: the expectation worked out from
 * the fleet and fault rules, what the simulated vehicles and ECUs did, and what the server stored.
 */
final class FleetAssertions {

    private final FleetRuns.FleetRun run;
    private final JdbcClient jdbc;
    private final Map<String, Expectation> expected = new LinkedHashMap<>();
    private final String vins;

    private FleetAssertions(FleetRuns.FleetRun run, DemoRelease.Published release, JdbcClient jdbc) {
        this.run = run;
        this.jdbc = jdbc;
        for (VehicleSpec vehicle : run.fleet().vehicles()) {
            CrashPlan plan = run.vehicle(vehicle.vin()).crashPlan();
            expected.put(vehicle.vin(), Expectation.of(vehicle, release, run.faults(), plan.installKill()));
        }
        this.vins = run.fleet().vins().get(0).substring(0, 8) + "%";
    }

    /** Every count exact: assignments by state and category, ECU installs and versions, events, no duplicates. */
    static void assertExact(
            FleetRuns.FleetRun run, DemoRelease.Published release, CampaignProgress progress, JdbcClient jdbc) {
        var checks = new FleetAssertions(run, release, jdbc);
        checks.campaignCounts(progress);
        checks.assignmentsPerVehicle();
        checks.ecusPerVehicle();
        checks.eventsPerVehicle();
        checks.plannedKillsHappened();
    }

    private void campaignCounts(CampaignProgress progress) {
        Map<String, Long> byStatus = new TreeMap<>();
        Map<String, Long> byCategory = new TreeMap<>();
        expected.values().forEach(e -> {
            byStatus.merge(e.status(), 1L, Long::sum);
            if (e.failureCategory() != null) {
                byCategory.merge(e.failureCategory(), 1L, Long::sum);
            }
        });
        assertThat(progress.status()).isEqualTo("COMPLETED");
        assertThat(progress.assignments()).isEqualTo(FleetRuns.VEHICLES);
        assertThat(new TreeMap<>(progress.byStatus())).isEqualTo(byStatus);
        assertThat(new TreeMap<>(progress.byFailureCategory())).isEqualTo(byCategory);
        assertThat(byStatus)
                .as("the scenario exercises success, rollback and failure")
                .containsKeys("SUCCEEDED", "ROLLED_BACK", "FAILED");
    }

    private void assignmentsPerVehicle() {
        Map<String, String> stored = new HashMap<>();
        jdbc.sql("SELECT vin, status FROM assignment WHERE campaign_id = :c")
                .param("c", run.campaignId())
                .query(rs -> {
                    stored.put(rs.getString(1).trim(), rs.getString(2));
                });
        Map<String, String> want = new HashMap<>();
        expected.forEach((vin, e) -> want.put(vin, e.status()));
        assertThat(stored).isEqualTo(want);
        expected.forEach((vin, e) -> assertThat(run.vehicle(vin).outcome())
                .as("agent outcome of " + vin)
                .contains(e.agentOutcome()));
    }

    private void ecusPerVehicle() {
        Map<String, String> states = new HashMap<>();
        jdbc.sql("""
                SELECT ae.ecu_serial, ae.status FROM assignment_ecu ae JOIN assignment a ON a.id = ae.assignment_id
                WHERE a.campaign_id = :c""").param("c", run.campaignId()).query(rs -> {
            states.put(rs.getString(1), rs.getString(2));
        });
        Map<String, String> versions = new HashMap<>();
        jdbc.sql("SELECT serial, software_version FROM ecu WHERE vin LIKE :v")
                .param("v", vins)
                .query(rs -> {
                    versions.put(rs.getString(1), rs.getString(2));
                });
        Map<String, String> wantStates = new HashMap<>();
        Map<String, String> wantVersions = new HashMap<>();
        Map<String, Integer> wantInstalls = new HashMap<>();
        Map<String, Integer> installs = new HashMap<>();
        expected.forEach((vin, e) -> {
            wantStates.putAll(e.ecuStates());
            wantVersions.putAll(e.versions());
            wantInstalls.putAll(e.installs());
            installs.putAll(run.vehicle(vin).installsByEcu());
            assertThat(run.vehicle(vin).installedVersions())
                    .as("versions running on " + vin)
                    .isEqualTo(e.versions());
        });
        assertThat(states).as("assignment ECU states on the server").isEqualTo(wantStates);
        assertThat(versions).as("ECU software versions on the server").isEqualTo(wantVersions);
        assertThat(installs).as("installer calls per ECU").isEqualTo(wantInstalls);
    }

    private void eventsPerVehicle() {
        Map<String, List<Long>> stored = new HashMap<>();
        jdbc.sql("SELECT vin, COUNT(*), MIN(seq), MAX(seq) FROM vehicle_event WHERE vin LIKE :v GROUP BY vin")
                .param("v", vins)
                .query(rs -> {
                    stored.put(rs.getString(1).trim(), List.of(rs.getLong(2), rs.getLong(3), rs.getLong(4)));
                });
        Map<String, List<Long>> produced = new HashMap<>();
        for (String vin : expected.keySet()) {
            SimulatedVehicle vehicle = run.vehicle(vin);
            assertThat(vehicle.pendingEvents())
                    .as("events still pending on " + vin)
                    .isZero();
            produced.put(vin, List.of(vehicle.eventsProduced(), 1L, vehicle.eventsProduced()));
        }
        assertThat(stored)
                .as("events stored per vehicle: count, lowest and highest seq")
                .isEqualTo(produced);
        Map<String, Long> finals = new HashMap<>();
        jdbc.sql("""
                SELECT ecu_serial, type, COUNT(*) FROM vehicle_event WHERE vin LIKE :v
                AND type IN ('INSTALL_COMPLETED', 'INSTALL_FAILED', 'ROLLED_BACK') GROUP BY ecu_serial, type""").param("v", vins).query(rs -> {
            finals.put(rs.getString(1) + " " + rs.getString(2), rs.getLong(3));
        });
        Map<String, Long> wantFinals = new HashMap<>();
        expected.values()
                .forEach(e -> e.ecuStates().forEach((serial, state) -> {
                    switch (state) {
                        case "SUCCEEDED" -> wantFinals.put(serial + " INSTALL_COMPLETED", 1L);
                        case "FAILED" -> wantFinals.put(serial + " INSTALL_FAILED", 1L);
                        case "ROLLED_BACK" -> wantFinals.put(serial + " ROLLED_BACK", 1L);
                        default -> {}
                    }
                }));
        assertThat(finals)
                .as("final install events per ECU, each reported exactly once")
                .isEqualTo(wantFinals);
    }

    private void plannedKillsHappened() {
        for (SimulatedVehicle vehicle : run.simulation().vehicles()) {
            CrashPlan plan = vehicle.crashPlan();
            if (plan.installKill() != CrashPlan.InstallKill.NONE) {
                assertThat(plan.killedDuringInstall())
                        .as("install kill of " + vehicle.vin())
                        .isTrue();
            }
            assertThat(vehicle.restarts())
                    .as("restarts of " + vehicle.vin())
                    .isEqualTo((plan.killedDuringInstall() ? 1 : 0) + (plan.killedDuringDownload() ? 1 : 0));
        }
    }
}

/**
 * Campaigns: a release sent to the vehicles a target filter selects. One module in feature packages that share
 * its locks and transactions: {@code governance} (lifecycle, readiness, approvals, dry run, decision log,
 * emergency stop), {@code delivery} (assignments and their lifecycle, schedule, attempts, delivery at check-in),
 * {@code rollout} (waves, gates, the reconciler) and {@code rollback}. The root holds what other modules use:
 * delivery at check-in, the exception queue, the campaign's values and events; what other modules implement (gate
 * checks, cohorts, vehicle updates, case counts) is the {@code spi} named interface.
 */
@org.springframework.modulith.ApplicationModule(
        allowedDependencies = {"access", "inventory", "privacy", "shared", "telemetry", "trust", "trust :: spi"})
package io.pitwall.server.campaign;

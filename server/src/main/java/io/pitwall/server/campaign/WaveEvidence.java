package io.pitwall.server.campaign;

import io.pitwall.server.campaign.rollout.FailingVehicle;
import java.util.Map;

/**
 * What a wave's vehicles have shown so far, the input of its {@link WaveGate}: how many were assigned,
 * how many reached an end (executed) and how those ended. Which vehicles failed is looked up only for a
 * failed gate's record ({@link FailingVehicle}).
 *
 * @param assigned        vehicles in the wave
 * @param executed        vehicles whose assignment ended (succeeded, failed, rolled back or timed out)
 * @param succeeded       vehicles updated successfully
 * @param timedOut        vehicles whose update ran past its in-progress timeout
 * @param failures        failed vehicles by category (timeouts excluded)
 * @param healthReported  succeeded vehicles whose post-update health report arrived
 */
public record WaveEvidence(
        long assigned,
        long executed,
        long succeeded,
        long timedOut,
        Map<FailureCategory, Long> failures,
        long healthReported) {

    public WaveEvidence {
        failures = Map.copyOf(failures);
        if (assigned < 0
                || executed < 0
                || succeeded < 0
                || timedOut < 0
                || healthReported < 0
                || executed > assigned
                || succeeded + timedOut + failed(failures) > executed
                || healthReported > succeeded) {
            throw new IllegalArgumentException("Inconsistent wave counts");
        }
    }

    public long failed() {
        return failed(failures);
    }

    /** Failed, rolled back or timed out, as a share of the executed vehicles (0 when none executed). */
    public double failureRate() {
        return share(failed() + timedOut, executed);
    }

    public double successRate() {
        return share(succeeded, executed);
    }

    public double failureRate(FailureCategory category) {
        return share(failures.getOrDefault(category, 0L), executed);
    }

    /** The share of updated vehicles whose post-update health report arrived (1 when none succeeded). */
    public double telemetryCompleteness() {
        return succeeded == 0 ? 1.0 : share(healthReported, succeeded);
    }

    private static long failed(Map<FailureCategory, Long> failures) {
        return failures.values().stream().mapToLong(Long::longValue).sum();
    }

    private static double share(long part, long whole) {
        return whole == 0 ? 0.0 : (double) part / whole;
    }
}

package io.pitwall.agent.sim;

import io.pitwall.protocol.device.EcuTarget;

/**
 * How likely a simulated install goes wrong, per target (so per hardware id and version): the chance
 * that writing the slot fails (retryable), and the chance that each boot of the new image fails its
 * health check.
 */
@FunctionalInterface
public interface FaultModel {

    Faults faultsFor(EcuTarget target);

    /** Probabilities in [0, 1]. */
    record Faults(double writeFailure, double bootFailure) {
        public Faults {
            if (writeFailure < 0 || writeFailure > 1 || bootFailure < 0 || bootFailure > 1) {
                throw new IllegalArgumentException("probabilities are in [0, 1]");
            }
        }
    }

    static FaultModel none() {
        return target -> new Faults(0, 0);
    }

    static FaultModel always(Faults faults) {
        return target -> faults;
    }
}

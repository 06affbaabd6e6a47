package io.pitwall.simulator.fault;

/** Checks of probabilities and shares. */
final class Shares {

    private Shares() {}

    static double check(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " is a share between 0 and 1, got " + value);
        }
        return value;
    }
}

package io.pitwall.simulator;

import io.pitwall.simulator.fleet.Fleet;
import io.pitwall.simulator.fleet.FleetGenerator;
import io.pitwall.simulator.fleet.FleetMix;
import java.util.SplittableRandom;

/**
 * The one random hierarchy of a simulation: from the seed, independent streams for the VIN tag, the fleet
 * and the faults (split off in that fixed order), so changing the fault profile never changes the fleet
 * and the same seed always gives the same fleet and the same faults. Every call starts the stream afresh.
 */
public final class Seeds {

    private final long seed;

    public Seeds(long seed) {
        this.seed = seed;
    }

    public long seed() {
        return seed;
    }

    /** Five VIN characters that tell this seed's fleet apart from other seeds' on the same server. */
    public String vinTag() {
        return FleetGenerator.vinTag(stream(0));
    }

    public Fleet fleet(int count, FleetMix mix) {
        return FleetGenerator.generate(stream(1), vinTag(), count, mix);
    }

    /** The stream every vehicle's faults are split off, in fleet order. */
    public SplittableRandom faults() {
        return stream(2);
    }

    /** The stream that picks the ECUs of exact-share install faults (apart, so it moves no other draw). */
    public SplittableRandom picks() {
        return stream(3);
    }

    private SplittableRandom stream(int index) {
        SplittableRandom root = new SplittableRandom(seed);
        SplittableRandom stream = root.split();
        for (int i = 0; i < index; i++) {
            stream = root.split();
        }
        return stream;
    }
}

package io.pitwall.server.device.internal;

import java.util.random.RandomGenerator;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/** The server-directed check-in interval: shorter while work is pending, jittered so a fleet spreads out. */
@Component
public class PollPacing {

    private final DeviceSettings settings;
    private final RandomGenerator random;

    @Autowired
    PollPacing(DeviceSettings settings) {
        this(settings, RandomGenerator.of("L64X128MixRandom"));
    }

    PollPacing(DeviceSettings settings, RandomGenerator random) {
        this.settings = settings;
        this.random = random;
    }

    public int pollAfterSeconds(boolean active) {
        int base = active ? settings.pollActiveSeconds() : settings.pollIdleSeconds();
        double factor = 1 + (random.nextDouble() * 2 - 1) * settings.pollJitter();
        return Math.max(1, (int) Math.round(base * factor));
    }
}

package io.pitwall.simulator.fleet;

import java.util.List;

/** A sales region and its markets (ISO country codes). */
public record Region(String name, List<String> markets) {

    public Region {
        markets = List.copyOf(markets);
    }
}

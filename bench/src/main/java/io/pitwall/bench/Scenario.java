package io.pitwall.bench;

/** A bounded load scenario against the real server code and a local PostgreSQL. */
public interface Scenario {

    String name();

    /** What the scenario must reach, in words, for the results table. */
    String target();

    Result run(BenchDatabase database) throws Exception;
}

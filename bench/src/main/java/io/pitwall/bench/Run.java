package io.pitwall.bench;

/** One recorded result with when, how and where it was measured. */
public record Run(String date, String command, Machine machine, Result result) {
}

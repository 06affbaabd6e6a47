package io.pitwall.bench;

/**
 * One recorded result with when, how and where it was measured, and the machine's 1-minute load average
 * before and after (the benchmark machine may be shared; a high load explains a slow figure).
 */
public record Run(String date, String command, Machine machine, String load, Result result) {}

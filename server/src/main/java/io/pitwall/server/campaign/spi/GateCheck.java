package io.pitwall.server.campaign.spi;

/**
 * One check of a wave gate with the numbers it judged, so a decision can be explained afterwards.
 *
 * @param name   stable name, e.g. {@code min-success-rate}
 * @param passed whether the wave met it
 * @param actual the measured value
 * @param limit  the configured limit
 * @param detail one sentence for the decision log
 */
public record GateCheck(String name, boolean passed, double actual, double limit, String detail) {}

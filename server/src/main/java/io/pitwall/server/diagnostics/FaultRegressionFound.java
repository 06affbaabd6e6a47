package io.pitwall.server.diagnostics;

/**
 * A wave's gate failed on a significant post-update fault regression; published in the reconciler's
 * transaction so the campaign-related case (the cases module listens) commits with the pause.
 */
public record FaultRegressionFound(FaultRegression evidence) {}

package io.pitwall.server.campaign;

/**
 * Where a wave stands: {@code PLANNED} until the reconciler assigns its vehicles ({@code ACTIVE}); then
 * its gate decides: {@code PASSED}, {@code FAILED} (the campaign pauses with the evidence), or
 * {@code AWAITING_APPROVAL} when the gate passed but expanding needs an approver first.
 */
public enum WaveStatus {
    PLANNED,
    ACTIVE,
    AWAITING_APPROVAL,
    PASSED,
    FAILED
}

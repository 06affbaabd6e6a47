package io.pitwall.agent;

/** How an install ended; codes are reported verbatim in the event's {@code code}. */
public sealed interface InstallOutcome
        permits InstallOutcome.Installed, InstallOutcome.Failed, InstallOutcome.RolledBack {

    /** The ECU runs the new image and passed its post-boot health check ({@code health} says how). */
    record Installed(String health) implements InstallOutcome {}

    /**
     * The ECU still runs its previous image (nothing was switched). {@code retryable}: the same image may
     * succeed on another attempt (e.g. a flash write error), as opposed to a bad image or a refusal.
     */
    record Failed(String code, String detail, boolean retryable) implements InstallOutcome {}

    /** The new image was switched to, failed its health check, and the ECU went back to the previous one. */
    record RolledBack(String code, String detail) implements InstallOutcome {}
}

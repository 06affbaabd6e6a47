package io.pitwall.server.catalog;

/**
 * Where an image stands; the constant names are the stored and wire codes.
 * {@code AWAITING_CONTENT} (metadata registered) → {@code VALIDATED} | {@code REJECTED} (content uploaded,
 * gate run); re-running the gate (revalidation, rollback authorization) may move between the last two.
 */
public enum ImageStatus {
    AWAITING_CONTENT,
    VALIDATED,
    REJECTED;

    /** The status a validation verdict gives an image that has content. */
    public static ImageStatus after(ValidationReport report) {
        return report.passed() ? VALIDATED : REJECTED;
    }
}

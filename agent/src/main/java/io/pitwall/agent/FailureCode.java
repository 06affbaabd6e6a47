package io.pitwall.agent;

/**
 * Why the agent refused or failed an image, reported as {@code code} of DOWNLOAD_FAILED / INSTALL_FAILED
 * (installers may report their own codes too). Stable text codes: the server aggregates on them.
 */
public enum FailureCode {
    /** The targets entry is unsigned or no trusted key signed it validly. */
    SIGNATURE_INVALID,
    /** The signed document is malformed, of another type, or signed for another target path. */
    METADATA_INVALID,
    /** Assignment, signed entry and server disagree on the length, or the server sent more bytes. */
    LENGTH_MISMATCH,
    /** The downloaded bytes, or the signed entry, do not match the assignment's hashes. */
    HASH_MISMATCH,
    /** The image is not signed for this ECU's hardware id, or the assignment names another one. */
    HARDWARE_MISMATCH,
    /** The signed entry carries another release counter than the assignment. */
    RELEASE_COUNTER_MISMATCH,
    /** The image is older (lower release counter) than what the ECU runs: no downgrades. */
    RELEASE_COUNTER_LOWER,
    /** The assignment names an ECU this vehicle does not have. */
    UNKNOWN_ECU,
    /** The server does not have the artifact (404/410). */
    ARTIFACT_NOT_FOUND,
    /** An in-place install was assigned to an ECU that only takes A/B installs. */
    IN_PLACE_NOT_ALLOWED,
    /**
     * Uptane on: the verified director targets still do not name the assigned image for the ECU after
     * {@code AssignmentRunner.MAX_DIRECTOR_WAITS} checks. (Refusals of the metadata itself are reported with the
     * name of {@code UptaneRejected.Reason}, e.g. BAD_SIGNATURE, HASH_MISMATCH, WRONG_VEHICLE.)
     */
    DIRECTOR_MISMATCH,
    /** The installer threw instead of answering. */
    INSTALLER_ERROR,
    /** The agent restarted in the middle of an install too often. */
    INSTALL_INTERRUPTED
}

package io.pitwall.server.campaign;

import java.util.Set;

/** Why an assignment failed, counted per campaign. Derived from the failure code the vehicle reports. */
public enum FailureCategory {
    DOWNLOAD,
    VERIFICATION,
    PRECONDITION_TIMEOUT,
    INSTALL,
    BOOT_HEALTH_ROLLBACK,
    DEPENDENCY,
    INCOMPATIBLE;

    // The agent's codes (io.pitwall.agent.FailureCode) and the installers' own codes.
    // An Uptane primary reports refused metadata by UptaneRejected.Reason's name (network reasons are retried
    // on the vehicle, never reported), and DIRECTOR_MISMATCH when the director never lists the assignment.
    private static final Set<String> VERIFICATION_CODES = Set.of(
            "SIGNATURE_INVALID",
            "HASH_MISMATCH",
            "LENGTH_MISMATCH",
            "METADATA_INVALID",
            "RELEASE_COUNTER_LOWER",
            "RELEASE_COUNTER_MISMATCH",
            "BAD_SIGNATURE",
            "THRESHOLD",
            "ROLLBACK",
            "EXPIRED",
            "FREEZE",
            "TOO_LARGE",
            "MISSING",
            "MIX_AND_MATCH",
            "MALFORMED",
            "ROOT_VERSION",
            "KEYID_MISMATCH",
            "NO_TRUSTED_ROOT",
            "WRONG_VEHICLE",
            "DIRECTOR_DELEGATES",
            "ECU_MISMATCH",
            "NOT_IN_IMAGE_REPOSITORY",
            "BAD_PATH",
            "DELEGATION_LIMIT",
            "DIRECTOR_MISMATCH");
    private static final Set<String> INCOMPATIBLE_CODES =
            Set.of("HARDWARE_MISMATCH", "INCOMPATIBLE", "UNKNOWN_ECU", "IN_PLACE_NOT_ALLOWED");

    /**
     * Whether another attempt may help: a download, install or precondition failure may be transient; a
     * verification, dependency, incompatibility or health-rollback failure would fail again the same way.
     */
    public boolean retryable() {
        return this == DOWNLOAD || this == INSTALL || this == PRECONDITION_TIMEOUT;
    }

    /** The category of a failed download, by the vehicle's code. */
    public static FailureCategory ofDownloadFailure(String code) {
        if (code != null && VERIFICATION_CODES.contains(code)) {
            return VERIFICATION;
        }
        if (code != null && INCOMPATIBLE_CODES.contains(code)) {
            return INCOMPATIBLE;
        }
        return DOWNLOAD;
    }

    /** The category of a failed install, by the vehicle's code. */
    public static FailureCategory ofInstallFailure(String code) {
        if (code == null) {
            return INSTALL;
        }
        if (VERIFICATION_CODES.contains(code)) {
            return VERIFICATION;
        }
        if (INCOMPATIBLE_CODES.contains(code)) {
            return INCOMPATIBLE;
        }
        if (code.startsWith("DEPENDENCY")) {
            return DEPENDENCY;
        }
        if (code.startsWith("PRECONDITION")) {
            return PRECONDITION_TIMEOUT;
        }
        return INSTALL;
    }
}

package io.pitwall.server.campaign.governance;

/**
 * Why a vehicle the target filter matched would get no assignment. A dry run counts each vehicle under the
 * first reason that applies, in this declaration order, so the counts add up to the matched vehicles.
 */
public enum IneligibleReason {
    /** No ECU has a hardware id the release has an image for. */
    INCOMPATIBLE_HARDWARE("incompatible-hardware"),
    /** Every matching ECU can only be updated in the workshop (update policy not REMOTE). */
    SERVICE_ONLY_ECU("service-only-ecu"),
    /** Every remotely updatable matching ECU already runs the image (same hash or same version). */
    ALREADY_CURRENT("already-current"),
    /** The remaining matching ECUs run an image with a higher release counter: no downgrades. */
    DOWNGRADE("downgrade"),
    /**
     * An image the vehicle would get needs a minimum version on another hardware id that neither the release
     * ships nor the vehicle has installed (SemVer precedence; a non-SemVer version never satisfies it).
     */
    MISSING_DEPENDENCY("missing-dependency"),
    /** The vehicle's region is not among the allowed regions given to the dry run. */
    REGION_NOT_ALLOWED("region-not-allowed"),
    /** The latest check-in did not report owner consent; a vehicle that never checked in has not consented. */
    NO_CONSENT("no-consent"),
    /** The vehicle already has an active assignment (of this or another campaign). */
    ACTIVE_ASSIGNMENT("active-assignment");

    private final String code;

    IneligibleReason(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}

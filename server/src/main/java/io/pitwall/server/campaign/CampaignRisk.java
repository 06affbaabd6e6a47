package io.pitwall.server.campaign;

import java.util.Set;

/**
 * How much could go wrong, decided on submission: {@code HIGH} when the release sends an image to a
 * safety- or energy-critical ECU type ({@link #HIGH_RISK_ECU_TYPES}), an image its release manager rated
 * HIGH, or when the target matches more vehicles than {@code pitwall.campaign.high-risk-vehicles};
 * {@code STANDARD} otherwise. A HIGH campaign needs two distinct approvers, a STANDARD one one.
 */
public enum CampaignRisk {
    STANDARD(1),
    HIGH(2);

    /** Battery management, driver assistance (brakes, steering), powertrain and chassis. */
    public static final Set<String> HIGH_RISK_ECU_TYPES = Set.of("BMS", "ADAS", "POWERTRAIN", "CHASSIS");

    private final int approvers;

    CampaignRisk(int approvers) {
        this.approvers = approvers;
    }

    public int approversNeeded() {
        return approvers;
    }
}

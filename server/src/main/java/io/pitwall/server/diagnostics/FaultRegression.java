package io.pitwall.server.diagnostics;

/**
 * The regression gate's evidence for one wave: fault incidence per vehicle-day on the wave's updated vehicles
 * against the campaign's not-yet-updated vehicles over the soak window, compared by {@link RateComparison}.
 *
 * @param sufficient  both groups reached the minimum exposure; when false nothing was judged
 * @param regressed   significant at alpha AND the ratio's lower bound above the configured minimum
 * @param indexVin    the updated vehicle with the most faults in the window (null without any)
 */
public record FaultRegression(
        long campaignId,
        int wave,
        int updatedVehicles,
        int controlVehicles,
        RateComparison comparison,
        boolean sufficient,
        boolean regressed,
        String indexVin,
        String summary) {

    /** The stable name of the gate check. */
    public static final String CHECK = "fault-regression";
}

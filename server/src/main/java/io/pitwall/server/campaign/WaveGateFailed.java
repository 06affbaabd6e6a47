package io.pitwall.server.campaign;

import io.pitwall.server.campaign.spi.GateCheck;
import java.util.List;

/**
 * A wave's gate failed and the campaign was paused, published in the reconciler's transaction, so a listener
 * (the diagnostics module, for its regression check) can attach its evidence atomically with the pause.
 *
 * @param failedChecks the checks that failed, with their numbers
 */
public record WaveGateFailed(long campaignId, int wave, List<GateCheck> failedChecks) {

    public WaveGateFailed {
        failedChecks = List.copyOf(failedChecks);
    }
}

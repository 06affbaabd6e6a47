package io.pitwall.server.campaign.spi;

import io.pitwall.server.campaign.WaveEvidence;
import io.pitwall.server.campaign.WaveGate;

/**
 * A pluggable gate condition beside the numeric limits of a {@link WaveGate}, e.g. the diagnostics
 * module's post-update fault regression against vehicles not yet updated. Implementations are Spring beans
 * and must be cheap and side-effect free: a gate may be evaluated on every reconciler tick.
 */
public interface GateCondition {

    /** The check for this wave of this campaign. */
    GateCheck check(long campaignId, int wave, WaveEvidence evidence);
}

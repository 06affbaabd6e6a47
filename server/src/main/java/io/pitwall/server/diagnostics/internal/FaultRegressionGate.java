package io.pitwall.server.diagnostics.internal;

import io.pitwall.server.campaign.WaveEvidence;
import io.pitwall.server.campaign.WaveGateFailed;
import io.pitwall.server.campaign.spi.GateCheck;
import io.pitwall.server.campaign.spi.GateCondition;
import io.pitwall.server.diagnostics.FaultRegression;
import io.pitwall.server.diagnostics.FaultRegressionFound;
import io.pitwall.server.diagnostics.FaultRegressionSettings;
import io.pitwall.server.diagnostics.FaultRegressions;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The campaign gate's fault-regression check on every wave. Too little exposure passes WITH the flag
 * "insufficient data" in the check's detail (kept in the wave's verdict and the decision log): holding every
 * campaign whose vehicles send no DTC reports would stop rollouts the diagnostics cannot judge at all. When
 * the gate failed on this check, the evidence is published for the cases module.
 */
@Component
class FaultRegressionGate implements GateCondition {

    private final FaultRegressions regressions;
    private final FaultRegressionSettings settings;
    private final ApplicationEventPublisher events;

    FaultRegressionGate(
            FaultRegressions regressions, FaultRegressionSettings settings, ApplicationEventPublisher events) {
        this.regressions = regressions;
        this.settings = settings;
        this.events = events;
    }

    @Override
    public GateCheck check(long campaignId, int wave, WaveEvidence evidence) {
        FaultRegression r = regressions.judge(campaignId, wave);
        if (!r.sufficient()) {
            return new GateCheck(FaultRegression.CHECK, true, 0, settings.minRatio(), r.summary());
        }
        return new GateCheck(
                FaultRegression.CHECK, !r.regressed(), r.comparison().ratioLower(), settings.minRatio(), r.summary());
    }

    @EventListener
    void on(WaveGateFailed failed) {
        if (failed.failedChecks().stream().anyMatch(c -> FaultRegression.CHECK.equals(c.name()))) {
            FaultRegression r = regressions.judge(failed.campaignId(), failed.wave());
            if (r.regressed()) {
                events.publishEvent(new FaultRegressionFound(r));
            }
        }
    }
}

package io.pitwall.server.cases.internal;

import io.pitwall.server.campaign.AssignmentEnded;
import io.pitwall.server.cases.CasesSettings;
import io.pitwall.server.cases.NewCase;
import io.pitwall.server.cases.OpenCase;
import io.pitwall.server.diagnostics.FaultClassified;
import io.pitwall.server.diagnostics.FaultRegressionFound;
import io.pitwall.server.diagnostics.RoutingTeam;
import io.pitwall.server.diagnostics.SeverityClass;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Opens cases from what other modules publish, in their transactions: every classified fault that is not
 * merely informational, every assignment that ended failed or rolled back, and every fault regression that
 * failed a wave gate.
 */
@Component
class CaseTriggers {

    static final String UPDATE_FAILURE_ACTION = "Find out why the update failed on this vehicle (failure category and "
            + "code in the case), and whether the vehicle needs a workshop visit or a retry";
    private final OpenCase open;
    private final CasesSettings settings;

    CaseTriggers(OpenCase open, CasesSettings settings) {
        this.open = open;
        this.settings = settings;
    }

    @EventListener
    void on(FaultClassified classified) {
        var rule = classified.rule();
        if (rule.severityClass() == SeverityClass.INFORMATIONAL) {
            return;
        }
        var o = classified.observation();
        open.open(new NewCase(
                o.vin(),
                "rule:" + rule.id(),
                "FAULT_RULE",
                rule.severityClass(),
                rule.team(),
                rule.escalateTo() != null ? rule.escalateTo() : settings.defaultEscalationTeam(),
                rule.nextAction(),
                o.displayCode(),
                o.ecuSerial(),
                classified.ruleSetVersion(),
                null,
                rule.sla()));
    }

    @EventListener
    void on(AssignmentEnded ended) {
        open.open(new NewCase(
                ended.vin(),
                "campaign:" + ended.campaignId(),
                "UPDATE_FAILURE",
                SeverityClass.CAMPAIGN_RELATED,
                RoutingTeam.RELEASE,
                settings.defaultEscalationTeam(),
                UPDATE_FAILURE_ACTION,
                clip(ended.status() + " " + ended.failureCategory() + " " + ended.failureCode()),
                null,
                null,
                ended.campaignId(),
                settings.updateFailureSla()));
    }

    /**
     * A significant post-update fault regression paused a campaign: one campaign-related case for the wave,
     * filed on the updated vehicle with the most faults, the test's numbers in its next action.
     */
    @EventListener
    void on(FaultRegressionFound found) {
        var r = found.evidence();
        String action = "A wave's updated vehicles show more faults than the campaign's vehicles not yet updated; "
                + "decide whether to roll back or resume. Evidence: " + r.summary();
        open.open(new NewCase(
                r.indexVin(),
                "regression:" + r.campaignId() + "/" + r.wave(),
                "FAULT_REGRESSION",
                SeverityClass.CAMPAIGN_RELATED,
                RoutingTeam.RELEASE,
                settings.defaultEscalationTeam(),
                action.length() <= 500 ? action : action.substring(0, 500),
                "fault-regression wave " + r.wave(),
                null,
                null,
                r.campaignId(),
                settings.updateFailureSla()));
    }

    private static String clip(String text) {
        return text.length() <= 100 ? text : text.substring(0, 100);
    }
}

package io.pitwall.server.cases.internal;

import io.pitwall.server.campaign.AssignmentEnded;
import io.pitwall.server.cases.CasesSettings;
import io.pitwall.server.cases.NewCase;
import io.pitwall.server.cases.OpenCase;
import io.pitwall.server.diagnostics.FaultClassified;
import io.pitwall.server.diagnostics.RoutingTeam;
import io.pitwall.server.diagnostics.SeverityClass;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Opens cases from what other modules publish, in their transactions: every classified fault that is not
 * merely informational, and every assignment that ended failed or rolled back.
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
        open.open(new NewCase(o.vin(), "rule:" + rule.id(), "FAULT_RULE", rule.severityClass(), rule.team(),
                rule.escalateTo() != null ? rule.escalateTo() : settings.defaultEscalationTeam(), rule.nextAction(),
                o.displayCode(), o.ecuSerial(), classified.ruleSetVersion(), null, rule.sla()));
    }

    @EventListener
    void on(AssignmentEnded ended) {
        open.open(new NewCase(ended.vin(), "campaign:" + ended.campaignId(), "UPDATE_FAILURE",
                SeverityClass.CAMPAIGN_RELATED, RoutingTeam.RELEASE, settings.defaultEscalationTeam(),
                UPDATE_FAILURE_ACTION, clip(ended.status() + " " + ended.failureCategory() + " " + ended.failureCode()),
                null, null, ended.campaignId(), settings.updateFailureSla()));
    }

    private static String clip(String text) {
        return text.length() <= 100 ? text : text.substring(0, 100);
    }
}

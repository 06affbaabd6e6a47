package io.pitwall.server.cases;

import io.pitwall.server.diagnostics.RoutingTeam;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param escalationInterval how often each node looks for SLA breaches (zero: never on this node)
 * @param updateFailureSla   the SLA of a case opened by a failed or rolled-back update
 * @param escalationTeam     who is told of a breach when the rule names no one (update failures included)
 */
@ConfigurationProperties("pitwall.cases")
public record CasesSettings(Duration escalationInterval, Duration updateFailureSla, String escalationTeam) {

    public CasesSettings {
        escalationInterval = escalationInterval == null ? Duration.ofMinutes(1) : escalationInterval;
        updateFailureSla = updateFailureSla == null ? Duration.ofHours(24) : updateFailureSla;
        escalationTeam = escalationTeam == null ? RoutingTeam.ENGINEERING.code() : escalationTeam;
        if (RoutingTeam.ofCode(escalationTeam).isEmpty()) {
            throw new IllegalArgumentException(
                    "pitwall.cases.escalation-team is not a routing team: " + escalationTeam);
        }
    }

    public RoutingTeam defaultEscalationTeam() {
        return RoutingTeam.ofCode(escalationTeam).orElseThrow();
    }
}

package io.pitwall.server.audit;

import io.pitwall.server.access.CurrentOperator;
import io.pitwall.server.audit.internal.AuditIntake;
import io.pitwall.server.shared.Audited;
import io.pitwall.server.shared.web.RequestIds;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns {@link Audited} events into audit entries. The listener runs synchronously in the publisher's
 * transaction and hands the entry to the {@link AuditIntake}, which writes it in that transaction (so a
 * change and its audit record commit or roll back together) and has it chained right after the commit;
 * a refusal outside any transaction gets a transaction of its own.
 */
@Component
class AuditTrail {

    private static final int MAX_DETAILS = 8000;
    private final AuditIntake intake;
    private final JsonMapper json;
    private final Clock clock;

    AuditTrail(AuditIntake intake, JsonMapper json, Clock clock) {
        this.intake = intake;
        this.json = json;
        this.clock = clock;
    }

    @EventListener
    public void on(Audited event) {
        var operator = CurrentOperator.get();
        String who = operator.map(CurrentOperator::username)
                .orElseGet(() -> String.valueOf(event.details().getOrDefault("principal", "anonymous")));
        String role = operator.map(o -> o.role().code()).orElse("none");
        String requestId = RequestIds.current() == null ? "internal" : RequestIds.current();
        String details = json.writeValueAsString(new TreeMap<>(event.details()));
        if (details.length() > MAX_DETAILS) {
            details = json.writeValueAsString(Map.of("truncated", details.substring(0, MAX_DETAILS - 100)));
        }
        OffsetDateTime now =
                OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        intake.add(new AuditEntry(
                now,
                clip(who, 100),
                role,
                clip(event.action(), 200),
                clip(event.target(), 300),
                event.outcome().name(),
                requestId,
                details));
    }

    private static String clip(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max);
    }
}

package io.pitwall.server.audit;

import io.pitwall.server.access.CurrentOperator;
import io.pitwall.server.audit.persistence.AuditRecords;
import io.pitwall.server.shared.Audited;
import io.pitwall.server.shared.web.RequestIds;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Appends {@link Audited} events to the chain. The listener runs synchronously in the publisher's
 * transaction, so a change and its audit record commit or roll back together; a refusal outside any
 * transaction gets one of its own.
 */
@Component
class AuditTrail {

    private static final int MAX_DETAILS = 8000;
    private final AuditRecords records;
    private final JsonMapper json;
    private final Clock clock;

    AuditTrail(AuditRecords records, JsonMapper json, Clock clock) {
        this.records = records;
        this.json = json;
        this.clock = clock;
    }

    @EventListener
    @Transactional
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
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC)
                .truncatedTo(ChronoUnit.MICROS);
        var head = records.lockHead();
        long seq = head.seq() + 1;
        String action = clip(event.action(), 200);
        String target = clip(event.target(), 300);
        String hash = ChainHash.of(head.hash(), seq, now.toInstant(), clip(who, 100), role, action, target,
                event.outcome().name(), requestId, details);
        records.append(List.of(new AuditRecord(seq, now, clip(who, 100), role, action, target,
                event.outcome().name(), requestId, details, head.hash(), hash)));
    }

    private static String clip(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max);
    }
}

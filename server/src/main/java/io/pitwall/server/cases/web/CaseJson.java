package io.pitwall.server.cases.web;

import io.pitwall.server.cases.CaseNote;
import io.pitwall.server.cases.ServiceCase;
import io.pitwall.server.cases.internal.CaseCommands;
import io.pitwall.server.cases.internal.CaseContext;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/** Cases on the wire: classes and teams by their codes, the SLA as an ISO-8601 duration. */
final class CaseJson {

    record CaseResponse(
            long id,
            String vin,
            String subject,
            String origin,
            String severityClass,
            String team,
            String escalationTeam,
            String nextAction,
            String code,
            String ecuSerial,
            Integer ruleSetVersion,
            Long campaignId,
            String status,
            int priority,
            String owner,
            String sla,
            Instant slaDueAt,
            Instant escalatedAt,
            int occurrences,
            Instant lastSeenAt,
            long version,
            Instant openedAt,
            Instant updatedAt) {}

    record CaseDetail(CaseResponse serviceCase, CaseContext context, List<CaseNote> history) {}

    record TransitionRequest(
            @Schema(maxLength = 20) String trigger,
            Long version,
            @Schema(maxLength = CaseCommands.MAX_TEXT) String comment) {}

    record OwnerRequest(@Schema(maxLength = 64) String owner, Long version) {}

    record CommentRequest(
            @Schema(maxLength = CaseCommands.MAX_TEXT) String comment) {}

    private CaseJson() {}

    static CaseResponse of(ServiceCase c) {
        return new CaseResponse(
                c.id(),
                c.vin(),
                c.subject(),
                c.origin(),
                c.severityClass().code(),
                c.team().code(),
                c.escalationTeam().code(),
                c.nextAction(),
                c.code(),
                c.ecuSerial(),
                c.ruleSetVersion(),
                c.campaignId(),
                c.status().name(),
                c.priority(),
                c.owner(),
                c.sla().toString(),
                c.slaDueAt(),
                c.escalatedAt(),
                c.occurrences(),
                c.lastSeenAt(),
                c.version(),
                c.openedAt(),
                c.updatedAt());
    }
}

package io.pitwall.server.audit.web;

import io.pitwall.server.access.Permission;
import io.pitwall.server.access.RequiresPermission;
import io.pitwall.server.audit.AuditChainVerifier;
import io.pitwall.server.audit.AuditRecord;
import io.pitwall.server.audit.ChainReport;
import io.pitwall.server.audit.persistence.AuditRecords;
import io.pitwall.server.shared.ApiException;
import io.pitwall.server.shared.Page;
import java.time.OffsetDateTime;
import java.util.Set;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/audit")
class AuditController {

    private static final Set<String> OUTCOMES = Set.of("SUCCEEDED", "REFUSED");
    private final AuditRecords records;
    private final AuditChainVerifier verifier;

    AuditController(AuditRecords records, AuditChainVerifier verifier) {
        this.records = records;
        this.verifier = verifier;
    }

    /** The trail, newest first, filtered by operator, action, target, outcome and time range. */
    @GetMapping
    @RequiresPermission(Permission.AUDIT_READ)
    Page<AuditRecord> list(
            @RequestParam(required = false) String operator,
            @RequestParam(required = false) String action,
            @RequestParam(required = false) String target,
            @RequestParam(required = false) String outcome,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime to,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        Page.check(page, size);
        if (outcome != null && !OUTCOMES.contains(outcome)) {
            throw ApiException.badRequest("invalid-parameter", "outcome is SUCCEEDED or REFUSED");
        }
        var filter = new AuditRecords.Filter(operator, action, target, outcome, from, to);
        return new Page<>(records.page(filter, page, size), page, size, records.count(filter));
    }

    /** Checks the whole chain: intact with its length, or the first altered, deleted or reordered record. */
    @GetMapping("/verify")
    @RequiresPermission(Permission.AUDIT_READ)
    ChainReport verify() {
        return verifier.verify();
    }
}

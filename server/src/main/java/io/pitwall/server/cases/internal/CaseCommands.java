package io.pitwall.server.cases.internal;

import io.pitwall.server.access.CurrentOperator;
import io.pitwall.server.access.OperatorAccounts;
import io.pitwall.server.access.Permission;
import io.pitwall.server.cases.CaseLifecycle;
import io.pitwall.server.cases.CaseLifecycle.Accepted;
import io.pitwall.server.cases.CaseLifecycle.Rejected;
import io.pitwall.server.cases.CaseLifecycle.Trigger;
import io.pitwall.server.cases.CaseNote;
import io.pitwall.server.cases.CaseStatus;
import io.pitwall.server.cases.OpenCase;
import io.pitwall.server.cases.ServiceCase;
import io.pitwall.server.cases.persistence.CaseNotes;
import io.pitwall.server.cases.persistence.ServiceCases;
import io.pitwall.server.shared.ApiException;
import io.pitwall.server.shared.Audited;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What people do with a case: move it through {@link CaseLifecycle}, give it an owner, comment. Each locks the
 * case row, optionally checks the version the caller saw, writes a history note and is audited.
 */
@Service
public class CaseCommands {

    /** The triggers people may give; RECUR and ESCALATE belong to the system. */
    public static final Set<Trigger> BY_HAND =
            EnumSet.of(Trigger.ACKNOWLEDGE, Trigger.START, Trigger.RESOLVE, Trigger.CLOSE, Trigger.REOPEN);

    public static final int MAX_TEXT = 2000;
    private final ServiceCases cases;
    private final CaseNotes notes;
    private final OperatorAccounts operators;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    CaseCommands(
            ServiceCases cases,
            CaseNotes notes,
            OperatorAccounts operators,
            ApplicationEventPublisher events,
            Clock clock) {
        this.cases = cases;
        this.notes = notes;
        this.operators = operators;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    public ServiceCase transition(long id, Trigger trigger, Long expectedVersion, String comment) {
        if (!BY_HAND.contains(trigger)) {
            throw ApiException.badRequest("invalid-case-trigger", "A case cannot be moved by hand with " + trigger);
        }
        String text = text(comment, false);
        ServiceCase c = locked(id, expectedVersion);
        var transition = CaseLifecycle.apply(c.status(), trigger);
        if (transition instanceof Rejected rejected) {
            throw new ApiException(
                    409,
                    rejected.code(),
                    rejected.detail(),
                    Map.of("status", c.status().name()));
        }
        CaseStatus next = ((Accepted) transition).next();
        if (c.status() == CaseStatus.CLOSED
                && cases.lockOpen(ServiceCases.NewRow.openKey(c.vin(), c.subject()))
                        .isPresent()) {
            throw ApiException.conflict(
                    "case-already-open",
                    "Vehicle " + c.vin() + " has a newer open case on " + c.subject() + "; work on that one");
        }
        Instant now = clock.instant();
        try {
            cases.move(c, next, trigger == Trigger.REOPEN, now);
        } catch (DuplicateKeyException e) {
            // A recurrence opened a new case on the same subject since the check above.
            throw ApiException.conflict(
                    "case-already-open",
                    "Vehicle " + c.vin() + " has a newer open case on " + c.subject() + "; work on that one");
        }
        notes.add(
                id,
                now,
                actor(),
                trigger == Trigger.REOPEN ? "REOPENED" : "TRANSITION",
                c.status() + " -> " + next + (text == null ? "" : ": " + text));
        audit(
                "case." + trigger.name().toLowerCase(java.util.Locale.ROOT),
                id,
                Map.of("from", c.status().name(), "to", next.name()));
        return cases.find(id).orElseThrow();
    }

    /** Gives the case an owner: an enabled operator who may work on cases; {@code null} takes it away. */
    @Transactional
    public ServiceCase assign(long id, String owner, Long expectedVersion) {
        if (owner != null
                && operators.all().stream()
                        .noneMatch(o -> o.username().equals(owner)
                                && o.enabled()
                                && o.role().grants(Permission.CASE_WORK))) {
            throw ApiException.unprocessable(
                    "invalid-owner", "'" + owner + "' is not an enabled operator who may work on cases");
        }
        ServiceCase c = locked(id, expectedVersion);
        Instant now = clock.instant();
        cases.assign(id, owner, now);
        notes.add(id, now, actor(), "ASSIGNED", owner == null ? "no owner" : owner);
        var details = new HashMap<String, Object>();
        details.put("owner", owner == null ? "none" : owner);
        details.put("previous", c.owner() == null ? "none" : c.owner());
        audit("case.assign", id, details);
        return cases.find(id).orElseThrow();
    }

    @Transactional
    public CaseNote comment(long id, String comment) {
        String text = text(comment, true);
        locked(id, null);
        Instant now = clock.instant();
        notes.add(id, now, actor(), "COMMENT", text);
        audit("case.comment", id, Map.of("length", text.length()));
        var all = notes.of(id);
        return all.get(all.size() - 1);
    }

    private ServiceCase locked(long id, Long expectedVersion) {
        ServiceCase c = cases.lock(id).orElseThrow(() -> ApiException.notFound("case-not-found", "No case " + id));
        if (expectedVersion != null && expectedVersion != c.version()) {
            throw new OptimisticLockingFailureException("case " + id + " is at version " + c.version());
        }
        return c;
    }

    private static String text(String text, boolean required) {
        if (text == null || text.isBlank()) {
            if (required) {
                throw ApiException.badRequest("invalid-comment", "comment is required");
            }
            return null;
        }
        if (text.length() > MAX_TEXT) {
            throw ApiException.badRequest("invalid-comment", "comment is longer than " + MAX_TEXT + " characters");
        }
        return text.strip();
    }

    private static String actor() {
        return CurrentOperator.get().map(CurrentOperator::username).orElse(OpenCase.SYSTEM);
    }

    private void audit(String action, long id, Map<String, Object> details) {
        events.publishEvent(Audited.succeeded(action, "case:" + id, details));
    }
}

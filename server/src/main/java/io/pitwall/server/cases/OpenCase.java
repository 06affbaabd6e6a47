package io.pitwall.server.cases;

import io.pitwall.server.cases.CaseLifecycle.Accepted;
import io.pitwall.server.cases.persistence.CaseNotes;
import io.pitwall.server.cases.persistence.ServiceCases;
import io.pitwall.server.shared.Audited;
import io.pitwall.server.shared.Savepoints;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Opens a case, or counts a recurrence on the vehicle's case of the same subject while that one holds its key
 * (and reopens it if it was resolved). Runs in the caller's transaction (the ingesting one for faults and
 * update reports). The insert claims the unique open key under a savepoint: of two concurrent openings one
 * inserts, the other waits for it, finds the key taken and counts a recurrence on the row it then locks.
 */
@Service
public class OpenCase {

    /** The actor of what the system does by itself. */
    public static final String SYSTEM = "system";

    private final ServiceCases cases;
    private final CaseNotes notes;
    private final Savepoints savepoints;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    OpenCase(
            ServiceCases cases, CaseNotes notes, Savepoints savepoints, ApplicationEventPublisher events, Clock clock) {
        this.cases = cases;
        this.notes = notes;
        this.savepoints = savepoints;
        this.events = events;
        this.clock = clock;
    }

    /** What an opening did: {@code created} is false when an existing case counted a recurrence. */
    public record Opened(long caseId, boolean created) {}

    /** Returns the id of the case that now carries the occurrence. */
    @Transactional
    public long open(NewCase c) {
        return open(c, SYSTEM).caseId();
    }

    /** The same, on behalf of {@code actor} (an operator's username, or {@link #SYSTEM}). */
    @Transactional
    public Opened open(NewCase c, String actor) {
        Instant now = clock.instant();
        var row = new ServiceCases.NewRow(
                c.vin(),
                c.subject(),
                c.origin(),
                c.severityClass(),
                c.team(),
                c.escalationTeam(),
                c.nextAction(),
                c.code(),
                c.ecuSerial(),
                c.ruleSetVersion(),
                c.campaignId(),
                c.severityClass().priority(),
                c.sla(),
                now);
        for (int attempt = 0; attempt < 3; attempt++) {
            long[] id = new long[1];
            if (savepoints.insertIfAbsent(() -> id[0] = cases.insert(row))) {
                notes.add(
                        id[0],
                        now,
                        actor,
                        "OPENED",
                        c.origin() + " " + c.subject() + (c.code() == null ? "" : " " + c.code()));
                audit(
                        "case.open",
                        id[0],
                        c,
                        actor,
                        Map.of(
                                "class",
                                c.severityClass().code(),
                                "team",
                                c.team().code()));
                return new Opened(id[0], true);
            }
            var existing = cases.lockOpen(row.openKey());
            if (existing.isPresent()) {
                return new Opened(recur(existing.get(), c, actor, now), false);
            }
            // Closed between our insert and our lookup: try to open again.
        }
        throw new IllegalStateException("case key " + row.openKey() + " kept changing");
    }

    private long recur(ServiceCase existing, NewCase c, String actor, Instant now) {
        var transition = CaseLifecycle.apply(existing.status(), CaseLifecycle.Trigger.RECUR);
        cases.recur(existing.id(), now);
        if (transition instanceof Accepted accepted && accepted.changed()) {
            cases.move(existing, accepted.next(), true, now);
            notes.add(
                    existing.id(),
                    now,
                    actor,
                    "REOPENED",
                    "seen again: " + (c.code() == null ? c.subject() : c.code()));
            audit(
                    "case.reopen",
                    existing.id(),
                    c,
                    actor,
                    Map.of("from", existing.status().name(), "reason", "recurred"));
        }
        return existing.id();
    }

    private void audit(String action, long id, NewCase c, String actor, Map<String, Object> extra) {
        var details = new java.util.HashMap<String, Object>(extra);
        details.put("principal", actor);
        details.put("vin", c.vin());
        details.put("subject", c.subject());
        events.publishEvent(Audited.succeeded(action, "case:" + id, details));
    }
}

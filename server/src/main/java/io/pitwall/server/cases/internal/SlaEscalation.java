package io.pitwall.server.cases.internal;

import io.pitwall.server.cases.CaseEscalated;
import io.pitwall.server.cases.CaseLifecycle;
import io.pitwall.server.cases.OpenCase;
import io.pitwall.server.cases.ServiceCase;
import io.pitwall.server.cases.persistence.CaseNotes;
import io.pitwall.server.cases.persistence.ServiceCases;
import io.pitwall.server.shared.Audited;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Escalates cases that await work past their SLA, once per breach: priority raised by one (1 stays 1), the
 * escalation team recorded in the history, {@link CaseEscalated} published and the escalation audited, all in
 * one transaction per batch. Rows are taken with {@code SKIP LOCKED}, so nodes running this at once share the
 * work and never escalate a case twice; a node killed mid-batch leaves the batch undone for the next round.
 */
public class SlaEscalation {

    static final int BATCH = 100;
    private final ServiceCases cases;
    private final CaseNotes notes;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final Clock clock;

    public SlaEscalation(
            ServiceCases cases,
            CaseNotes notes,
            ApplicationEventPublisher events,
            PlatformTransactionManager transactions,
            Clock clock) {
        this.cases = cases;
        this.notes = notes;
        this.events = events;
        this.transactions = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /** Escalates every case due now; returns how many. */
    public int escalateDue() {
        int total = 0;
        int batch;
        do {
            batch = transactions.execute(status -> escalateBatch(clock.instant()));
            total += batch;
        } while (batch == BATCH);
        return total;
    }

    private int escalateBatch(Instant now) {
        List<ServiceCase> due = cases.lockDue(now, BATCH);
        for (ServiceCase c : due) {
            if (!(CaseLifecycle.apply(c.status(), CaseLifecycle.Trigger.ESCALATE) instanceof CaseLifecycle.Accepted)) {
                continue;
            }
            int priority = Math.max(1, c.priority() - 1);
            cases.escalate(c.id(), priority, now);
            notes.add(
                    c.id(),
                    now,
                    OpenCase.SYSTEM,
                    "ESCALATED",
                    "SLA due " + c.slaDueAt() + " breached; priority " + c.priority() + " -> " + priority + "; "
                            + c.escalationTeam().code() + " notified");
            events.publishEvent(
                    new CaseEscalated(c.id(), c.vin(), c.escalationTeam().code(), priority, c.slaDueAt(), now));
            events.publishEvent(Audited.succeeded(
                    "case.escalate",
                    "case:" + c.id(),
                    Map.of(
                            "principal",
                            OpenCase.SYSTEM,
                            "escalationTeam",
                            c.escalationTeam().code(),
                            "priority",
                            priority,
                            "dueAt",
                            c.slaDueAt().toString())));
        }
        return due.size();
    }
}

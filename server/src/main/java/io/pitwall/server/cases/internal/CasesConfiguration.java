package io.pitwall.server.cases.internal;

import io.pitwall.server.cases.CasesSettings;
import io.pitwall.server.cases.persistence.CaseNotes;
import io.pitwall.server.cases.persistence.ServiceCases;
import io.pitwall.server.shared.PeriodicTask;
import java.time.Clock;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/** The SLA escalation and the background task that runs it on every node. */
@Configuration
class CasesConfiguration {

    @Bean
    SlaEscalation slaEscalation(
            ServiceCases cases,
            CaseNotes notes,
            ApplicationEventPublisher events,
            PlatformTransactionManager transactions,
            Clock clock) {
        return new SlaEscalation(cases, notes, events, transactions, clock);
    }

    @Bean
    PeriodicTask caseEscalationTask(SlaEscalation escalation, CasesSettings settings) {
        return new PeriodicTask(
                "case-sla-escalation",
                settings.escalationInterval(),
                settings.escalationInterval(),
                escalation::escalateDue);
    }
}

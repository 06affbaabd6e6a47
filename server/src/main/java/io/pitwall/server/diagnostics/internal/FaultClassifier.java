package io.pitwall.server.diagnostics.internal;

import io.pitwall.protocol.dtc.DtcFault;
import io.pitwall.server.campaign.spi.VehicleUpdate;
import io.pitwall.server.campaign.spi.VehicleUpdates;
import io.pitwall.server.diagnostics.FaultClassified;
import io.pitwall.server.diagnostics.FaultObservation;
import io.pitwall.server.diagnostics.SeverityRule;
import io.pitwall.server.diagnostics.persistence.DtcReports.NewReport;
import io.pitwall.server.diagnostics.persistence.ObservationRows;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Classifies newly stored fault observations with the active rule set, in the ingesting transaction, and
 * publishes {@link FaultClassified} for each match: a kill before the commit loses the events together with
 * the classifications, and the vehicle resends them. History and updates are read once per batch, only
 * when a rule needs them.
 */
@Component
class FaultClassifier {

    static final int MAX_HISTORY = 10_000;
    private final RuleSetCache ruleSets;
    private final ObservationRows observations;
    private final VehicleUpdates updates;
    private final ApplicationEventPublisher events;

    FaultClassifier(
            RuleSetCache ruleSets,
            ObservationRows observations,
            VehicleUpdates updates,
            ApplicationEventPublisher events) {
        this.ruleSets = ruleSets;
        this.observations = observations;
        this.updates = updates;
        this.events = events;
    }

    void classify(String vin, List<NewReport> reports) {
        List<FaultObservation> fresh = new ArrayList<>();
        for (NewReport report : reports) {
            for (DtcFault fault : report.faults()) {
                fresh.add(new FaultObservation(
                        vin,
                        report.ecuSerial(),
                        report.ecuType(),
                        report.firmwareVersion(),
                        fault.dtc().baseCode(),
                        fault.dtc().display(),
                        fault.status() == null ? null : fault.status().mask(),
                        report.occurredAt()));
            }
        }
        if (fresh.isEmpty()) {
            return;
        }
        var active = ruleSets.active();
        if (active.isEmpty()) {
            return;
        }
        List<SeverityRule> rules = active.get().getValue();
        Instant first = fresh.stream()
                .map(FaultObservation::occurredAt)
                .min(Comparator.naturalOrder())
                .orElseThrow();
        Instant last = fresh.stream()
                .map(FaultObservation::occurredAt)
                .max(Comparator.naturalOrder())
                .orElseThrow();
        Duration back = RuleEngine.historyNeeded(rules);
        List<FaultObservation> history =
                back.isZero() ? fresh : observations.ofVehicle(vin, first.minus(back), last, MAX_HISTORY);
        List<VehicleUpdate> changed = RuleEngine.needsUpdates(rules)
                ? updates.of(vin, first.minus(RuleEngine.updatesNeeded(rules)))
                : List.of();
        for (FaultObservation observation : fresh) {
            RuleEngine.classify(rules, observation, history, changed)
                    .ifPresent(rule -> events.publishEvent(
                            new FaultClassified(observation, active.get().getKey(), rule)));
        }
    }
}

package io.pitwall.server.diagnostics;

import io.pitwall.server.campaign.spi.VehicleUpdate;
import io.pitwall.server.campaign.spi.VehicleUpdates;
import io.pitwall.server.diagnostics.internal.RuleEngine;
import io.pitwall.server.diagnostics.persistence.ObservationRows;
import io.pitwall.server.shared.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Evaluates rules over the stored observations of the last N days exactly as live classification would have
 * (same engine, the same history and updates), and reports what they would have produced. Writes nothing.
 * "Cases that would open" counts distinct (vehicle, rule) pairs of non-informational matches; cases already
 * open are not consulted.
 */
@Service
public class RuleDryRun {

    public static final int MAX_DAYS = 90;
    static final int MAX_OBSERVATIONS = 200_000;
    static final int SAMPLE = 100;
    private final ObservationRows observations;
    private final VehicleUpdates updates;
    private final Clock clock;

    RuleDryRun(ObservationRows observations, VehicleUpdates updates, Clock clock) {
        this.observations = observations;
        this.updates = updates;
        this.clock = clock;
    }

    /**
     * @param truncated more observations were stored than one dry run reads ({@value #MAX_OBSERVATIONS});
     *                  the counts cover the oldest ones
     */
    public record Report(
            int days,
            Instant from,
            long evaluated,
            long unmatched,
            boolean truncated,
            List<RuleOutcome> byRule,
            List<Match> sample) {}

    public record RuleOutcome(
            String ruleId,
            SeverityClass severityClass,
            RoutingTeam team,
            long observations,
            long vehicles,
            long casesWouldOpen) {}

    public record Match(FaultObservation observation, String ruleId) {}

    @Transactional(readOnly = true)
    public Report run(List<SeverityRule> rules, int days) {
        if (days < 1 || days > MAX_DAYS) {
            throw ApiException.badRequest("invalid-days", "days must be from 1 to " + MAX_DAYS + ", not " + days);
        }
        Instant from = clock.instant().minus(Duration.ofDays(days));
        List<FaultObservation> loaded =
                observations.since(from.minus(RuleEngine.historyNeeded(rules)), MAX_OBSERVATIONS + 1);
        boolean truncated = loaded.size() > MAX_OBSERVATIONS;
        List<FaultObservation> all = truncated ? loaded.subList(0, MAX_OBSERVATIONS) : loaded;
        Map<String, List<FaultObservation>> byVin = all.stream()
                .collect(Collectors.groupingBy(FaultObservation::vin, LinkedHashMap::new, Collectors.toList()));
        Map<String, List<VehicleUpdate>> changed = RuleEngine.needsUpdates(rules)
                ? updates.of(byVin.keySet(), from.minus(RuleEngine.updatesNeeded(rules)))
                : Map.of();
        Map<String, long[]> counts = new LinkedHashMap<>();
        Map<String, Set<String>> vehicles = new LinkedHashMap<>();
        rules.forEach(r -> {
            counts.put(r.id(), new long[1]);
            vehicles.put(r.id(), new HashSet<>());
        });
        List<Match> sample = new ArrayList<>();
        long evaluated = 0;
        long unmatched = 0;
        for (FaultObservation o : all) {
            if (o.occurredAt().isBefore(from)) {
                continue;
            }
            evaluated++;
            var rule = RuleEngine.classify(rules, o, byVin.get(o.vin()), changed.getOrDefault(o.vin(), List.of()));
            if (rule.isEmpty()) {
                unmatched++;
                continue;
            }
            counts.get(rule.get().id())[0]++;
            vehicles.get(rule.get().id()).add(o.vin());
            if (sample.size() < SAMPLE) {
                sample.add(new Match(o, rule.get().id()));
            }
        }
        List<RuleOutcome> byRule = rules.stream()
                .map(r -> new RuleOutcome(
                        r.id(),
                        r.severityClass(),
                        r.team(),
                        counts.get(r.id())[0],
                        vehicles.get(r.id()).size(),
                        r.severityClass() == SeverityClass.INFORMATIONAL
                                ? 0
                                : vehicles.get(r.id()).size()))
                .toList();
        return new Report(days, from, evaluated, unmatched, truncated, byRule, sample);
    }
}

package io.pitwall.server.diagnostics.internal;

import io.pitwall.protocol.dtc.UdsStatus;
import io.pitwall.server.campaign.spi.VehicleUpdate;
import io.pitwall.server.diagnostics.FaultObservation;
import io.pitwall.server.diagnostics.SeverityRule;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Classifies one fault observation with an ordered rule list: the first rule whose every condition holds wins.
 * Pure: the caller supplies the vehicle's observations around it ({@code history}, which includes the
 * observation itself) and the vehicle's campaign assignments ({@code updates}), so live classification and the
 * dry run decide identically.
 */
public final class RuleEngine {

    private RuleEngine() {}

    public static Optional<SeverityRule> classify(
            List<SeverityRule> rules,
            FaultObservation observation,
            List<FaultObservation> history,
            List<VehicleUpdate> updates) {
        for (SeverityRule rule : rules) {
            if (matchesFault(rule, observation)
                    && countHolds(rule, observation, history)
                    && afterUpdateHolds(rule, observation, updates)) {
                return Optional.of(rule);
            }
        }
        return Optional.empty();
    }

    /** The conditions on the fault itself: code pattern, ECU type and status bits. */
    static boolean matchesFault(SeverityRule rule, FaultObservation o) {
        if (!rule.codes().isEmpty() && rule.codes().stream().noneMatch(pattern -> codeMatches(pattern, o))) {
            return false;
        }
        if (!rule.ecuTypes().isEmpty()
                && (o.ecuType() == null || !rule.ecuTypes().contains(o.ecuType()))) {
            return false;
        }
        if (!rule.statusBits().isEmpty()) {
            if (o.statusMask() == null) {
                return false;
            }
            var bits = new UdsStatus(o.statusMask()).bits();
            return rule.statusBits().stream().allMatch(bits::get);
        }
        return true;
    }

    static boolean codeMatches(String pattern, FaultObservation o) {
        if (pattern.endsWith("*")) {
            return o.code().startsWith(pattern.substring(0, pattern.length() - 1));
        }
        return pattern.length() > 5 ? pattern.equals(o.displayCode()) : pattern.equals(o.code());
    }

    private static boolean countHolds(SeverityRule rule, FaultObservation o, List<FaultObservation> history) {
        if (rule.count() == null) {
            return true;
        }
        Instant from = o.occurredAt().minus(rule.count().within());
        long matching = history.stream()
                .filter(h -> h.vin().equals(o.vin())
                        && h.occurredAt().isAfter(from)
                        && !h.occurredAt().isAfter(o.occurredAt())
                        && matchesFault(rule, h))
                .count();
        return matching >= rule.count().atLeast();
    }

    private static boolean afterUpdateHolds(SeverityRule rule, FaultObservation o, List<VehicleUpdate> updates) {
        SeverityRule.AfterUpdate after = rule.afterUpdate();
        if (after == null) {
            return true;
        }
        Duration window = Duration.ofDays(after.withinDays());
        return updates.stream()
                .anyMatch(u -> "SUCCEEDED".equals(u.status())
                        && (after.campaignId() == null || after.campaignId() == u.campaignId())
                        && !o.occurredAt().isBefore(u.changedAt())
                        && !o.occurredAt().isAfter(u.changedAt().plus(window)));
    }

    /** How far back history must reach for the rules' count windows. */
    public static Duration historyNeeded(List<SeverityRule> rules) {
        return rules.stream()
                .filter(r -> r.count() != null)
                .map(r -> r.count().within())
                .max(Duration::compareTo)
                .orElse(Duration.ZERO);
    }

    /** How far back updates must reach for the rules' after-update windows. */
    public static Duration updatesNeeded(List<SeverityRule> rules) {
        return rules.stream()
                .filter(r -> r.afterUpdate() != null)
                .map(r -> Duration.ofDays(r.afterUpdate().withinDays()))
                .max(Duration::compareTo)
                .orElse(Duration.ZERO);
    }

    public static boolean needsUpdates(List<SeverityRule> rules) {
        return rules.stream().anyMatch(r -> r.afterUpdate() != null);
    }
}

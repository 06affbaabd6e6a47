package io.pitwall.server.diagnostics.web;

import io.pitwall.server.diagnostics.RuleDryRun;
import java.time.Instant;
import java.util.List;

/** The dry run's answer with classes and teams by their codes. */
record DryRunJson(
        int days,
        Instant from,
        long evaluated,
        long unmatched,
        boolean truncated,
        List<Outcome> byRule,
        List<Sample> sample) {

    record Outcome(
            String ruleId, String severityClass, String team, long observations, long vehicles, long casesWouldOpen) {}

    record Sample(
            String vin,
            String ecuSerial,
            String ecuType,
            String code,
            String displayCode,
            Instant occurredAt,
            String ruleId) {}

    static DryRunJson of(RuleDryRun.Report report) {
        return new DryRunJson(
                report.days(),
                report.from(),
                report.evaluated(),
                report.unmatched(),
                report.truncated(),
                report.byRule().stream()
                        .map(o -> new Outcome(
                                o.ruleId(),
                                o.severityClass().code(),
                                o.team().code(),
                                o.observations(),
                                o.vehicles(),
                                o.casesWouldOpen()))
                        .toList(),
                report.sample().stream()
                        .map(m -> new Sample(
                                m.observation().vin(),
                                m.observation().ecuSerial(),
                                m.observation().ecuType(),
                                m.observation().code(),
                                m.observation().displayCode(),
                                m.observation().occurredAt(),
                                m.ruleId()))
                        .toList());
    }
}

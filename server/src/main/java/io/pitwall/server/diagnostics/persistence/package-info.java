/** The diagnostics module's SQL: DTC reports, fault observations and patterns, rule sets. */
@OwnedTables({
    "dtc_report",
    "fault_observation",
    "severity_rule_set",
    "fault_pattern_day",
    "fault_pattern_count",
    "fault_pattern_delta",
    "fault_pattern_week"
})
package io.pitwall.server.diagnostics.persistence;

import io.pitwall.server.shared.OwnedTables;

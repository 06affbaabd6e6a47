package io.pitwall.server.catalog;

import java.util.List;

/** The validation gate's verdict on one image: every check by name; passed when all passed. */
public record ValidationReport(boolean passed, List<CheckResult> checks) {

    public ValidationReport {
        checks = List.copyOf(checks);
    }

    public static ValidationReport of(List<CheckResult> checks) {
        return new ValidationReport(checks.stream().allMatch(CheckResult::passed), checks);
    }
}

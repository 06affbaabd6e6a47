package io.pitwall.server.catalog.internal;

import io.pitwall.server.catalog.CheckResult;
import io.pitwall.server.catalog.Dependency;
import io.pitwall.server.catalog.Image;
import io.pitwall.server.inventory.FleetHardware;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * {@code dependencies}: each dependency (hardware id, minimum version) is met by a version at least that
 * high, found in the release (before publishing) or among validated catalog images (at upload), or
 * installed somewhere in the fleet. Whether each vehicle meets it is the campaign's eligibility question.
 */
public record DependenciesCheck(FleetHardware fleet, CatalogVersions catalog) implements ValidationCheck {

    public static final String NAME = "dependencies";

    /** Versions of the validated catalog images of a hardware id. */
    @FunctionalInterface
    public interface CatalogVersions {
        List<String> validated(String hardwareId);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public CheckResult check(Image image, ValidationScope scope) {
        if (image.dependencies().isEmpty()) {
            return CheckResult.pass(NAME, "no dependencies");
        }
        List<String> met = new ArrayList<>();
        List<String> unmet = new ArrayList<>();
        for (Dependency dependency : image.dependencies()) {
            String wanted = dependency.hardwareId() + " >= " + dependency.minVersion();
            Optional<String> shipped = newest(candidates(dependency.hardwareId(), scope), dependency.minVersion());
            Optional<String> installed =
                    newest(fleet.installedVersions(dependency.hardwareId()), dependency.minVersion());
            if (shipped.isPresent()) {
                met.add(wanted + " ("
                        + (scope instanceof ValidationScope.InRelease ? "in the release" : "in the catalog") + ": "
                        + shipped.get() + ")");
            } else if (installed.isPresent()) {
                met.add(wanted + " (installed in the fleet: " + installed.get() + ")");
            } else {
                unmet.add(wanted);
            }
        }
        if (!unmet.isEmpty()) {
            return CheckResult.fail(
                    NAME,
                    "unresolved: " + String.join(", ", unmet) + " (neither "
                            + (scope instanceof ValidationScope.InRelease
                                    ? "in the release"
                                    : "a validated catalog image")
                            + " nor installed in the fleet)");
        }
        return CheckResult.pass(NAME, "resolved: " + String.join(", ", met));
    }

    private Collection<String> candidates(String hardwareId, ValidationScope scope) {
        if (scope instanceof ValidationScope.InRelease release) {
            return release.images().stream()
                    .filter(i -> i.hardwareId().equals(hardwareId))
                    .map(Image::version)
                    .toList();
        }
        return catalog.validated(hardwareId);
    }

    private static Optional<String> newest(Collection<String> versions, String minimum) {
        return versions.stream().filter(v -> Versions.atLeast(v, minimum)).max(Versions.ORDER);
    }
}

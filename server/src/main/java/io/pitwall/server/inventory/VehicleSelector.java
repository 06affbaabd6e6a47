package io.pitwall.server.inventory;

import io.pitwall.server.inventory.internal.RsqlCompiler;
import io.pitwall.server.inventory.persistence.EcuVersions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Compiles an RSQL vehicle filter, e.g. {@code model==Aurora;region=in=(EU,UK);ecu.BMS.version=lt=2.4.0},
 * into a parameterized predicate over {@code vehicle v} (selectors and semantics:
 * {@link io.pitwall.server.inventory.internal.Selectors}). A version range is resolved against the versions
 * stored right now, so compile shortly before use (same transaction where it matters). A bad filter is
 * refused with {@code invalid-target-filter} (400).
 */
@Service
public class VehicleSelector {

    private final EcuVersions versions;

    VehicleSelector(EcuVersions versions) {
        this.versions = versions;
    }

    @Transactional(readOnly = true)
    public VehicleSelection compile(String rsql) {
        Map<String, List<String>> byType = new HashMap<>();
        return RsqlCompiler.compile(rsql, type -> byType.computeIfAbsent(type, versions::of));
    }

    /** Checks the filter's syntax and selectors without reading anything; throws as {@link #compile} does. */
    public void validate(String rsql) {
        RsqlCompiler.compile(rsql, type -> List.of());
    }
}

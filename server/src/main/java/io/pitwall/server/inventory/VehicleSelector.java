package io.pitwall.server.inventory;

import io.pitwall.server.inventory.internal.RsqlCompiler;
import io.pitwall.server.inventory.persistence.EcuVersions;
import io.pitwall.server.shared.ApiException;
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
 * refused with {@code invalid-target-filter} (400), wherever it is given: a listing's {@code ?filter=}, a
 * campaign's filter, a dry run, a wave's cohort filter ({@link #invalidFilter}).
 */
@Service
public class VehicleSelector {

    /** The longest filter, in characters. */
    public static final int MAX_FILTER_LENGTH = RsqlCompiler.MAX_LENGTH;

    private final EcuVersions versions;

    VehicleSelector(EcuVersions versions) {
        this.versions = versions;
    }

    @Transactional(readOnly = true)
    public VehicleSelection compile(String rsql) {
        Map<String, List<String>> byType = new HashMap<>();
        return RsqlCompiler.compile(rsql, type -> byType.computeIfAbsent(type, versions::of));
    }

    /** The refusal of a bad filter, for checks made before the filter reaches {@link #compile}. */
    public static ApiException invalidFilter(String detail) {
        return ApiException.badRequest(RsqlCompiler.CODE, detail);
    }

    /** Checks the filter's syntax and selectors without reading anything; throws as {@link #compile} does. */
    public void validate(String rsql) {
        RsqlCompiler.compile(rsql, type -> List.of());
    }
}

package io.pitwall.server.cases.internal;

import io.pitwall.server.campaign.spi.VehicleUpdates;
import io.pitwall.server.cases.CaseNote;
import io.pitwall.server.cases.ServiceCase;
import io.pitwall.server.cases.persistence.CaseNotes;
import io.pitwall.server.cases.persistence.ServiceCases;
import io.pitwall.server.diagnostics.FaultHistory;
import io.pitwall.server.diagnostics.FindFaults;
import io.pitwall.server.inventory.FindVehicles;
import io.pitwall.server.inventory.KnownVehicles;
import io.pitwall.server.inventory.Vin;
import io.pitwall.server.shared.ApiException;
import io.pitwall.server.shared.Page;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reads cases: filtered pages, one case with its history, and its vehicle's context. */
@Service
public class FindCases {

    private final ServiceCases cases;
    private final CaseNotes notes;
    private final KnownVehicles known;
    private final FindVehicles vehicles;
    private final VehicleUpdates updates;
    private final FaultHistory history;
    private final FindFaults faults;
    private final Clock clock;

    FindCases(
            ServiceCases cases,
            CaseNotes notes,
            KnownVehicles known,
            FindVehicles vehicles,
            VehicleUpdates updates,
            FaultHistory history,
            FindFaults faults,
            Clock clock) {
        this.cases = cases;
        this.notes = notes;
        this.known = known;
        this.vehicles = vehicles;
        this.updates = updates;
        this.history = history;
        this.faults = faults;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public Page<ServiceCase> page(ServiceCases.Filter filter, int page, int size) {
        Page.check(page, size);
        return new Page<>(cases.page(filter, page, size), page, size, cases.count(filter));
    }

    @Transactional(readOnly = true)
    public ServiceCase get(long id) {
        return cases.find(id).orElseThrow(() -> ApiException.notFound("case-not-found", "No case " + id));
    }

    @Transactional(readOnly = true)
    public List<CaseNote> notes(long id) {
        get(id);
        return notes.of(id);
    }

    @Transactional(readOnly = true)
    public CaseContext context(ServiceCase c) {
        Instant now = clock.instant();
        CaseContext.Vehicle vehicle = null;
        if (known.exists(c.vin())) {
            var v = vehicles.get(Vin.of(c.vin())).vehicle();
            vehicle = new CaseContext.Vehicle(
                    v.model(),
                    v.modelYear(),
                    v.region(),
                    v.ecus().stream()
                            .map(e -> new CaseContext.Ecu(
                                    e.serial(), e.type().name(), e.hardwareId(), e.softwareVersion()))
                            .toList());
        }
        var current = faults.vehicle(c.vin());
        return new CaseContext(
                vehicle,
                updates.of(c.vin(), now.minus(Duration.ofDays(CaseContext.UPDATES_DAYS))),
                history.of(c.vin(), now.minus(Duration.ofDays(CaseContext.HISTORY_DAYS)), CaseContext.HISTORY_LIMIT),
                current.quality(),
                current.lastReportAt());
    }
}

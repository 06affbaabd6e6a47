package io.pitwall.server.diagnostics.web;

import io.pitwall.protocol.dtc.Dtc;
import io.pitwall.protocol.dtc.DtcFault;
import io.pitwall.protocol.dtc.InvalidDtcException;
import io.pitwall.protocol.dtc.UdsStatus;
import io.pitwall.server.access.Permission;
import io.pitwall.server.access.RequiresPermission;
import io.pitwall.server.diagnostics.AnswerQuality;
import io.pitwall.server.diagnostics.EcuFaults;
import io.pitwall.server.diagnostics.FindFaults;
import io.pitwall.server.diagnostics.VehicleFaults;
import io.pitwall.server.inventory.Ecu;
import io.pitwall.server.inventory.FindVehicles;
import io.pitwall.server.inventory.KnownVehicles;
import io.pitwall.server.inventory.Vin;
import io.pitwall.server.shared.ApiException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The SOVD (ISO 17978) shape of a component's faults, as Eclipse OpenSOVD serves it: {@code items} of
 * {@code code} (native DTC number in hex), {@code scope}, {@code display_code} (J2012), {@code fault_name},
 * {@code severity} and {@code status} (the eight bits by SOVD name plus {@code mask}); one fault adds
 * {@code environment_data}. A component is an ECU of the vehicle, named by its serial. Pitwall's own
 * additions (data quality, firmware) are {@code x-pitwall} extensions, as SOVD allows. The snapshot's location
 * signals are shown only with {@code location:read}.
 */
@RestController
class SovdFaultsController {

    private static final String SCOPE = "FaultMem";
    private final FindFaults faults;
    private final FindVehicles vehicles;
    private final KnownVehicles known;

    SovdFaultsController(FindFaults faults, FindVehicles vehicles, KnownVehicles known) {
        this.faults = faults;
        this.vehicles = vehicles;
        this.known = known;
    }

    @GetMapping("/api/v1/vehicles/{vin}/components/{ecu}/faults")
    @RequiresPermission(Permission.DIAGNOSTICS_READ)
    Map<String, Object> faults(
            @PathVariable String vin, @PathVariable String ecu, @RequestParam MultiValueMap<String, String> query) {
        var filter = SovdFaultFilter.parse(query, List.of());
        Component component = component(vin, ecu);
        List<Map<String, Object>> items = component.faults().stream()
                .filter(filter::matches)
                .map(SovdFaultsController::item)
                .toList();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("items", items);
        answer.put("x-pitwall", component.extension());
        return answer;
    }

    @GetMapping("/api/v1/vehicles/{vin}/components/{ecu}/faults/{code}")
    @RequiresPermission(Permission.DIAGNOSTICS_READ)
    Map<String, Object> fault(
            @PathVariable String vin,
            @PathVariable String ecu,
            @PathVariable String code,
            @RequestParam MultiValueMap<String, String> query) {
        var filter = SovdFaultFilter.parse(query, List.of("include-snapshot-data", "include-extended-data"));
        boolean snapshots = SovdFaultFilter.bool(
                "include-snapshot-data",
                Optional.ofNullable(query.getFirst("include-snapshot-data")).orElse("true"));
        SovdFaultFilter.bool(
                "include-extended-data",
                Optional.ofNullable(query.getFirst("include-extended-data")).orElse("true"));
        Component component = component(vin, ecu);
        DtcFault fault = component.faults().stream()
                .filter(filter::matches)
                .filter(f -> names(f, code))
                .findFirst()
                .orElseThrow(() -> ApiException.notFound(
                        "fault-not-found", "Component '" + ecu + "' has no current fault '" + code + "'"));
        Map<String, Object> environment = new LinkedHashMap<>();
        if (snapshots) {
            EcuFaults report = component.report().orElseThrow();
            Map<String, Object> snapshot = new LinkedHashMap<>();
            snapshot.put("occurred_at", report.occurredAt());
            snapshot.put("received_at", report.receivedAt());
            snapshot.put("firmware_version", report.firmwareVersion());
            snapshot.put(
                    "vehicle_state",
                    report.vehicleState() == null ? Map.of() : LocationVisibility.visible(report.vehicleState()));
            environment.put("snapshots", List.of(snapshot));
        }
        // Extended data records (0x19 0x06) are OEM-defined through ODX; no format Pitwall decodes carries them.
        environment.put("extended_data_records", List.of());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("item", item(fault));
        answer.put("environment_data", environment);
        answer.put("x-pitwall", component.extension());
        return answer;
    }

    private Component component(String vin, String serial) {
        if (!known.exists(vin)) {
            throw ApiException.notFound("vehicle-not-found", "No vehicle with VIN '" + vin + "'");
        }
        VehicleFaults found = faults.vehicle(vin);
        Optional<EcuFaults> report =
                found.ecus().stream().filter(e -> serial.equals(e.ecuSerial())).findFirst();
        Optional<Ecu> listed = vehicles.get(Vin.of(vin)).vehicle().ecus().stream()
                .filter(e -> e.serial().equals(serial))
                .findFirst();
        if (report.isEmpty() && listed.isEmpty()) {
            throw ApiException.notFound("component-not-found", "Vehicle '" + vin + "' has no ECU '" + serial + "'");
        }
        return new Component(found.quality(), report, listed);
    }

    /** An ECU as the inventory lists it and as it last reported; either may be missing, not both. */
    private record Component(AnswerQuality vehicleQuality, Optional<EcuFaults> report, Optional<Ecu> listed) {

        List<DtcFault> faults() {
            return report.map(EcuFaults::faults).orElse(List.of());
        }

        Map<String, Object> extension() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put(
                    "dataQuality",
                    report.isPresent()
                            ? vehicleQuality
                            : new AnswerQuality("insufficient-data", List.of("no-dtc-reports-from-this-ecu")));
            json.put(
                    "ecuType",
                    report.map(EcuFaults::ecuType)
                            .orElseGet(() -> listed.get().type().name()));
            json.put(
                    "firmwareVersion",
                    report.map(EcuFaults::firmwareVersion)
                            .orElseGet(() -> listed.get().softwareVersion()));
            json.put(
                    "reportedAt",
                    report.map(EcuFaults::occurredAt).map(Instant::toString).orElse(null));
            json.put(
                    "reportQuality",
                    report.map(r -> r.quality().stream()
                                    .map(Enum::name)
                                    .sorted()
                                    .toList())
                            .orElse(List.of()));
            return json;
        }
    }

    private static boolean names(DtcFault fault, String code) {
        if (code.equalsIgnoreCase(fault.dtc().hex())) {
            return true;
        }
        try {
            Dtc wanted = Dtc.parse(code.toUpperCase(Locale.ROOT));
            return wanted.failureType() == null
                    ? wanted.baseCode().equals(fault.dtc().baseCode())
                    : wanted.display().equals(fault.dtc().display());
        } catch (InvalidDtcException e) {
            return false;
        }
    }

    private static Map<String, Object> item(DtcFault fault) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("code", fault.dtc().hex());
        json.put("scope", SCOPE);
        json.put("display_code", fault.dtc().display());
        json.put("fault_name", name(fault.dtc()));
        Integer severity = SovdFaultFilter.severityLevel(fault.severity());
        if (severity != null) {
            json.put("severity", severity);
        }
        if (fault.status() != null) {
            json.put("status", status(fault.status()));
        }
        return json;
    }

    private static Map<String, Object> status(UdsStatus status) {
        Map<String, Object> json = new LinkedHashMap<>();
        for (int bit = 0; bit < SovdFaultFilter.STATUS_KEYS.size(); bit++) {
            json.put(SovdFaultFilter.STATUS_KEYS.get(bit), ((status.mask() >> bit) & 1) == 1);
        }
        json.put("mask", status.hex());
        return json;
    }

    /** Without an OEM's ODX data the name says what the J2012 code itself says: system and who defines it. */
    private static String name(Dtc dtc) {
        String code = dtc.baseCode();
        String system = switch (code.charAt(0)) {
            case 'P' -> "Powertrain";
            case 'C' -> "Chassis";
            case 'B' -> "Body";
            default -> "Network";
        };
        return system + " fault " + dtc.display() + " ("
                + (definedBySae(code) ? "SAE-defined" : "manufacturer-specific") + ")";
    }

    /** SAE J2012's split: P0, P2, P34–P39, B0, C0, U0 and U3 are SAE-defined (B3 and C3 reserved by SAE). */
    static boolean definedBySae(String code) {
        char system = code.charAt(0);
        char digit = code.charAt(1);
        return switch (digit) {
            case '0' -> true;
            case '2' -> system == 'P';
            case '3' -> system == 'P' ? code.charAt(2) >= '4' && code.charAt(2) <= '9' : true;
            default -> false;
        };
    }
}

package io.pitwall.server.diagnostics.web;

import io.pitwall.protocol.dtc.Dtc;
import io.pitwall.protocol.dtc.DtcDecoder;
import io.pitwall.protocol.dtc.InvalidDtcException;
import io.pitwall.protocol.dtc.SourceFormat;
import io.pitwall.server.access.Permission;
import io.pitwall.server.access.RequiresPermission;
import io.pitwall.server.diagnostics.FindFaults;
import io.pitwall.server.diagnostics.FleetFaults;
import io.pitwall.server.shared.ApiException;
import io.pitwall.server.shared.web.Problems;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Fleet-wide fault counts, and the decoder diagnostics engineers paste raw DTC input into. */
@RestController
class FleetFaultsController {

    private static final int MAX_INPUT = 10_000;

    /**
     * @param format {@code UDS}, {@code J2012} or {@code OEM_JSON}; absent = told by the input's shape
     * @param input  UDS response hex ({@code 59 02 FF 0A 80 1B 2F}), J2012 text or OEM JSON as a string
     */
    record DecodeRequest(
            @Schema(maxLength = 20) String format,
            @Schema(maxLength = MAX_INPUT) String input) {}

    private final FindFaults faults;

    FleetFaultsController(FindFaults faults) {
        this.faults = faults;
    }

    @GetMapping("/api/v1/faults")
    @RequiresPermission(Permission.DIAGNOSTICS_READ)
    FleetFaults fleet(@RequestParam(required = false) String code, @RequestParam(required = false) String since) {
        Dtc dtc;
        try {
            dtc = code == null || code.isBlank() ? null : Dtc.parse(code);
        } catch (InvalidDtcException e) {
            throw ApiException.badRequest("invalid-dtc", e.getMessage());
        }
        Instant from;
        try {
            from = since == null || since.isBlank() ? null : Instant.parse(since);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("invalid-since", "since is an ISO-8601 instant like 2026-01-31T00:00:00Z");
        }
        return faults.fleet(dtc, from);
    }

    /**
     * Answers a refusal itself rather than through the problem advice: decoding changes nothing, so a bad input
     * is not an audited refusal of a state change, and the audit trail stays free of it.
     */
    @PostMapping("/api/v1/faults/decode")
    @RequiresPermission(Permission.DIAGNOSTICS_READ)
    ResponseEntity<?> decode(@RequestBody DecodeRequest request, HttpServletRequest http) {
        if (request == null || request.input() == null || request.input().isBlank()) {
            return invalid(http, "invalid-dtc", "input is required");
        }
        if (request.input().length() > MAX_INPUT) {
            return invalid(http, "invalid-dtc", "input is longer than " + MAX_INPUT + " characters");
        }
        try {
            if (request.format() == null || request.format().isBlank()) {
                return ResponseEntity.ok(FaultJson.decoded(DtcDecoder.detect(request.input())));
            }
            SourceFormat format;
            try {
                format = SourceFormat.valueOf(request.format().strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                return invalid(
                        http, "invalid-dtc-format", "format is UDS, J2012 or OEM_JSON, not '" + request.format() + "'");
            }
            return ResponseEntity.ok(FaultJson.decoded(DtcDecoder.decode(format, request.input())));
        } catch (InvalidDtcException e) {
            return invalid(http, "invalid-dtc", e.getMessage());
        }
    }

    private static ResponseEntity<ProblemDetail> invalid(HttpServletRequest http, String code, String reason) {
        ProblemDetail problem = Problems.problem(400, code, reason, Map.of());
        problem.setInstance(URI.create(http.getRequestURI()));
        return ResponseEntity.badRequest().contentType(Problems.PROBLEM_JSON).body(problem);
    }
}

package io.pitwall.server.diagnostics.web;

import io.pitwall.server.access.Permission;
import io.pitwall.server.access.RequiresPermission;
import io.pitwall.server.diagnostics.FindFaultPatterns;
import io.pitwall.server.diagnostics.PatternQuery;
import io.pitwall.server.inventory.EcuType;
import io.pitwall.server.shared.ApiException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Recurring fault patterns for release prioritization, as JSON or as CSV ({@code Accept: text/csv} or ?format=csv). */
@RestController
class FaultPatternsController {

    static final MediaType CSV = new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8);
    private static final int DEFAULT_DAYS = 30;
    private static final int DEFAULT_TOP = 20;
    private final FindFaultPatterns patterns;
    private final Clock clock;

    FaultPatternsController(FindFaultPatterns patterns, Clock clock) {
        this.patterns = patterns;
        this.clock = clock;
    }

    @GetMapping("/api/v1/faults/patterns")
    @RequiresPermission(Permission.DIAGNOSTICS_READ)
    ResponseEntity<?> patterns(
            @RequestParam(required = false) String since,
            @RequestParam(required = false) String until,
            @RequestParam(required = false) String model,
            @RequestParam(required = false) String ecuType,
            @RequestParam(required = false) String firmware,
            @RequestParam(required = false) String top,
            @RequestParam(required = false) String bucket,
            @RequestParam(required = false) String format,
            @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
        boolean csv = csv(format, accept);
        LocalDate to = day(until, "invalid-until", LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
        LocalDate from = day(since, "invalid-since", to.minusDays(DEFAULT_DAYS - 1));
        PatternQuery query;
        try {
            query = new PatternQuery(
                    from, to, blankToNull(model), ecuType(ecuType), blankToNull(firmware), top(top), bucket(bucket));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(
                    e.getMessage().startsWith("top") ? "invalid-top" : "invalid-range", e.getMessage());
        }
        var answer = patterns.find(query);
        return csv
                ? ResponseEntity.ok().contentType(CSV).body(PatternCsv.of(answer))
                : ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(answer);
    }

    private static boolean csv(String format, String accept) {
        if (format != null && !format.isBlank()) {
            return switch (format.strip().toLowerCase(Locale.ROOT)) {
                case "csv" -> true;
                case "json" -> false;
                default -> throw ApiException.badRequest("invalid-format", "format is json or csv");
            };
        }
        return accept != null && accept.toLowerCase(Locale.ROOT).contains("text/csv");
    }

    /** An ISO date (2026-01-31) or instant (its UTC day); absent = the default. */
    private static LocalDate day(String text, String code, LocalDate absent) {
        if (text == null || text.isBlank()) {
            return absent;
        }
        try {
            return text.contains("T")
                    ? LocalDate.ofInstant(Instant.parse(text.strip()), ZoneOffset.UTC)
                    : LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(code, "a date like 2026-01-31 or an instant like 2026-01-31T00:00:00Z");
        }
    }

    private static String ecuType(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return EcuType.valueOf(text.strip().toUpperCase(Locale.ROOT)).name();
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(
                    "invalid-ecu-type", "ecuType is one of " + java.util.Arrays.toString(EcuType.values()));
        }
    }

    private static int top(String text) {
        if (text == null || text.isBlank()) {
            return DEFAULT_TOP;
        }
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("invalid-top", "top is a number 1.." + PatternQuery.MAX_TOP);
        }
    }

    private static PatternQuery.Bucket bucket(String text) {
        if (text == null || text.isBlank()) {
            return PatternQuery.Bucket.DAY;
        }
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "day" -> PatternQuery.Bucket.DAY;
            case "week" -> PatternQuery.Bucket.WEEK;
            default -> throw ApiException.badRequest("invalid-bucket", "bucket is day or week");
        };
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}

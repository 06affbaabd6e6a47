package io.pitwall.server.campaign.delivery;

import io.pitwall.server.shared.ApiException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;
import org.springframework.scheduling.support.CronExpression;

/**
 * When updates may start, in the vehicle's local time: a window opens at each time the cron expression
 * names (5 fields {@code minute hour day-of-month month day-of-week}, or Spring's 6 with seconds first)
 * and stays open for {@code durationMinutes} (1 to 1,430, as AWS IoT Jobs). The expression is read in
 * the time zone of the vehicle it is evaluated for, so "02:00 every night" means the vehicle's night;
 * {@code timeZone} (IANA, UTC when not given) is used for vehicles whose own zone is not known.
 */
public record MaintenanceWindow(String cron, int durationMinutes, String timeZone) {

    public MaintenanceWindow {
        if (cron == null || cron.isBlank() || cron.length() > 256) {
            throw invalid("cron is 1 to 256 characters");
        }
        if (durationMinutes < 1 || durationMinutes > 1_430) {
            throw invalid("durationMinutes is 1 to 1430");
        }
        timeZone = timeZone == null ? "UTC" : timeZone;
        if (zone(timeZone).isEmpty()) {
            throw invalid("timeZone is not an IANA time zone id");
        }
        expression(cron);
    }

    /** A window in UTC for vehicles whose zone is not known. */
    public MaintenanceWindow(String cron, int durationMinutes) {
        this(cron, durationMinutes, "UTC");
    }

    /** The zone id, when the text names one (IANA region ids, or offsets like {@code +02:00}). */
    public static Optional<ZoneId> zone(String id) {
        if (id == null || id.isBlank() || id.length() > 64) {
            return Optional.empty();
        }
        try {
            return Optional.of(ZoneId.of(id));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /** The zone to read the window in for a vehicle: its own when known, else the window's. */
    public ZoneId zoneFor(ZoneId vehicleZone) {
        return vehicleZone != null ? vehicleZone : ZoneId.of(timeZone);
    }

    /** Whether a window is open at this instant for a vehicle in this time zone. */
    public boolean isOpen(Instant at, ZoneId vehicleZone) {
        ZonedDateTime local = at.atZone(vehicleZone);
        ZonedDateTime opened = expression(cron).next(local.minus(duration()).minusSeconds(1));
        return opened != null && !opened.isAfter(local);
    }

    /** The next instant a window opens for a vehicle in this zone (now, when one is open). */
    public Optional<Instant> nextOpening(Instant at, ZoneId vehicleZone) {
        if (isOpen(at, vehicleZone)) {
            return Optional.of(at);
        }
        ZonedDateTime next = expression(cron).next(at.atZone(vehicleZone));
        return Optional.ofNullable(next).map(ZonedDateTime::toInstant);
    }

    private Duration duration() {
        return Duration.ofMinutes(durationMinutes);
    }

    private static CronExpression expression(String cron) {
        String trimmed = cron.trim();
        String spring = trimmed.split("\\s+").length == 5 ? "0 " + trimmed : trimmed;
        try {
            return CronExpression.parse(spring);
        } catch (IllegalArgumentException e) {
            throw invalid("cron is not a valid expression: " + e.getMessage());
        }
    }

    private static ApiException invalid(String detail) {
        return ApiException.badRequest("invalid-maintenance-window", detail);
    }
}

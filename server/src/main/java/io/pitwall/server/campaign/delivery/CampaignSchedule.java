package io.pitwall.server.campaign.delivery;

import io.pitwall.server.shared.ApiException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * When and how fast a campaign's vehicles are offered their update (set while the campaign is a draft):
 * not before {@code startAt}, not after {@code endAt} (then the rollout stops, as AWS IoT Jobs'
 * {@code STOP_ROLLOUT}), within the {@code rolloutRate}, and inside one of the {@code maintenanceWindows}
 * in the vehicle's local time. {@code retries} and {@code inProgressTimeoutMinutes} (measured from the
 * delivery of an attempt) govern failed and stuck vehicles. {@code vehicleState} is the campaign's
 * {@link VehicleStatePolicy} (regions and consent checked at delivery, the rest sent to the agent). Every part
 * is optional.
 */
public record CampaignSchedule(
        OffsetDateTime startAt,
        OffsetDateTime endAt,
        RolloutRate rolloutRate,
        List<MaintenanceWindow> maintenanceWindows,
        RetryPolicy retries,
        Integer inProgressTimeoutMinutes,
        VehicleStatePolicy vehicleState) {

    static final int MAX_WINDOWS = 20;

    /** Why a vehicle is not offered its update now, and the earliest instant it could be (null: not foreseeable). */
    public record Deferral(String reason, Instant notBefore) {
        public static final String BEFORE_START = "before-start";
        public static final String AFTER_END = "after-end";
        public static final String OUTSIDE_WINDOW = "outside-maintenance-window";
        public static final String ROLLOUT_RATE = "rollout-rate";
        public static final String REGION_NOT_ALLOWED = "region-not-allowed";
        public static final String NO_CONSENT = "no-consent";
    }

    public CampaignSchedule {
        maintenanceWindows = maintenanceWindows == null ? List.of() : List.copyOf(maintenanceWindows);
        if (maintenanceWindows.size() > MAX_WINDOWS) {
            throw invalid("at most " + MAX_WINDOWS + " maintenance windows");
        }
        if (startAt != null && endAt != null && !endAt.isAfter(startAt)) {
            throw invalid("endAt is after startAt");
        }
        if (inProgressTimeoutMinutes != null && (inProgressTimeoutMinutes < 1 || inProgressTimeoutMinutes > 10_080)) {
            throw invalid("inProgressTimeoutMinutes is 1 to 10080");
        }
    }

    /** A schedule without a vehicle-state policy. */
    public CampaignSchedule(
            OffsetDateTime startAt,
            OffsetDateTime endAt,
            RolloutRate rolloutRate,
            List<MaintenanceWindow> maintenanceWindows,
            RetryPolicy retries,
            Integer inProgressTimeoutMinutes) {
        this(startAt, endAt, rolloutRate, maintenanceWindows, retries, inProgressTimeoutMinutes, null);
    }

    /** The deferral by time (start, end, maintenance windows) for a vehicle in {@code vehicleZone} (null: unknown). */
    public Optional<Deferral> deferralAt(Instant now, ZoneId vehicleZone) {
        if (startAt != null && now.isBefore(startAt.toInstant())) {
            return Optional.of(new Deferral(Deferral.BEFORE_START, startAt.toInstant()));
        }
        if (endAt != null && !now.isBefore(endAt.toInstant())) {
            return Optional.of(new Deferral(Deferral.AFTER_END, null));
        }
        if (maintenanceWindows.isEmpty()) {
            return Optional.empty();
        }
        Instant next = null;
        for (MaintenanceWindow window : maintenanceWindows) {
            ZoneId zone = window.zoneFor(vehicleZone);
            if (window.isOpen(now, zone)) {
                return Optional.empty();
            }
            Instant opening = window.nextOpening(now, zone).orElse(null);
            if (opening != null && (next == null || opening.isBefore(next))) {
                next = opening;
            }
        }
        if (next != null && endAt != null && !next.isBefore(endAt.toInstant())) {
            next = null;
        }
        return Optional.of(new Deferral(Deferral.OUTSIDE_WINDOW, next));
    }

    /** The in-progress timeout, when one is set. */
    public Optional<Duration> inProgressTimeout() {
        return Optional.ofNullable(inProgressTimeoutMinutes).map(Duration::ofMinutes);
    }

    /** The wait before the next attempt after a failed or timed-out {@code attempt}; empty when none is left. */
    public Optional<Duration> retryAfter(int attempt) {
        return retries == null ? Optional.empty() : retries.backoffAfter(attempt);
    }

    static ApiException invalid(String detail) {
        return ApiException.badRequest("invalid-schedule", detail);
    }
}

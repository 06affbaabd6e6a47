package io.pitwall.server.campaign.web;

import io.pitwall.server.campaign.delivery.CampaignSchedule;
import io.pitwall.server.campaign.delivery.MaintenanceWindow;
import io.pitwall.server.campaign.delivery.RetryPolicy;
import io.pitwall.server.campaign.delivery.RolloutRate;
import io.pitwall.server.campaign.delivery.VehicleStatePolicy;
import io.pitwall.server.shared.ApiException;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.OffsetDateTime;
import java.util.List;

/** A campaign schedule as the API takes it; every part optional, each part's numbers required when it is given. */
record ScheduleBody(
        OffsetDateTime startAt,
        OffsetDateTime endAt,
        Rate rolloutRate,
        List<Window> maintenanceWindows,
        Retries retries,
        Integer inProgressTimeoutMinutes,
        VehicleState vehicleState) {

    /** {@code maximumPerMinute}, and for an exponential rate the other three (as AWS IoT Jobs' exponentialRate). */
    record Rate(
            Integer maximumPerMinute,
            Integer baseRatePerMinute,
            Double incrementFactor,
            Integer increaseEvery,
            Boolean countSucceeded) {}

    record Window(
            @Schema(maxLength = 256) String cron,
            Integer durationMinutes,
            @Schema(maxLength = 64) String timeZone) {}

    record Retries(Integer maxAttempts, Integer backoffSeconds, Double backoffMultiplier) {}

    /** Validated into a {@link VehicleStatePolicy} after binding, so bad values answer {@code invalid-vehicle-state}. */
    record VehicleState(
            Double minStateOfChargePercent,
            Double minLowVoltageVolts,
            Boolean ignitionOff,
            Boolean parked,
            Long wifiRequiredAboveBytes,

            @ArraySchema(schema = @Schema(maxLength = 32), maxItems = 100)
            List<String> allowedRegions,

            Boolean consentRequired) {

        VehicleStatePolicy toPolicy() {
            return new VehicleStatePolicy(
                    minStateOfChargePercent,
                    minLowVoltageVolts,
                    ignitionOff,
                    parked,
                    wifiRequiredAboveBytes,
                    allowedRegions,
                    consentRequired);
        }
    }

    CampaignSchedule toSchedule() {
        RolloutRate rate = rolloutRate == null
                ? null
                : new RolloutRate(
                        required(rolloutRate.maximumPerMinute(), "rolloutRate.maximumPerMinute"),
                        rolloutRate.baseRatePerMinute(),
                        rolloutRate.incrementFactor(),
                        rolloutRate.increaseEvery(),
                        Boolean.TRUE.equals(rolloutRate.countSucceeded()));
        List<MaintenanceWindow> windows = maintenanceWindows == null
                ? List.of()
                : maintenanceWindows.stream()
                        .map(w -> {
                            if (w == null) {
                                throw ApiException.badRequest("invalid-maintenance-window", "A window is an object");
                            }
                            return new MaintenanceWindow(
                                    w.cron(),
                                    required(w.durationMinutes(), "maintenanceWindows.durationMinutes"),
                                    w.timeZone());
                        })
                        .toList();
        RetryPolicy retry = retries == null
                ? null
                : new RetryPolicy(
                        required(retries.maxAttempts(), "retries.maxAttempts"),
                        retries.backoffSeconds() == null ? 0 : retries.backoffSeconds(),
                        retries.backoffMultiplier() == null ? 1.0 : retries.backoffMultiplier());
        return new CampaignSchedule(
                startAt,
                endAt,
                rate,
                windows,
                retry,
                inProgressTimeoutMinutes,
                vehicleState == null ? null : vehicleState.toPolicy());
    }

    private static int required(Integer value, String name) {
        if (value == null) {
            throw ApiException.badRequest("invalid-schedule", name + " is required");
        }
        return value;
    }
}

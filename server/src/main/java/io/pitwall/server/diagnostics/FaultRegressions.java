package io.pitwall.server.diagnostics;

import io.pitwall.server.campaign.spi.CampaignCohorts;
import io.pitwall.server.campaign.spi.WaveCohort;
import io.pitwall.server.diagnostics.persistence.FaultIncidenceRows;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Judges a wave for a post-update fault regression. The window starts at the later of (now - window) and the
 * wave's first successful update; an updated vehicle is exposed from the later of its update and that start,
 * a not-yet-updated one from the start, both until now. Incidence = fault observations of decoded DTC reports
 * (any ECU of the vehicle) that occurred in its exposure, per vehicle-day. Groups larger than
 * {@code max-sample} are counted on a fixed sample of it ({@link CohortSample}).
 */
@Service
public class FaultRegressions {

    private static final double DAY_MILLIS = Duration.ofDays(1).toMillis();
    private final CampaignCohorts cohorts;
    private final FaultIncidenceRows faults;
    private final FaultRegressionSettings settings;
    private final Clock clock;

    FaultRegressions(
            CampaignCohorts cohorts, FaultIncidenceRows faults, FaultRegressionSettings settings, Clock clock) {
        this.cohorts = cohorts;
        this.faults = faults;
        this.settings = settings;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public FaultRegression judge(long campaignId, int wave) {
        Instant now = clock.instant();
        WaveCohort cohort = cohorts.of(campaignId, wave);
        Instant start = cohort.updated().stream()
                .map(WaveCohort.Updated::updatedAt)
                .min(Instant::compareTo)
                .filter(first -> first.isAfter(now.minus(settings.window())))
                .orElse(now.minus(settings.window()));
        List<WaveCohort.Updated> updatedSample =
                CohortSample.of(cohort.updated(), WaveCohort.Updated::vin, campaignId, settings.maxSample());
        List<String> controlSample =
                CohortSample.of(cohort.notYetUpdated(), vin -> vin, campaignId, settings.maxSample());
        Map<String, Instant> exposedFrom = new HashMap<>();
        double updatedDays = 0;
        for (WaveCohort.Updated u : updatedSample) {
            Instant from = u.updatedAt().isAfter(start) ? u.updatedAt() : start;
            exposedFrom.put(u.vin(), from);
            updatedDays += Math.max(0, now.toEpochMilli() - from.toEpochMilli()) / DAY_MILLIS;
        }
        double controlDays = controlSample.size() * (now.toEpochMilli() - start.toEpochMilli()) / DAY_MILLIS;
        long updatedFaults = 0;
        Map<String, Long> byVin = new HashMap<>();
        for (var r : faults.of(exposedFrom.keySet(), start, now)) {
            if (!r.occurredAt().isBefore(exposedFrom.get(r.vin()))) {
                updatedFaults += r.faults();
                byVin.merge(r.vin(), r.faults(), Long::sum);
            }
        }
        long controlFaults = faults.of(controlSample, start, now).stream()
                .mapToLong(FaultIncidenceRows.ReportFaults::faults)
                .sum();
        String indexVin = byVin.entrySet().stream()
                .max(Map.Entry.comparingByValue())
                .map(Map.Entry::getKey)
                .orElse(null);
        int updated = cohort.updated().size();
        int control = cohort.notYetUpdated().size();
        if (updatedDays < settings.minVehicleDays() || controlDays < settings.minVehicleDays()) {
            String summary = String.format(
                    Locale.ROOT,
                    "insufficient data: %.1f updated and %.1f not-yet-updated "
                            + "vehicle-days (at least %.1f each) - not judged",
                    updatedDays,
                    controlDays,
                    settings.minVehicleDays());
            return new FaultRegression(campaignId, wave, updated, control, null, false, false, indexVin, summary);
        }
        var c = RateComparison.of(updatedFaults, updatedDays, controlFaults, controlDays, settings.alpha());
        boolean regressed = c.pValue() < settings.alpha() && c.ratioLower() > settings.minRatio();
        String summary = String.format(
                        Locale.ROOT,
                        "fault rate ratio %.2f (lower %.0f %% bound %.2f, limit %.2f; "
                                + "p = %.2g): %d faults in %.1f vehicle-days on %d updated vehicles vs %d in %.1f on %d not yet updated",
                        c.ratio(),
                        (1 - settings.alpha()) * 100,
                        c.ratioLower(),
                        settings.minRatio(),
                        c.pValue(),
                        updatedFaults,
                        updatedDays,
                        updated,
                        controlFaults,
                        controlDays,
                        control)
                + sampled(updatedSample.size(), updated, controlSample.size(), control);
        return new FaultRegression(campaignId, wave, updated, control, c, true, regressed, indexVin, summary);
    }

    private static String sampled(int updatedSample, int updated, int controlSample, int control) {
        if (updatedSample == updated && controlSample == control) {
            return "";
        }
        return String.format(
                Locale.ROOT,
                " (counted on fixed samples of %d updated and %d not-yet-updated vehicles)",
                updatedSample,
                controlSample);
    }
}

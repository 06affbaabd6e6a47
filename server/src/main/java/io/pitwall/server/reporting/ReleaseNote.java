package io.pitwall.server.reporting;

import io.pitwall.server.campaign.spi.CaseCounts;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * A campaign's daily release note for one UTC day: assignments by state and failures by category as of
 * {@code generatedAt}, the waves passed so far (and those passed that day), the gate decisions of that day
 * from the decision log, and the cases opened that day as {@link CaseCounts} reports them
 * ({@code casesSource} says which). {@code stored} is false for a note computed on request for today
 * before the periodic task stored one.
 */
public record ReleaseNote(
        long campaignId,
        String campaignName,
        LocalDate day,
        OffsetDateTime generatedAt,
        String status,
        boolean stored,
        long assignments,
        Map<String, Long> byStatus,
        Map<String, Long> failuresByCategory,
        int waves,
        int wavesPassed,
        List<String> wavesPassedThatDay,
        List<GateDecision> gateDecisions,
        long casesOpened,
        String casesSource) {

    /** One gate decision of the day: passed, failed, empty, overridden or expansion approved. */
    public record GateDecision(
            OffsetDateTime at, String actor, String kind, Object wave, Object name, Object outcome) {}

    public ReleaseNote {
        byStatus = Map.copyOf(byStatus);
        failuresByCategory = Map.copyOf(failuresByCategory);
        wavesPassedThatDay = List.copyOf(wavesPassedThatDay);
        gateDecisions = List.copyOf(gateDecisions);
    }

    public ReleaseNote asStored() {
        return new ReleaseNote(
                campaignId,
                campaignName,
                day,
                generatedAt,
                status,
                true,
                assignments,
                byStatus,
                failuresByCategory,
                waves,
                wavesPassed,
                wavesPassedThatDay,
                gateDecisions,
                casesOpened,
                casesSource);
    }
}

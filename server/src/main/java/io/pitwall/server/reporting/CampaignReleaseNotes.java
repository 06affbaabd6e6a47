package io.pitwall.server.reporting;

import io.pitwall.server.campaign.Campaign;
import io.pitwall.server.campaign.CampaignRecords;
import io.pitwall.server.campaign.Wave;
import io.pitwall.server.campaign.WaveStatus;
import io.pitwall.server.campaign.spi.CaseCounts;
import io.pitwall.server.reporting.persistence.CampaignReadModel;
import io.pitwall.server.reporting.persistence.ReleaseNotes;
import io.pitwall.server.shared.ApiException;
import io.pitwall.server.shared.Audited;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Daily release notes of campaigns under way. A note is computed from the stored state (assignment counts,
 * waves, the decision log of its UTC day, {@link CaseCounts}); {@link #store} writes today's note of one
 * campaign, replacing the version written earlier that day, so the note a day keeps is its last refresh
 * (the periodic task runs it for every campaign under way). Reading a past day returns what was stored.
 */
@Service
public class CampaignReleaseNotes {

    private static final Set<String> GATE_KINDS = Set.of(
            "WAVE_GATE_PASSED", "WAVE_GATE_FAILED", "WAVE_EMPTY", "WAVE_GATE_OVERRIDDEN", "WAVE_EXPANSION_APPROVED");
    private final CampaignReadModel campaigns;
    private final CampaignRecords records;
    private final ReleaseNotes notes;
    private final ObjectProvider<CaseCounts> cases;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    CampaignReleaseNotes(
            CampaignReadModel campaigns,
            CampaignRecords records,
            ReleaseNotes notes,
            ObjectProvider<CaseCounts> cases,
            ApplicationEventPublisher events,
            Clock clock) {
        this.events = events;
        this.campaigns = campaigns;
        this.records = records;
        this.notes = notes;
        this.cases = cases;
        this.clock = clock;
    }

    /** The campaigns {@link #store} should run for. */
    @Transactional(readOnly = true)
    public List<Long> campaignsUnderWay() {
        return campaigns.campaignsUnderWay();
    }

    /** Writes today's (UTC) note of the campaign, replacing an earlier version of today's. */
    @Transactional
    public ReleaseNote store(long campaignId) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        ReleaseNote note = compute(
                        campaignId, now.withOffsetSameInstant(ZoneOffset.UTC).toLocalDate(), now)
                .asStored();
        if (!notes.store(note)) {
            // Audited once per campaign and day (the first version); later refreshes only update numbers.
            events.publishEvent(Audited.succeeded(
                    "campaign.release-note",
                    "campaign:" + campaignId,
                    Map.of("day", note.day().toString(), "by", "release-notes")));
        }
        return note;
    }

    /**
     * The stored note of that day; for today without a stored one, the note as of now (not stored);
     * otherwise 404 {@code release-note-not-found}.
     */
    @Transactional(readOnly = true)
    public ReleaseNote note(long campaignId, LocalDate day) {
        CampaignReports.requireCampaign(campaigns, campaignId);
        var stored = notes.find(campaignId, day);
        if (stored.isPresent()) {
            return stored.get();
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        if (day.equals(now.withOffsetSameInstant(ZoneOffset.UTC).toLocalDate())) {
            return compute(campaignId, day, now);
        }
        throw ApiException.notFound(
                "release-note-not-found", "Campaign " + campaignId + " has no release note of " + day);
    }

    @Transactional(readOnly = true)
    public List<ReleaseNotes.Entry> list(long campaignId) {
        CampaignReports.requireCampaign(campaigns, campaignId);
        return notes.list(campaignId);
    }

    private ReleaseNote compute(long campaignId, LocalDate day, OffsetDateTime now) {
        OffsetDateTime from = day.atStartOfDay().atOffset(ZoneOffset.UTC);
        OffsetDateTime to = from.plusDays(1);
        var counts = records.progress(campaignId);
        Campaign campaign = counts.campaign();
        var byStatus = counts.byStatus();
        List<Wave> plan = records.waves(campaign.id());
        List<String> passedThatDay = plan.stream()
                .filter(w -> w.status() == WaveStatus.PASSED
                        && w.decidedAt() != null
                        && !w.decidedAt().isBefore(from)
                        && w.decidedAt().isBefore(to))
                .map(w -> w.spec().name())
                .toList();
        List<ReleaseNote.GateDecision> gates = records.decisions(campaign.id()).stream()
                .filter(d -> !d.at().isBefore(from) && d.at().isBefore(to) && GATE_KINDS.contains(d.kind()))
                .map(d -> new ReleaseNote.GateDecision(
                        d.at(),
                        d.actor(),
                        d.kind(),
                        d.detail().get("wave"),
                        d.detail().get("name"),
                        d.detail().getOrDefault("outcome", d.kind())))
                .toList();
        CaseCounts opened = cases.getIfAvailable(() -> CaseCounts.NONE);
        return new ReleaseNote(
                campaign.id(),
                campaign.name(),
                day,
                now,
                campaign.status().name(),
                false,
                counts.assignments(),
                byStatus,
                counts.byFailureCategory(),
                plan.size(),
                (int) plan.stream().filter(w -> w.status() == WaveStatus.PASSED).count(),
                passedThatDay,
                gates,
                opened.openedOn(campaign.id(), day),
                opened.source());
    }
}

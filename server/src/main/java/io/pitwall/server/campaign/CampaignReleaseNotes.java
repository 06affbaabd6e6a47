package io.pitwall.server.campaign;

import io.pitwall.server.campaign.internal.CampaignMoves;
import io.pitwall.server.campaign.persistence.Assignments;
import io.pitwall.server.campaign.persistence.Decisions;
import io.pitwall.server.campaign.persistence.ReleaseNotes;
import io.pitwall.server.campaign.persistence.Waves;
import io.pitwall.server.campaign.spi.CaseCounts;
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

    private static final Set<String> GATE_KINDS = Set.of("WAVE_GATE_PASSED", "WAVE_GATE_FAILED", "WAVE_EMPTY",
            "WAVE_GATE_OVERRIDDEN", "WAVE_EXPANSION_APPROVED");
    private final CampaignMoves moves;
    private final Assignments assignments;
    private final Waves waves;
    private final Decisions decisions;
    private final ReleaseNotes notes;
    private final ObjectProvider<CaseCounts> cases;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    CampaignReleaseNotes(CampaignMoves moves, Assignments assignments, Waves waves, Decisions decisions,
            ReleaseNotes notes, ObjectProvider<CaseCounts> cases, ApplicationEventPublisher events, Clock clock) {
        this.events = events;
        this.moves = moves;
        this.assignments = assignments;
        this.waves = waves;
        this.decisions = decisions;
        this.notes = notes;
        this.cases = cases;
        this.clock = clock;
    }

    /** The campaigns {@link #store} should run for. */
    @Transactional(readOnly = true)
    public List<Long> campaignsUnderWay() {
        return notes.campaignsUnderWay();
    }

    /** Writes today's (UTC) note of the campaign, replacing an earlier version of today's. */
    @Transactional
    public ReleaseNote store(long campaignId) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        ReleaseNote note = compute(moves.campaign(campaignId), now.withOffsetSameInstant(ZoneOffset.UTC)
                .toLocalDate(), now).asStored();
        if (!notes.store(note)) {
            // Audited once per campaign and day (the first version); later refreshes only update numbers.
            events.publishEvent(Audited.succeeded("campaign.release-note", "campaign:" + campaignId,
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
        Campaign campaign = moves.campaign(campaignId);
        var stored = notes.find(campaignId, day);
        if (stored.isPresent()) {
            return stored.get();
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        if (day.equals(now.withOffsetSameInstant(ZoneOffset.UTC).toLocalDate())) {
            return compute(campaign, day, now);
        }
        throw ApiException.notFound("release-note-not-found", "Campaign " + campaignId + " has no release note of "
                + day);
    }

    @Transactional(readOnly = true)
    public List<ReleaseNotes.Entry> list(long campaignId) {
        moves.campaign(campaignId);
        return notes.list(campaignId);
    }

    private ReleaseNote compute(Campaign campaign, LocalDate day, OffsetDateTime now) {
        OffsetDateTime from = day.atStartOfDay().atOffset(ZoneOffset.UTC);
        OffsetDateTime to = from.plusDays(1);
        var byStatus = assignments.countByStatus(campaign.id());
        List<Wave> plan = waves.of(campaign.id());
        List<String> passedThatDay = plan.stream().filter(w -> w.status() == WaveStatus.PASSED
                && w.decidedAt() != null && !w.decidedAt().isBefore(from) && w.decidedAt().isBefore(to))
                .map(w -> w.spec().name()).toList();
        List<ReleaseNote.GateDecision> gates = decisions.between(campaign.id(), from, to).stream()
                .filter(d -> GATE_KINDS.contains(d.kind()))
                .map(d -> new ReleaseNote.GateDecision(d.at(), d.actor(), d.kind(), d.detail().get("wave"),
                        d.detail().get("name"), d.detail().getOrDefault("outcome", d.kind())))
                .toList();
        CaseCounts counts = cases.getIfAvailable(() -> CaseCounts.NONE);
        return new ReleaseNote(campaign.id(), campaign.name(), day, now, campaign.status().name(), false,
                byStatus.values().stream().mapToLong(Long::longValue).sum(), byStatus,
                assignments.countByFailureCategory(campaign.id()), plan.size(),
                (int) plan.stream().filter(w -> w.status() == WaveStatus.PASSED).count(), passedThatDay, gates,
                counts.openedOn(campaign.id(), day), counts.source());
    }
}

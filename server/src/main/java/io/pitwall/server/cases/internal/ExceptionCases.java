package io.pitwall.server.cases.internal;

import io.pitwall.server.campaign.CampaignExceptions;
import io.pitwall.server.campaign.QueuedVehicle;
import io.pitwall.server.cases.CasesSettings;
import io.pitwall.server.cases.NewCase;
import io.pitwall.server.cases.OpenCase;
import io.pitwall.server.cases.persistence.CaseNotes;
import io.pitwall.server.diagnostics.RoutingTeam;
import io.pitwall.server.diagnostics.SeverityClass;
import io.pitwall.server.shared.ApiException;
import io.pitwall.server.shared.Audited;
import java.time.Clock;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The exception queue's third action: an operator opens a service case for a stuck, failed or deferred vehicle
 * of a campaign. It lives here, not in campaign, because cases already depends on campaign. The case has the
 * subject {@code campaign:<id>}, so it is deduplicated with the case a failed update opened by itself: while
 * one holds the key the action counts a recurrence on it (and reopens it if it was resolved).
 */
@Service
public class ExceptionCases {

    /** Origin of cases opened from the exception queue. */
    public static final String ORIGIN = "EXCEPTION_QUEUE";

    private final CampaignExceptions exceptions;
    private final OpenCase open;
    private final CaseNotes notes;
    private final Clock clock;
    private final CasesSettings settings;
    private final ApplicationEventPublisher events;

    ExceptionCases(
            CampaignExceptions exceptions,
            OpenCase open,
            CaseNotes notes,
            CasesSettings settings,
            ApplicationEventPublisher events,
            Clock clock) {
        this.exceptions = exceptions;
        this.open = open;
        this.notes = notes;
        this.clock = clock;
        this.settings = settings;
        this.events = events;
    }

    /**
     * Opens (or recurs on) the vehicle's case for the campaign, with the queue's reason and the operator's
     * comment in its next action. Refuses, writing nothing, a missing comment (400 {@code comment-required}),
     * an unknown campaign or a vehicle not in it (404) or not in its queue (409 {@code not-an-exception}).
     */
    @Transactional
    public OpenCase.Opened open(long campaignId, String vin, String actor, String comment) {
        if (comment == null || comment.isBlank() || comment.length() > CaseCommands.MAX_TEXT) {
            throw ApiException.badRequest("comment-required", "A comment of 1 to 2000 characters is required");
        }
        QueuedVehicle queued = exceptions.queued(campaignId, vin);
        String action = clip(
                "From the exception queue of campaign " + campaignId + " (" + queued.campaignName() + "): "
                        + queued.kind() + ", " + queued.reason() + ". " + actor + ": " + comment.strip(),
                500);
        var opened = open.open(
                new NewCase(
                        queued.vin(),
                        "campaign:" + campaignId,
                        ORIGIN,
                        SeverityClass.CAMPAIGN_RELATED,
                        RoutingTeam.RELEASE,
                        settings.defaultEscalationTeam(),
                        action,
                        clip(queued.kind() + " " + queued.reason(), 100),
                        null,
                        null,
                        campaignId,
                        settings.updateFailureSla()),
                actor);
        if (!opened.created()) {
            // The existing case keeps its next action; the operator's reason goes into its history.
            notes.add(opened.caseId(), clock.instant(), actor, "COMMENT", action);
        }
        events.publishEvent(Audited.succeeded(
                "campaign.exception.case",
                "campaign:" + campaignId,
                Map.of(
                        "vin",
                        queued.vin(),
                        "case",
                        opened.caseId(),
                        "created",
                        opened.created(),
                        "kind",
                        queued.kind(),
                        "comment",
                        comment.strip())));
        return opened;
    }

    private static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}

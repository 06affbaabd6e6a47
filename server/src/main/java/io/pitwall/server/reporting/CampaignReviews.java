package io.pitwall.server.reporting;

import io.pitwall.server.reporting.persistence.CampaignReadModel;
import io.pitwall.server.reporting.persistence.Reviews;
import io.pitwall.server.shared.ApiException;
import io.pitwall.server.shared.Audited;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Post-release reviews: read them, and let the review owner named in the readiness sheet (or anyone
 * allowed to approve campaigns) add learning notes and close them. A closed review no longer changes.
 */
@Service
public class CampaignReviews {

    static final int MAX_NOTES = 10_000;
    private final Reviews reviews;
    private final CampaignReadModel campaigns;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    CampaignReviews(Reviews reviews, CampaignReadModel campaigns, ApplicationEventPublisher events, Clock clock) {
        this.reviews = reviews;
        this.campaigns = campaigns;
        this.events = events;
        this.clock = clock;
    }

    /** The campaign's review; 404 {@code review-not-found} until the campaign finished. */
    @Transactional(readOnly = true)
    public Review of(long id) {
        CampaignReports.requireCampaign(campaigns, id);
        return reviews.find(id).orElseThrow(() -> notFound(id));
    }

    /**
     * Stores learning notes (1 to 10,000 characters), closing the review when {@code close}. Only the review
     * owner or an operator who may approve campaigns ({@code mayApprove}) is allowed (403
     * {@code not-review-owner}); a closed review is 409 {@code review-closed}.
     */
    @Transactional
    public Review update(long id, String learningNotes, boolean close, String by, boolean mayApprove) {
        if (learningNotes == null || learningNotes.isBlank() || learningNotes.length() > MAX_NOTES) {
            throw ApiException.unprocessable("invalid-review", "learningNotes has 1 to " + MAX_NOTES + " characters");
        }
        CampaignReports.lockCampaign(campaigns, id);
        Review review = reviews.lock(id).orElseThrow(() -> notFound(id));
        if (!mayApprove && !by.equals(review.owner())) {
            throw new ApiException(
                    403,
                    "not-review-owner",
                    "Only the review owner or an operator who may approve campaigns edits the review");
        }
        if (review.status() == Review.Status.CLOSED) {
            throw ApiException.conflict("review-closed", "The review of campaign " + id + " is closed");
        }
        reviews.update(review, learningNotes, close, by, OffsetDateTime.now(clock));
        events.publishEvent(Audited.succeeded(
                close ? "campaign.review.close" : "campaign.review.update",
                "campaign:" + id,
                Map.of("by", by, "notesLength", learningNotes.length())));
        return reviews.find(id).orElseThrow();
    }

    private static ApiException notFound(long id) {
        return ApiException.notFound("review-not-found", "Campaign " + id + " has no post-release review (yet)");
    }
}

package io.pitwall.server.reporting.web;

import io.pitwall.server.access.CurrentOperator;
import io.pitwall.server.access.Permission;
import io.pitwall.server.access.RequiresPermission;
import io.pitwall.server.reporting.CampaignReviews;
import io.pitwall.server.reporting.Review;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A finished campaign's post-release review. Editing needs campaign:read at the door; the use case then
 * admits only the review owner named in the readiness sheet or a holder of campaign:approve.
 */
@RestController
@RequestMapping("/api/v1/campaigns/{id}/review")
class ReviewController {

    /** {@code close}: true closes the review with these notes (it then no longer changes). */
    record ReviewRequest(@Schema(maxLength = 10_000) String learningNotes, Boolean close) {}

    private final CampaignReviews reviews;

    ReviewController(CampaignReviews reviews) {
        this.reviews = reviews;
    }

    @GetMapping
    @RequiresPermission(Permission.CAMPAIGN_READ)
    Review review(@PathVariable long id) {
        return reviews.of(id);
    }

    @PutMapping
    @RequiresPermission(Permission.CAMPAIGN_READ)
    Review update(@PathVariable long id, @RequestBody ReviewRequest request) {
        CurrentOperator operator = CurrentOperator.require();
        return reviews.update(
                id,
                request.learningNotes(),
                Boolean.TRUE.equals(request.close()),
                operator.username(),
                operator.has(Permission.CAMPAIGN_APPROVE));
    }
}

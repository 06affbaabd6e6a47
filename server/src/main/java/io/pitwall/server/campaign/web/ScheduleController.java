package io.pitwall.server.campaign.web;

import io.pitwall.server.access.Permission;
import io.pitwall.server.access.RequiresPermission;
import io.pitwall.server.campaign.delivery.CampaignSchedule;
import io.pitwall.server.campaign.delivery.CampaignScheduling;
import io.pitwall.server.shared.ApiException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A campaign's schedule: start/end, rollout rate, maintenance windows, retries, in-progress timeout. */
@RestController
@RequestMapping("/api/v1/campaigns/{id}/schedule")
class ScheduleController {

    private final CampaignScheduling scheduling;

    ScheduleController(CampaignScheduling scheduling) {
        this.scheduling = scheduling;
    }

    /** Replaces the schedule of a draft campaign (400 {@code invalid-schedule}, 409 {@code campaign-not-draft}). */
    @PutMapping
    @RequiresPermission(Permission.CAMPAIGN_CREATE)
    CampaignSchedule define(@PathVariable long id, @RequestBody ScheduleBody body) {
        return scheduling.define(id, body.toSchedule()).orElseThrow();
    }

    /** Removes the schedule of a draft campaign: its vehicles are offered the update at once. */
    @DeleteMapping
    @RequiresPermission(Permission.CAMPAIGN_CREATE)
    ResponseEntity<Void> remove(@PathVariable long id) {
        scheduling.define(id, null);
        return ResponseEntity.noContent().build();
    }

    /** The schedule; 404 {@code schedule-not-set} when the campaign has none. */
    @GetMapping
    @RequiresPermission(Permission.CAMPAIGN_READ)
    CampaignSchedule get(@PathVariable long id) {
        return scheduling
                .of(id)
                .orElseThrow(() -> ApiException.notFound("schedule-not-set", "Campaign " + id + " has no schedule"));
    }
}

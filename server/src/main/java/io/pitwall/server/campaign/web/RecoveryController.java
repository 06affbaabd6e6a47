package io.pitwall.server.campaign.web;

import io.pitwall.server.access.CurrentOperator;
import io.pitwall.server.access.Permission;
import io.pitwall.server.access.RequiresPermission;
import io.pitwall.server.campaign.governance.CampaignCommands;
import io.pitwall.server.campaign.governance.CancelReport;
import io.pitwall.server.campaign.rollback.CampaignRollback;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Recovery from a bad campaign: the rollback campaign, and what a cancel did to the vehicles. */
@RestController
@RequestMapping("/api/v1/campaigns/{id}")
class RecoveryController {

    record RollbackCampaignRequest(@Schema(maxLength = 2000) String comment) {}

    private final CampaignRollback rollback;
    private final CampaignCommands commands;

    RecoveryController(CampaignRollback rollback, CampaignCommands commands) {
        this.rollback = rollback;
        this.commands = commands;
    }

    /** Creates the campaign's rollback campaign (SUBMITTED, awaiting two approvers) and answers it. */
    @PostMapping("/rollback")
    @ResponseStatus(HttpStatus.CREATED)
    @RequiresPermission(Permission.CAMPAIGN_OPERATE)
    CampaignController.CampaignResponse rollback(
            @PathVariable long id, @RequestBody(required = false) RollbackCampaignRequest request) {
        return CampaignController.CampaignResponse.of(rollback.request(
                id,
                request == null ? null : request.comment(),
                CurrentOperator.require().username()));
    }

    @GetMapping("/cancel-report")
    @RequiresPermission(Permission.CAMPAIGN_READ)
    CancelReport cancelReport(@PathVariable long id) {
        return commands.cancelReport(id);
    }
}

/** The campaign module's SQL: campaigns, waves, assignments, approvals, decisions. */
@OwnedTables({
    "campaign",
    "campaign_image",
    "assignment",
    "assignment_ecu",
    "campaign_readiness",
    "campaign_evidence",
    "campaign_approval",
    "campaign_decision",
    "campaign_wave"
})
package io.pitwall.server.campaign.persistence;

import io.pitwall.server.shared.OwnedTables;

package io.pitwall.server.reporting;

import io.pitwall.server.reporting.persistence.CampaignReadModel;
import io.pitwall.server.shared.ApiException;

/** What release notes and reviews share: the refusal of a campaign that does not exist, as campaign answers it. */
final class CampaignReports {

    private CampaignReports() {}

    /** Refuses with 404 {@code campaign-not-found} unless the campaign exists. */
    static void requireCampaign(CampaignReadModel campaigns, long id) {
        if (!campaigns.exists(id)) {
            throw notFound(id);
        }
    }

    /** Locks the campaign's row until the commit, or refuses with 404 {@code campaign-not-found}. */
    static void lockCampaign(CampaignReadModel campaigns, long id) {
        if (!campaigns.lock(id)) {
            throw notFound(id);
        }
    }

    private static ApiException notFound(long id) {
        return ApiException.notFound("campaign-not-found", "No campaign " + id);
    }
}

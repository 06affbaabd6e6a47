package io.pitwall.server.cases.internal;

import io.pitwall.server.campaign.spi.CaseCounts;
import io.pitwall.server.cases.persistence.ServiceCases;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Fills the campaign module's {@link CaseCounts} slot for release notes: cases opened for the campaign on a UTC
 * day, whatever their status now (a case opened and closed the same day still counts).
 */
@Component
class CampaignCaseCounts implements CaseCounts {

    static final String SOURCE = "cases module: service cases opened for the campaign that UTC day";
    private final ServiceCases cases;

    CampaignCaseCounts(ServiceCases cases) {
        this.cases = cases;
    }

    @Override
    @Transactional(readOnly = true)
    public long openedOn(long campaignId, LocalDate day) {
        return cases.openedForCampaign(
                campaignId,
                day.atStartOfDay(ZoneOffset.UTC).toInstant(),
                day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    @Override
    public String source() {
        return SOURCE;
    }
}

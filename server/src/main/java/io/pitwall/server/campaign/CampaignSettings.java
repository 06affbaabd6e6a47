package io.pitwall.server.campaign;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Campaign settings.
 *
 * @param highRiskVehicles a campaign whose target matches more vehicles than this is HIGH risk
 */
@ConfigurationProperties("pitwall.campaign")
public record CampaignSettings(@DefaultValue("10000") long highRiskVehicles) {

    public CampaignSettings {
        if (highRiskVehicles < 0) {
            throw new IllegalArgumentException("pitwall.campaign.high-risk-vehicles must be 0 or greater");
        }
    }
}

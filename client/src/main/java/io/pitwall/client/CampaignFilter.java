package io.pitwall.client;

import java.util.Map;

/** Which vehicles a campaign targets: equality on model, region, a tag and attributes; null matches all. */
public record CampaignFilter(String model, String region, String tag, Map<String, String> attributes) {

    public CampaignFilter {
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    public static CampaignFilter everyone() {
        return new CampaignFilter(null, null, null, Map.of());
    }

    public static CampaignFilter tagged(String tag) {
        return new CampaignFilter(null, null, tag, Map.of());
    }
}

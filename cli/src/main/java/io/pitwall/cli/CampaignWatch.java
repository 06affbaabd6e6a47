package io.pitwall.cli;

import io.pitwall.client.CampaignProgress;
import io.pitwall.client.ManagementClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.function.Supplier;

/**
 * The campaigns a simulation shows: the ones running or paused on the server now, plus every one seen
 * running since the simulation began (so one that just completed stays in the progress and the summary).
 */
final class CampaignWatch implements Supplier<List<CampaignProgress>> {

    private final ManagementClient client;
    private final Set<Long> seen = new ConcurrentSkipListSet<>();

    CampaignWatch(ManagementClient client) {
        this.client = client;
    }

    @Override
    public List<CampaignProgress> get() {
        List<CampaignProgress> shown = new ArrayList<>(client.activeCampaigns());
        shown.forEach(c -> seen.add(c.id()));
        for (long id : seen) {
            if (shown.stream().noneMatch(c -> c.id() == id)) {
                shown.add(client.campaign(id));
            }
        }
        shown.sort((a, b) -> Long.compare(a.id(), b.id()));
        return shown;
    }
}

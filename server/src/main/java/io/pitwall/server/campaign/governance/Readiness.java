package io.pitwall.server.campaign.governance;

import io.pitwall.server.campaign.ReadinessSheet;
import java.util.List;

/**
 * Whether a campaign may be submitted: every item with met/unmet and why. Items are, in order:
 * {@code release-published}, {@code rollback-release}, {@code owner-approval}, {@code owner-validation},
 * {@code owner-monitoring}, {@code owner-support}, {@code owner-rollback}, {@code owner-review},
 * {@code runbook}, {@code incident-contacts}, {@code customer-communication}, {@code test-evidence}.
 */
public record Readiness(long campaignId, List<Item> items, ReadinessSheet sheet, List<Evidence> evidence) {

    public record Item(String item, boolean met, String reason) {}

    public Readiness {
        items = List.copyOf(items);
        evidence = List.copyOf(evidence);
    }

    public boolean ready() {
        return items.stream().allMatch(Item::met);
    }

    public List<Item> unmet() {
        return items.stream().filter(i -> !i.met()).toList();
    }
}

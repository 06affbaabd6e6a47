package io.pitwall.server.campaign;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What starting a campaign would do, computed without writing anything: how many vehicles the target filter
 * matches, how many of them are eligible, and the others counted by their first {@link IneligibleReason}
 * (every reason present, zero included). {@code matched = eligible + sum(ineligible)}. The wave plan, once
 * waves exist, is computed from the eligible set and added beside these counts.
 */
public record DryRun(long matched, long eligible, Map<IneligibleReason, Long> ineligible) {

    public DryRun {
        var all = new LinkedHashMap<IneligibleReason, Long>();
        for (IneligibleReason reason : IneligibleReason.values()) {
            all.put(reason, ineligible.getOrDefault(reason, 0L));
        }
        ineligible = Collections.unmodifiableMap(all);
        long sum = eligible + all.values().stream().mapToLong(Long::longValue).sum();
        if (sum != matched) {
            throw new IllegalArgumentException("eligible and ineligible vehicles add up to " + sum
                    + ", not " + matched);
        }
    }
}

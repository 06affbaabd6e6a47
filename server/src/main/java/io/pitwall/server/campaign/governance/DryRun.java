package io.pitwall.server.campaign.governance;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What starting a campaign would do, computed without writing anything: how many vehicles the target filter
 * matches, how many of them are eligible, and the others counted by their first {@link IneligibleReason}
 * (every reason present, zero included). {@code matched = eligible + sum(ineligible)}. With a wave plan,
 * {@code waves} sizes each wave over the eligible set, in order; {@link #unplanned()} eligible vehicles are
 * in no wave (a plan without a REST wave may leave some).
 */
public record DryRun(long matched, long eligible, Map<IneligibleReason, Long> ineligible, List<PlannedWave> waves) {

    public DryRun(long matched, long eligible, Map<IneligibleReason, Long> ineligible) {
        this(matched, eligible, ineligible, List.of());
    }

    public DryRun {
        var all = new LinkedHashMap<IneligibleReason, Long>();
        for (IneligibleReason reason : IneligibleReason.values()) {
            all.put(reason, ineligible.getOrDefault(reason, 0L));
        }
        ineligible = Collections.unmodifiableMap(all);
        long sum = eligible + all.values().stream().mapToLong(Long::longValue).sum();
        if (sum != matched) {
            throw new IllegalArgumentException(
                    "eligible and ineligible vehicles add up to " + sum + ", not " + matched);
        }
        waves = List.copyOf(waves);
        if (waves.stream().mapToLong(PlannedWave::size).sum() > eligible) {
            throw new IllegalArgumentException("the waves take more than the " + eligible + " eligible vehicles");
        }
    }

    /** Eligible vehicles no wave takes (all of them when there is no plan). */
    public long unplanned() {
        return eligible - waves.stream().mapToLong(PlannedWave::size).sum();
    }
}

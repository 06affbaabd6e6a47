package io.pitwall.server.diagnostics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * A fixed pseudo-random sample of a cohort, so the regression gate's fault counts cost the same for a fleet of
 * a million as for one of ten thousand. Each vehicle gets a key from its VIN and the campaign (SplitMix64 over
 * {@link String#hashCode()}, which Java specifies, so every node and every tick picks the same vehicles); the
 * {@code max} smallest keys are the sample. A group no larger than {@code max} is taken whole. Exposure is then
 * counted on the sample only, so the rates stay unbiased; only the test's power shrinks, and at 10,000
 * vehicles per group it is far beyond what a wave needs.
 */
final class CohortSample {

    private CohortSample() {}

    static <T> List<T> of(List<T> cohort, Function<T, String> vin, long campaignId, int max) {
        if (cohort.size() <= max) {
            return cohort;
        }
        List<Keyed<T>> keyed = new ArrayList<>(cohort.size());
        for (T member : cohort) {
            keyed.add(new Keyed<>(key(campaignId, vin.apply(member)), member));
        }
        keyed.sort(Comparator.comparingLong(Keyed::key));
        List<T> sample = new ArrayList<>(max);
        for (int i = 0; i < max; i++) {
            sample.add(keyed.get(i).member());
        }
        return sample;
    }

    static long key(long campaignId, String vin) {
        long z = campaignId * 0x9E3779B97F4A7C15L + vin.hashCode();
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private record Keyed<T>(long key, T member) {}
}

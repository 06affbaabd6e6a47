package io.pitwall.server.campaign.delivery;

import io.pitwall.server.shared.ApiException;

/**
 * How fast a campaign notifies vehicles (as AWS IoT Jobs' {@code jobExecutionsRolloutConfig}): a constant
 * {@code maximumPerMinute}, or an exponential rate that starts at {@code baseRatePerMinute} and is
 * multiplied by {@code incrementFactor} each time another {@code increaseEvery} vehicles were notified
 * (or, with {@code countSucceeded}, succeeded), never above {@code maximumPerMinute}.
 */
public record RolloutRate(
        int maximumPerMinute,
        Integer baseRatePerMinute,
        Double incrementFactor,
        Integer increaseEvery,
        boolean countSucceeded) {

    public RolloutRate {
        if (maximumPerMinute < 1 || maximumPerMinute > 100_000) {
            throw invalid("maximumPerMinute is 1 to 100000");
        }
        boolean exponential = baseRatePerMinute != null || incrementFactor != null || increaseEvery != null;
        if (exponential && (baseRatePerMinute == null || incrementFactor == null || increaseEvery == null)) {
            throw invalid("an exponential rate needs baseRatePerMinute, incrementFactor and increaseEvery");
        }
        if (exponential && (baseRatePerMinute < 1 || baseRatePerMinute > maximumPerMinute)) {
            throw invalid("baseRatePerMinute is 1 to maximumPerMinute");
        }
        if (exponential && (incrementFactor.isNaN() || incrementFactor < 1.1 || incrementFactor > 5)) {
            throw invalid("incrementFactor is 1.1 to 5");
        }
        if (exponential && increaseEvery < 1) {
            throw invalid("increaseEvery is at least 1");
        }
    }

    /** A constant rate. */
    public static RolloutRate constant(int perMinute) {
        return new RolloutRate(perMinute, null, null, null, false);
    }

    /** Vehicles that may be notified per minute now, given how many were notified and succeeded so far. */
    public int perMinute(long notified, long succeeded) {
        if (baseRatePerMinute == null) {
            return maximumPerMinute;
        }
        long steps = (countSucceeded ? succeeded : notified) / increaseEvery;
        double rate = baseRatePerMinute * Math.pow(incrementFactor, Math.min(steps, 1_000));
        return (int) Math.min(maximumPerMinute, Math.floor(rate));
    }

    private static ApiException invalid(String detail) {
        return ApiException.badRequest("invalid-rollout-rate", detail);
    }
}

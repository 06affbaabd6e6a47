package io.pitwall.server.campaign.rollout;

import io.pitwall.server.campaign.FailureCategory;
import io.pitwall.server.campaign.WaveEvidence;
import io.pitwall.server.shared.ApiException;
import java.util.Locale;
import java.util.Optional;

/**
 * A stop condition over the whole campaign (as AWS IoT Jobs' {@code abortConfig}): once at least
 * {@code minExecuted} vehicles have executed, a share of failures of the given type at or above
 * {@code thresholdPercent} trips it and the campaign pauses with the reason recorded.
 *
 * @param failureType      a failure category, {@code TIMED_OUT}, or {@code ALL} (failures and timeouts)
 * @param thresholdPercent 0 < threshold ≤ 100
 * @param minExecuted      executed vehicles needed before the criterion may trip, at least 1
 */
public record AbortCriterion(String failureType, double thresholdPercent, int minExecuted) {

    public static final String ALL = "ALL";
    public static final String TIMED_OUT = "TIMED_OUT";

    public AbortCriterion {
        if (failureType == null
                || !(failureType.equals(ALL) || failureType.equals(TIMED_OUT) || isCategory(failureType))) {
            throw ApiException.unprocessable(
                    "invalid-abort-criterion",
                    "failureType is ALL, TIMED_OUT or a failure category (DOWNLOAD, VERIFICATION, ...)");
        }
        if (!(thresholdPercent > 0 && thresholdPercent <= 100)) {
            throw ApiException.unprocessable("invalid-abort-criterion", "thresholdPercent is above 0 and at most 100");
        }
        if (minExecuted < 1) {
            throw ApiException.unprocessable("invalid-abort-criterion", "minExecuted is at least 1");
        }
    }

    /** The reason to stop, when the campaign's evidence trips this criterion. */
    public Optional<String> trippedBy(WaveEvidence campaign) {
        if (campaign.executed() < minExecuted) {
            return Optional.empty();
        }
        long matching;
        if (failureType.equals(ALL)) {
            matching = campaign.failed() + campaign.timedOut();
        } else if (failureType.equals(TIMED_OUT)) {
            matching = campaign.timedOut();
        } else {
            matching = campaign.failures().getOrDefault(FailureCategory.valueOf(failureType), 0L);
        }
        double percent = 100.0 * matching / campaign.executed();
        if (percent < thresholdPercent) {
            return Optional.empty();
        }
        return Optional.of(String.format(
                Locale.ROOT,
                "%s failures %.1f %% of %d executed vehicles (abort at %.1f %%)",
                failureType,
                percent,
                campaign.executed(),
                thresholdPercent));
    }

    private static boolean isCategory(String name) {
        for (FailureCategory category : FailureCategory.values()) {
            if (category.name().equals(name)) {
                return true;
            }
        }
        return false;
    }
}

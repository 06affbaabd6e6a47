package io.pitwall.server.campaign.delivery;

import io.pitwall.server.campaign.FailureCategory;
import java.time.Duration;
import java.util.Optional;

/**
 * How often a vehicle's update is tried: at most {@code maxAttempts} attempts in all (1 = no retry); a
 * failed (download or install, see {@link FailureCategory#retryable}) or timed-out attempt is offered again
 * after {@code backoffSeconds × backoffMultiplier^(attempt − 1)}.
 */
public record RetryPolicy(int maxAttempts, int backoffSeconds, double backoffMultiplier) {

    public RetryPolicy {
        if (maxAttempts < 1 || maxAttempts > 10) {
            throw CampaignSchedule.invalid("retries.maxAttempts is 1 to 10");
        }
        if (backoffSeconds < 0 || backoffSeconds > 7 * 86_400) {
            throw CampaignSchedule.invalid("retries.backoffSeconds is 0 to 604800");
        }
        if (Double.isNaN(backoffMultiplier) || backoffMultiplier < 1 || backoffMultiplier > 10) {
            throw CampaignSchedule.invalid("retries.backoffMultiplier is 1 to 10");
        }
    }

    /** The wait before the attempt after {@code attempt} (1-based), or empty when none is left. */
    public Optional<Duration> backoffAfter(int attempt) {
        if (attempt >= maxAttempts) {
            return Optional.empty();
        }
        double seconds = backoffSeconds * Math.pow(backoffMultiplier, attempt - 1);
        return Optional.of(Duration.ofSeconds((long) Math.min(seconds, 30L * 86_400)));
    }
}

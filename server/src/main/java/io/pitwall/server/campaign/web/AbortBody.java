package io.pitwall.server.campaign.web;

import io.pitwall.server.campaign.rollout.AbortCriterion;
import io.swagger.v3.oas.annotations.media.Schema;

/** An abort criterion as the API takes it. */
record AbortBody(@Schema(maxLength = 40) String failureType, Double thresholdPercent, Integer minExecuted) {

    AbortCriterion toCriterion() {
        return new AbortCriterion(
                failureType, thresholdPercent == null ? 0 : thresholdPercent, minExecuted == null ? 0 : minExecuted);
    }
}

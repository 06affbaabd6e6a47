package io.pitwall.server.campaign.rollout;

import io.pitwall.server.campaign.FailureCategory;

/** A vehicle that failed in a wave, with what a failed gate's evidence needs to show a pattern. */
public record FailingVehicle(
        String vin,
        String ecuSerial,
        String hardwareId,
        String hardwareVariant,
        FailureCategory category,
        String code) {}

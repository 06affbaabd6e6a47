package io.pitwall.client;

/** The metadata of {@code POST /api/v1/images}; {@code installType} AB or IN_PLACE, {@code riskClass} LOW, MEDIUM or HIGH. */
public record ImageRequest(
        String hardwareId,
        String name,
        String version,
        long releaseCounter,
        String fileName,
        String installType,
        String riskClass,
        String ecuType) {}

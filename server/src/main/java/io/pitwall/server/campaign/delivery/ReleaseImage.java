package io.pitwall.server.campaign.delivery;

/** One image of the release a campaign sends, as the campaign snapshots it at creation. */
public record ReleaseImage(
        long imageId,
        String hardwareId,
        String ecuType,
        String targetPath,
        String version,
        long releaseCounter,
        long length,
        String sha256,
        String sha512,
        String installType,
        String signedTarget) {}

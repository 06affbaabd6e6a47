package io.pitwall.server.catalog;

import io.pitwall.server.shared.ApiException;

/** Content larger than allowed ({@code pitwall.catalog.max-image-bytes}): 413 {@code payload-too-large}. */
public class ArtifactTooLarge extends ApiException {

    public ArtifactTooLarge(long maxBytes) {
        super(
                413,
                "payload-too-large",
                "The image is larger than the maximum of " + maxBytes + " bytes (pitwall.catalog.max-image-bytes)");
    }
}

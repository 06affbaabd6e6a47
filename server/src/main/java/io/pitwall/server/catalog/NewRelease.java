package io.pitwall.server.catalog;

import io.pitwall.server.catalog.internal.Identifiers;
import io.pitwall.server.shared.ApiException;
import java.util.HashSet;
import java.util.List;

/** What a release is created from; validated on construction (422 with a stable code). */
public record NewRelease(String name, String version, String notes, List<Long> imageIds) {

    public static final int MAX_NOTES = 20_000;
    public static final int MAX_IMAGES = 200;

    public NewRelease {
        if (!Identifiers.isName(name)) {
            throw ApiException.unprocessable(
                    "invalid-release-name", "name has 1-100 characters, no control characters");
        }
        if (!Identifiers.isVersion(version)) {
            throw ApiException.unprocessable(
                    "invalid-version",
                    "version is 1-64 of A-Z, a-z, 0-9, '.', '_', '+', '~', '-', starting with a letter or digit");
        }
        if (notes == null || notes.isBlank() || notes.length() > MAX_NOTES) {
            throw ApiException.unprocessable(
                    "invalid-release-notes", "Release notes are required, at most " + MAX_NOTES + " characters");
        }
        if (imageIds == null
                || imageIds.isEmpty()
                || imageIds.size() > MAX_IMAGES
                || imageIds.contains(null)
                || new HashSet<>(imageIds).size() != imageIds.size()) {
            throw ApiException.unprocessable(
                    "invalid-release-images", "A release lists 1 to " + MAX_IMAGES + " distinct image ids");
        }
        imageIds = List.copyOf(imageIds);
    }
}

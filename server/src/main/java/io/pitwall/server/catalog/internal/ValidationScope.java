package io.pitwall.server.catalog.internal;

import io.pitwall.server.catalog.Image;
import java.util.List;

/**
 * Where the gate runs: at upload (the image alone; dependencies may be met by validated images in the
 * catalog) or before publishing (dependencies must be met by the release's images or the fleet).
 */
public sealed interface ValidationScope {

    ValidationScope AT_UPLOAD = new AtUpload();

    record AtUpload() implements ValidationScope {}

    record InRelease(List<Image> images) implements ValidationScope {

        public InRelease {
            images = List.copyOf(images);
        }
    }
}

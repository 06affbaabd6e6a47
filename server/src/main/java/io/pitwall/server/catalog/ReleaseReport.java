package io.pitwall.server.catalog;

import java.util.List;

/**
 * The validation gate's verdict on a release: the checks of the release as a whole and of each image in
 * the release's context; passed when every one passed.
 */
public record ReleaseReport(boolean passed, List<CheckResult> release, List<ImageReport> images) {

    /** One image's checks within the release. */
    public record ImageReport(
            long imageId, String hardwareId, String targetPath, boolean passed, List<CheckResult> checks) {

        public ImageReport {
            checks = List.copyOf(checks);
        }
    }

    public ReleaseReport {
        release = List.copyOf(release);
        images = List.copyOf(images);
    }

    public static ReleaseReport of(List<CheckResult> release, List<ImageReport> images) {
        return new ReleaseReport(
                release.stream().allMatch(CheckResult::passed)
                        && images.stream().allMatch(ImageReport::passed),
                release,
                images);
    }
}

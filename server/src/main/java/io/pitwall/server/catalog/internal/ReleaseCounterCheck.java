package io.pitwall.server.catalog.internal;

import io.pitwall.server.catalog.CheckResult;
import io.pitwall.server.catalog.Image;
import java.util.OptionalLong;

/**
 * {@code release-counter}: the anti-rollback rule. An image's counter must be above the newest counter any
 * other image of its hardware id was published with; a lower or equal counter passes only for an image
 * authorized as a rollback target. (An image already published itself does not count against itself.)
 */
public record ReleaseCounterCheck(PublishedCounters published) implements ValidationCheck {

    public static final String NAME = "release-counter";

    /** The newest published release counter of a hardware id, leaving out one image. */
    @FunctionalInterface
    public interface PublishedCounters {
        OptionalLong newest(String hardwareId, long excludingImageId);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public CheckResult check(Image image, ValidationScope scope) {
        OptionalLong newest = published.newest(image.hardwareId(), image.id());
        long counter = image.releaseCounter();
        if (newest.isEmpty()) {
            return CheckResult.pass(NAME, "no release counter of " + image.hardwareId() + " is published yet");
        }
        if (counter > newest.getAsLong()) {
            return CheckResult.pass(
                    NAME, "counter " + counter + " is above the newest published counter " + newest.getAsLong());
        }
        if (image.rollbackAuthorized()) {
            return CheckResult.pass(
                    NAME,
                    "counter " + counter + " is not above the newest published counter " + newest.getAsLong()
                            + ", and the image is an authorized rollback target");
        }
        return CheckResult.fail(
                NAME,
                "counter " + counter + " is not above the newest published counter "
                        + newest.getAsLong() + " of " + image.hardwareId()
                        + "; installing it would be a rollback, which "
                        + "needs a rollback authorization");
    }
}

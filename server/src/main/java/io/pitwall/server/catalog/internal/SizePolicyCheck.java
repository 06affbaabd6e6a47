package io.pitwall.server.catalog.internal;

import io.pitwall.server.catalog.CheckResult;
import io.pitwall.server.catalog.Image;

/** {@code size-policy}: the image is not empty and not larger than {@code pitwall.catalog.max-image-bytes}. */
public record SizePolicyCheck(long maxBytes) implements ValidationCheck {

    public static final String NAME = "size-policy";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public CheckResult check(Image image, ValidationScope scope) {
        if (image.content() == null) {
            return CheckResult.fail(NAME, "no content has been uploaded");
        }
        long length = image.content().length();
        if (length <= 0) {
            return CheckResult.fail(NAME, "the image is empty");
        }
        if (length > maxBytes) {
            return CheckResult.fail(NAME, length + " bytes is above the maximum of " + maxBytes + " bytes");
        }
        return CheckResult.pass(NAME, length + " bytes, within the maximum of " + maxBytes);
    }
}

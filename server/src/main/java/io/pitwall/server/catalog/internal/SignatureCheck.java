package io.pitwall.server.catalog.internal;

import io.pitwall.protocol.tuf.SignedTarget;
import io.pitwall.protocol.tuf.TargetEntry;
import io.pitwall.server.catalog.CheckResult;
import io.pitwall.server.catalog.Image;
import io.pitwall.server.trust.TrustedKeys;

/**
 * {@code signature}: the image's signed targets entry is for its target path, carries a valid signature by
 * a key the trust module currently trusts, and lists exactly the image's length, hashes, hardware id,
 * release counter and ECU type.
 */
public record SignatureCheck(TrustedKeys keys) implements ValidationCheck {

    public static final String NAME = "signature";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public CheckResult check(Image image, ValidationScope scope) {
        if (image.content() == null || image.signedTarget() == null) {
            return CheckResult.fail(NAME, "the image has no signed targets entry (no content uploaded)");
        }
        TargetEntry signed;
        try {
            signed = SignedTarget.verify(image.signedTarget(), image.targetPath(), keys.currentById());
        } catch (IllegalArgumentException e) {
            return CheckResult.fail(NAME, "the signed targets entry does not verify: " + e.getMessage());
        }
        if (!signed.equals(image.targetEntry())) {
            return CheckResult.fail(
                    NAME,
                    "the signed targets entry does not match the image (length, hashes, "
                            + "hardware id, release counter or ECU type differ)");
        }
        return CheckResult.pass(
                NAME,
                "signed for " + image.targetPath() + " by trusted key "
                        + image.signedTarget().signatures().get(0).keyId());
    }
}

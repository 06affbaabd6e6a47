package io.pitwall.server.catalog.internal;

import io.pitwall.server.catalog.CheckResult;
import io.pitwall.server.catalog.Image;

/**
 * One check of the package validation gate. Each answers pass or fail with a reason; none throws for a
 * bad image. The set is closed: the gate runs all of them, in this order, at upload and before publishing.
 */
public sealed interface ValidationCheck
        permits HashAndSizeCheck,
                SignatureCheck,
                ReleaseCounterCheck,
                DependenciesCheck,
                CompatibilityCheck,
                SizePolicyCheck {

    /** The check's stable name in reports. */
    String name();

    CheckResult check(Image image, ValidationScope scope);

    /** Whether the check reads the stored content (slow for large images; not repeated under the publish lock). */
    default boolean readsContent() {
        return false;
    }
}

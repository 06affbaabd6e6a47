package io.pitwall.server.catalog.internal;

import io.pitwall.server.catalog.ArtifactStore;
import io.pitwall.server.catalog.CheckResult;
import io.pitwall.server.catalog.Image;
import java.io.IOException;

/**
 * {@code hash-and-size}: the stored bytes still have the recorded length, SHA-256 and SHA-512 (re-read from
 * the artifact store), and the length equals the size declared at registration, if one was.
 */
public record HashAndSizeCheck(ArtifactStore store) implements ValidationCheck {

    public static final String NAME = "hash-and-size";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean readsContent() {
        return true;
    }

    @Override
    public CheckResult check(Image image, ValidationScope scope) {
        var content = image.content();
        if (content == null) {
            return CheckResult.fail(NAME, "no content has been uploaded");
        }
        if (image.declaredSize() != null && image.declaredSize() != content.length()) {
            return CheckResult.fail(
                    NAME,
                    "declared size " + image.declaredSize() + " bytes, but " + content.length()
                            + " bytes were uploaded");
        }
        var opened = store.open(content.sha256());
        if (opened.isEmpty()) {
            return CheckResult.fail(NAME, "the content " + content.sha256() + " is missing from the artifact store");
        }
        ContentDigests stored;
        try (var artifact = opened.get()) {
            stored = ContentDigests.of(artifact.stream());
        } catch (IOException e) {
            return CheckResult.fail(NAME, "the stored content cannot be read: " + e.getMessage());
        }
        if (stored.length() != content.length()
                || !stored.sha256().equals(content.sha256())
                || !stored.sha512().equals(content.sha512())) {
            return CheckResult.fail(
                    NAME,
                    "the stored content no longer matches the recorded length and hashes (stored " + stored.length()
                            + " bytes, recorded " + content.length() + ")");
        }
        return CheckResult.pass(NAME, content.length() + " bytes; SHA-256 and SHA-512 match the stored content");
    }
}

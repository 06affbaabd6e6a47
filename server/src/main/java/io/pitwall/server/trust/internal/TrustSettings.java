package io.pitwall.server.trust.internal;

import java.nio.file.Path;
import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Trust settings.
 *
 * @param keyPassphrase passphrase the key-encryption key is derived from ({@code PITWALL_KEY_PASSPHRASE});
 *                      when empty, a random KEK is kept in {@code kekFile}
 * @param kekFile       where the random KEK lives when no passphrase is set ({@code <data-dir>/keys/kek})
 * @param kdfIterations PBKDF2-HMAC-SHA256 iterations for keys sealed from now on (at least 100,000)
 */
@ConfigurationProperties("pitwall.trust")
public record TrustSettings(String keyPassphrase, Path kekFile, @DefaultValue("600000") int kdfIterations) {

    public static final int MIN_ITERATIONS = 100_000;

    public TrustSettings {
        Objects.requireNonNull(kekFile, "pitwall.trust.kek-file must be set");
        if (kdfIterations < MIN_ITERATIONS) {
            throw new IllegalArgumentException("pitwall.trust.kdf-iterations must be at least " + MIN_ITERATIONS);
        }
    }

    public boolean hasPassphrase() {
        return keyPassphrase != null && !keyPassphrase.isBlank();
    }

    @Override
    public String toString() {
        return "TrustSettings[keyPassphrase=" + (hasPassphrase() ? "(set)" : "(none)") + ", kekFile=" + kekFile
                + ", kdfIterations=" + kdfIterations + "]";
    }
}

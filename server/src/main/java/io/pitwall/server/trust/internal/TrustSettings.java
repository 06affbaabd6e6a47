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
 * @param kek           a 256-bit key-encryption key, base64, from the environment ({@code PITWALL_KEK}); used
 *                      when no passphrase is set, instead of the KEK file
 * @param kekFile       where the random KEK lives when neither a passphrase nor a KEK is set
 *                      ({@code <data-dir>/keys/kek})
 * @param kdfIterations PBKDF2-HMAC-SHA256 iterations for keys sealed from now on (at least 100,000)
 */
@ConfigurationProperties("pitwall.trust")
public record TrustSettings(
        String keyPassphrase,
        String kek,
        Path kekFile,
        @DefaultValue("600000") int kdfIterations) {

    public static final int MIN_ITERATIONS = 100_000;

    public TrustSettings {
        Objects.requireNonNull(kekFile, "pitwall.trust.kek-file must be set");
        if (kdfIterations < MIN_ITERATIONS) {
            throw new IllegalArgumentException("pitwall.trust.kdf-iterations must be at least " + MIN_ITERATIONS);
        }
        if (kek != null && !kek.isBlank()) {
            if (keyPassphrase != null && !keyPassphrase.isBlank()) {
                throw new IllegalArgumentException(
                        "set either pitwall.trust.key-passphrase (PITWALL_KEY_PASSPHRASE) or "
                                + "pitwall.trust.kek (PITWALL_KEK), not both");
            }
            byte[] key;
            try {
                key = java.util.Base64.getDecoder().decode(kek.strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("pitwall.trust.kek (PITWALL_KEK) must be base64");
            }
            if (key.length != 32) {
                throw new IllegalArgumentException(
                        "pitwall.trust.kek (PITWALL_KEK) must be a 256-bit key (32 bytes, base64)");
            }
        }
    }

    /** The key-encryption key from the environment, or null. */
    public byte[] kekBytes() {
        return kek == null || kek.isBlank()
                ? null
                : java.util.Base64.getDecoder().decode(kek.strip());
    }

    public boolean hasPassphrase() {
        return keyPassphrase != null && !keyPassphrase.isBlank();
    }

    @Override
    public String toString() {
        return "TrustSettings[keyPassphrase=" + (hasPassphrase() ? "(set)" : "(none)") + ", kek="
                + (kekBytes() != null ? "(set)" : "(none)") + ", kekFile=" + kekFile
                + ", kdfIterations=" + kdfIterations + "]";
    }
}

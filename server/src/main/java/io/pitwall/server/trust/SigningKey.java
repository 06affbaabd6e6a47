package io.pitwall.server.trust;

import io.pitwall.protocol.tuf.TufKey;
import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * A signing key as others may see it: its public half, role, mode and status (never the private key).
 *
 * @param role the TUF role it signs for; today only {@link #IMAGE_TARGETS}
 * @param mode how the private key is held; {@link Mode#DEVELOPMENT} is not for production
 */
public record SigningKey(String keyId, String role, Mode mode, Status status, TufKey publicKey,
        OffsetDateTime createdAt, OffsetDateTime retiredAt) {

    /** The role of the key that signs image targets entries. */
    public static final String IMAGE_TARGETS = "image-targets";

    /**
     * How the private key is held. The constant names are the stored codes.
     * {@code DEVELOPMENT}: generated and held online by the server, encrypted at rest; not for production.
     */
    public enum Mode { DEVELOPMENT }

    /** ACTIVE keys sign and are trusted; RETIRED keys are kept on record only. Names are the stored codes. */
    public enum Status { ACTIVE, RETIRED }

    public SigningKey {
        Objects.requireNonNull(keyId);
        Objects.requireNonNull(role);
        Objects.requireNonNull(mode);
        Objects.requireNonNull(status);
        Objects.requireNonNull(publicKey);
    }

    public boolean notForProduction() {
        return mode == Mode.DEVELOPMENT;
    }
}

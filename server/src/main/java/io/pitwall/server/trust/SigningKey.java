package io.pitwall.server.trust;

import io.pitwall.protocol.tuf.TufKey;
import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * A signing key as others may see it: its public half, role, mode and status (never the private key).
 *
 * @param role the TUF role it signs for: {@link #IMAGE_ROOT}, {@link #IMAGE_TARGETS}, {@link #IMAGE_SNAPSHOT},
 *             {@link #IMAGE_TIMESTAMP}
 * @param mode how the private key is held; {@link Mode#DEVELOPMENT} is not for production
 */
public record SigningKey(String keyId, String role, Mode mode, Status status, TufKey publicKey,
        OffsetDateTime createdAt, OffsetDateTime retiredAt) {

    /** The role of the key that signs image targets entries. */
    public static final String IMAGE_TARGETS = "image-targets";
    /** The image repository's root key in development mode (production keeps root keys offline). */
    public static final String IMAGE_ROOT = "image-root";
    /** The image repository's online snapshot key. */
    public static final String IMAGE_SNAPSHOT = "image-snapshot";
    /** The image repository's online timestamp key. */
    public static final String IMAGE_TIMESTAMP = "image-timestamp";

    /**
     * How the private key is held. The constant names are the stored codes.
     * {@code DEVELOPMENT}: generated and held online by the server, encrypted at rest; not for production.
     */
    public enum Mode {
        DEVELOPMENT,
        /** Held online by design (snapshot and timestamp are re-signed automatically), encrypted at rest. */
        ONLINE
    }

    /** Root and targets keys the server generates are development keys; snapshot and timestamp are online. */
    public static Mode modeOf(String role) {
        return IMAGE_SNAPSHOT.equals(role) || IMAGE_TIMESTAMP.equals(role) ? Mode.ONLINE : Mode.DEVELOPMENT;
    }

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

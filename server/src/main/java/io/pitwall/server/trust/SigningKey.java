package io.pitwall.server.trust;

import io.pitwall.protocol.tuf.TufKey;
import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * A signing key as others may see it: its public half, role, mode and status (never the private key).
 *
 * @param role the TUF role it signs for: {@link #IMAGE_ROOT}, {@link #IMAGE_TARGETS}, {@link #IMAGE_SNAPSHOT},
 *             {@link #IMAGE_TIMESTAMP}, or the director repository's {@link #DIRECTOR_ROOT},
 *             {@link #DIRECTOR_TARGETS}, {@link #DIRECTOR_SNAPSHOT}, {@link #DIRECTOR_TIMESTAMP}
 * @param mode        how the private key is held; {@link Mode#DEVELOPMENT} is not for production
 * @param destroyedAt when its private half was destroyed because a published root no longer lists it (the key
 *                    then signs nothing any more), or null
 */
public record SigningKey(
        String keyId,
        String role,
        Mode mode,
        Status status,
        TufKey publicKey,
        OffsetDateTime createdAt,
        OffsetDateTime retiredAt,
        OffsetDateTime destroyedAt) {

    /** The role of the key that signs image targets entries. */
    public static final String IMAGE_TARGETS = "image-targets";
    /** The image repository's root key in development mode (production keeps root keys offline). */
    public static final String IMAGE_ROOT = "image-root";
    /** The image repository's online snapshot key. */
    public static final String IMAGE_SNAPSHOT = "image-snapshot";
    /** The image repository's online timestamp key. */
    public static final String IMAGE_TIMESTAMP = "image-timestamp";
    /** The director repository's root key in development mode (production keeps it offline). */
    public static final String DIRECTOR_ROOT = "director-root";
    /** The director's online targets key (it signs per-vehicle metadata on demand, so it is online by design). */
    public static final String DIRECTOR_TARGETS = "director-targets";
    /** The director's online snapshot key. */
    public static final String DIRECTOR_SNAPSHOT = "director-snapshot";
    /** The director's online timestamp key. */
    public static final String DIRECTOR_TIMESTAMP = "director-timestamp";

    /**
     * How the private key is held. The constant names are the stored codes.
     * {@code DEVELOPMENT}: generated and held online by the server, encrypted at rest; not for production.
     */
    public enum Mode {
        DEVELOPMENT,
        /** Held online by design (snapshot and timestamp are re-signed automatically), encrypted at rest. */
        ONLINE
    }

    /**
     * Root keys and the image-targets key the server generates are development keys; snapshot, timestamp and
     * the director's targets key are online by design.
     */
    public static Mode modeOf(String role) {
        return IMAGE_ROOT.equals(role) || IMAGE_TARGETS.equals(role) || DIRECTOR_ROOT.equals(role)
                ? Mode.DEVELOPMENT
                : Mode.ONLINE;
    }

    /**
     * ACTIVE keys sign and are trusted; RETIRED keys are kept on record only (their private half is destroyed once a
     * published root no longer lists them); a PENDING key is named by a proposed root N+1 and becomes ACTIVE when
     * that root is accepted. Names are the stored codes.
     */
    public enum Status {
        ACTIVE,
        RETIRED,
        PENDING
    }

    public SigningKey {
        Objects.requireNonNull(keyId);
        Objects.requireNonNull(role);
        Objects.requireNonNull(mode);
        Objects.requireNonNull(status);
        Objects.requireNonNull(publicKey);
    }

    /** Whether the private half is gone: nothing can be signed with this key any more. */
    public boolean destroyed() {
        return destroyedAt != null;
    }

    /** A development key the server still holds (a destroyed one is no longer held by anyone). */
    public boolean notForProduction() {
        return mode == Mode.DEVELOPMENT && !destroyed();
    }
}

package io.pitwall.server.trust;

import io.pitwall.protocol.tuf.TufKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The public side of the trust module: which keys a verifier should accept, and every key on record. */
public interface TrustedKeys {

    /** The public keys currently trusted to sign image targets entries (the ACTIVE image-targets keys). */
    List<TufKey> current();

    /**
     * Every image-targets signing key on record, active and retired, newest first. The image repository's
     * root, snapshot and timestamp keys are published in its root metadata instead.
     */
    List<SigningKey> all();

    /** {@link #current()} by keyid, the shape {@link io.pitwall.protocol.tuf.SignedTarget#verify} takes. */
    default Map<String, TufKey> currentById() {
        Map<String, TufKey> byId = new LinkedHashMap<>();
        current().forEach(key -> byId.put(key.keyId(), key));
        return byId;
    }
}

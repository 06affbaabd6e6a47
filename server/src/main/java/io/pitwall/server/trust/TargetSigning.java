package io.pitwall.server.trust;

import io.pitwall.protocol.tuf.Envelope;
import io.pitwall.protocol.tuf.TargetEntry;

/**
 * Signs an image's TUF targets entry with the active image-targets key, as a
 * {@link io.pitwall.protocol.tuf.SignedTarget} envelope that verifies against {@link TrustedKeys#current()}.
 *
 * <p>Development mode, not for production: the key is online, held by this server. On the very first use
 * without a key (normally the key is made at start-up) a key is generated in a transaction of its own.
 */
public interface TargetSigning {

    /**
     * @param targetPath the TUF target path the entry is listed under
     * @param entry      length, hashes and the custom fields (hardware ids, release counter, ECU type)
     * @return the signed envelope {@code {"signed": {"_type": "pitwall-target", "path", "target"}, "signatures"}}
     */
    Envelope sign(String targetPath, TargetEntry entry);
}

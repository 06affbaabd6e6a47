package io.pitwall.server.trust.internal;

import io.pitwall.protocol.tuf.Envelope;
import tools.jackson.databind.node.ObjectNode;

/**
 * Management of the director repository's root chain (one for all vehicles): its root may be handed over to
 * offline keys ({@code ./pitwall keys init --director}) and its online targets, snapshot and timestamp keys
 * rotated, without touching vehicles: they follow root N+1 on their next refresh.
 */
public interface DirectorTrust {

    DirectorStatus status();

    /** The root in force, exactly as vehicles are served it. */
    byte[] currentRoot();

    /**
     * The signed part of root N+1 that keeps root N's root role and names fresh PENDING server keys for targets,
     * snapshot and timestamp (the same keys on every call until a root naming them is accepted).
     */
    ObjectNode proposeRoot();

    /**
     * Accepts root N+1, signed by a threshold of root N's root keys and of its own (while the server holds the
     * director root key in force it counter-signs as root N: the hand-over to offline keys). Its online roles
     * must name the server's active or pending keys, threshold 1, and {@code consistent_snapshot} must be false.
     * Pending keys it names become active, and every vehicle's metadata is re-signed with them, in the same
     * transaction, so a vehicle sees either root N with the old keys or root N+1 with the new ones. Audited.
     *
     * @throws io.pitwall.server.shared.ApiException 422 with a {@link io.pitwall.protocol.tuf.RootRejected} code
     *                                               {@code root-online-keys-missing} or {@code integer-out-of-range}
     *                                               (above 2^53 - 1); nothing changes
     */
    DirectorStatus acceptRoot(Envelope candidate);
}

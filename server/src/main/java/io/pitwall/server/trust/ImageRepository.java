package io.pitwall.server.trust;

import io.pitwall.protocol.tuf.Envelope;
import java.util.Optional;

/**
 * The TUF 1.0 image repository: root, targets, snapshot and timestamp metadata with consistent snapshots,
 * served under {@code /repo/}. Every version is stored; versions only increase.
 *
 * <p>Development mode, not for production: the server holds the root and targets keys and signs a new
 * targets version itself whenever the target list changes. Snapshot and timestamp keys are online by
 * design and re-signed before they expire.
 */
public interface ImageRepository {

    /**
     * The target list changed (a release was published): signs a new targets version when the server holds
     * a targets key the root trusts, then a new snapshot and timestamp. Joins the caller's transaction.
     */
    void targetsChanged();

    /**
     * Accepts root version N+1, signed by a threshold of root N's root keys and of its own; its snapshot and
     * timestamp roles must name the server's active online keys or the pending ones of {@link #proposeRoot}
     * (which then replace the active ones in the same transaction). Publishes fresh snapshot and timestamp afterwards.
     * While the server holds the root key in force (development mode) it counter-signs the candidate as
     * root N, which is how a development repository is handed over to offline keys.
     *
     * @throws io.pitwall.server.shared.ApiException 422 with the {@link io.pitwall.protocol.tuf.RootRejected}
     *                                               code, {@code root-online-keys-missing} or
     *                                               {@code integer-out-of-range} (above 2^53 - 1); nothing changes
     */
    void acceptRoot(Envelope candidate);

    /**
     * Online-key rotation, step 1: the signed part of root N+1 that keeps root N's root and targets roles and
     * names fresh PENDING server keys for snapshot and timestamp (the same keys on every call until a root naming
     * them is accepted). Signed offline ({@code ./pitwall keys sign-root --proposal}) and uploaded to
     * {@link #acceptRoot}, it makes them the active keys and re-signs snapshot and timestamp atomically. Audited
     * (as {@code key.generate}) when it generates keys.
     */
    tools.jackson.databind.node.ObjectNode proposeRoot();

    /**
     * The signed part of the next targets version listing the current targets, for signing with offline
     * targets keys ({@code ./pitwall keys sign-targets}).
     */
    tools.jackson.databind.node.ObjectNode unsignedTargets();

    /**
     * Accepts targets metadata signed elsewhere: a newer version, unexpired, signed by a threshold of the
     * root's targets keys, without delegations and with safe target paths; publishes a new snapshot and timestamp.
     *
     * @throws io.pitwall.server.shared.ApiException 422 {@code targets-invalid}, {@code targets-delegations-unsupported},
     *                                               {@code targets-invalid-path}, {@code targets-version-not-newer},
     *                                               {@code targets-expired}, {@code targets-signature-threshold} or
     *                                               {@code integer-out-of-range} (above 2^53 - 1)
     */
    void acceptTargets(Envelope signedTargets);

    /** A metadata file by its repository name ({@code 3.root.json}, {@code timestamp.json}, {@code 2.targets.json}). */
    Optional<byte[]> file(String name);

    RepositoryStatus status();
}

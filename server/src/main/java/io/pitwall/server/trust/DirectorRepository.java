package io.pitwall.server.trust;

import io.pitwall.server.trust.spi.DirectorTargets;
import java.util.Optional;

/**
 * The Uptane director repository: per vehicle, TUF 1.0 targets, snapshot and timestamp naming the image each
 * ECU should install (from {@link DirectorTargets}), with the VIN inside the signed targets; one root chain
 * for all vehicles. Served under {@code /device/v1/vehicles/{vin}/director/}. Its keys are the server's
 * online director keys, separate from the image repository's; the director root key is held online in
 * development mode (not for production).
 *
 * <p>Changes are recorded in the caller's transaction and regenerated after it commits, in batches, by one
 * node at a time; a crash only delays regeneration.
 */
public interface DirectorRepository {

    /** The assignments of this campaign were created, changed or cancelled. Joins the caller's transaction. */
    void assignmentsChanged(long campaignId);

    /** One vehicle's assignment changed (e.g. it finished). Joins the caller's transaction. */
    void vehicleChanged(String vin);

    /**
     * A vehicle's metadata file: {@code N.root.json}, {@code root.json}, {@code timestamp.json},
     * {@code snapshot.json} or {@code targets.json}. A vehicle without metadata yet gets its first version now.
     */
    Optional<byte[]> file(String vin, String name);

    /**
     * Regenerates what pending changes call for, now, on this thread.
     *
     * @return how many vehicles got a new version; -1 when another node holds the regeneration lease
     */
    int regeneratePending();
}

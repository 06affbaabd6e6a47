package io.pitwall.agent;

import java.util.Optional;

/**
 * SPI: puts images on one ECU (one implementation per ECU type: UDS flashing, an A/B rootfs updater, a
 * simulated ECU). The agent calls it from its loop only, after every check passed and the vehicle-state
 * rules held a moment ago. An installer must leave the ECU on a working image whatever happens — for
 * A/B that means rolling back by itself when the new image does not come up healthy — and must be safe
 * to call again for the same image after the agent crashed half-way.
 */
public interface EcuInstaller {

    /** What the ECU runs right now, for the manifest, the no-downgrade rule and crash recovery. */
    InstalledImage installed();

    /** Whether this ECU may overwrite its running image (no fallback slot). */
    default boolean allowsInPlace() {
        return false;
    }

    /** Installs, blocking until the ECU runs the new image or is back on a working one. */
    InstallOutcome install(InstallRequest request);

    /**
     * How the ECU's last install ended, if it was this assignment's install of the image with this SHA-256
     * and the ECU can tell (an A/B bootloader keeps a "fell back from the other slot" flag). After a crash, the agent asks this for an
     * ECU that does not run the target image: a rollback or a final failure the ECU remembers is reported
     * as such instead of installing again. Empty (the default) means "cannot tell": the install is redone.
     */
    default Optional<InstallOutcome> lastOutcome(String assignmentId, String imageSha256) {
        return Optional.empty();
    }
}

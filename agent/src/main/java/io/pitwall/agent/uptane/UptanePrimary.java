package io.pitwall.agent.uptane;

import io.pitwall.agent.uptane.UptaneRejected.Reason;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * Full verification as an Uptane primary: the director repository (this vehicle's assignments) and the image
 * repository (what was released, offline-signed) are each refreshed as TUF, then every image the director
 * assigns must be listed by the image repository with the same length, hashes, hardware id and release counter,
 * for an ECU this vehicle has, and not below the ECU's current release counter.
 *
 * <p>Director targets format (signed part), as the server's director repository serves it: {@code custom.vin}
 * and per target the image repository's entry ({@code custom: {"hardwareIds", "releaseCounter", "ecuType"}}) plus
 * {@code custom.ecuIdentifiers: {"<ecu serial>": {"hardwareId"}}} naming the ECUs that install it (Uptane's
 * ecuIdentifiers) and optionally {@code custom.authorizedRollback}. One target may serve several ECUs.
 *
 * <p><b>Rollback flag.</b> A lower release counter is accepted only when this primary was built with
 * {@code allowAuthorizedRollback} <em>and</em> the director marks the target {@code "authorizedRollback": true};
 * the image must still match the image repository exactly. The director's keys are online, so a director-key
 * compromise could set that flag: keep it off until the image repository (offline keys) marks known-good
 * releases itself.
 */
public final class UptanePrimary {

    /** What an ECU runs now, as the primary knows it. */
    public record EcuState(String serial, String hardwareId, long releaseCounter) {}

    /** An image both repositories agree on, for one ECU; {@code rollback} when it lowers the release counter. */
    public record VerifiedImage(String ecuSerial, TargetFile image, long releaseCounter, boolean rollback) {}

    private final String vin;
    private final TufClient director;
    private final TufClient images;
    private final boolean allowAuthorizedRollback;

    public UptanePrimary(String vin, TufClient director, TufClient images, boolean allowAuthorizedRollback) {
        this.vin = vin;
        this.director = director;
        this.images = images;
        this.allowAuthorizedRollback = allowAuthorizedRollback;
    }

    /**
     * Refreshes both repositories and returns the images the director assigns to this vehicle's ECUs. Both
     * repositories' new timestamp, snapshot and targets are persisted and trusted only after every check passed
     * (TUF, then VIN, ECU identifiers, hardware ids, agreement with the image repository, release counters):
     * metadata refused for any of them, say another vehicle's director metadata with higher versions, leaves the
     * trusted versions as they were, so this vehicle's own metadata is not refused as a rollback afterwards. (Roots
     * are shared by every vehicle and signed by root keys only; they are kept as the chain is followed.)
     *
     * @throws UptaneRejected on the first check that fails; nothing of the update may then be installed
     */
    public List<VerifiedImage> verify(Collection<EcuState> ecus) {
        Map<String, EcuState> bySerial = ecus.stream().collect(Collectors.toMap(EcuState::serial, Function.identity()));
        TufClient.Update directorUpdate = director.update();
        JsonNode signed = directorUpdate.targets();
        JsonNode delegations = signed.path("delegations");
        if (!delegations.isMissingNode()
                && !delegations.isNull()
                && (!delegations.path("roles").isEmpty()
                        || !delegations.path("keys").isEmpty())) {
            throw new UptaneRejected(Reason.DIRECTOR_DELEGATES, "the director's targets role delegates");
        }
        String signedVin = signed.path("custom").path("vin").asString("");
        if (!vin.equals(signedVin)) {
            throw new UptaneRejected(
                    Reason.WRONG_VEHICLE, "director targets are for \"" + signedVin + "\", not " + vin);
        }
        List<Assigned> assigned = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (var entry : signed.path("targets").properties()) {
            TargetFile target = TargetFile.of(Checks.safePath(entry.getKey()), entry.getValue(), "director");
            JsonNode identifiers = target.custom().path("ecuIdentifiers");
            if (!identifiers.isObject() || identifiers.isEmpty()) {
                throw new UptaneRejected(Reason.ECU_MISMATCH, "director target " + target.path() + " names no ECU");
            }
            for (var ecu : identifiers.properties()) {
                String serial = ecu.getKey();
                if (!bySerial.containsKey(serial) || !seen.add(serial)) {
                    throw new UptaneRejected(
                            Reason.ECU_MISMATCH,
                            "director targets list ECU \"" + serial + "\" twice or it is not in this vehicle");
                }
                assigned.add(new Assigned(
                        target,
                        bySerial.get(serial),
                        ecu.getValue().path("hardwareId").asString("")));
            }
        }
        if (assigned.isEmpty()) {
            directorUpdate.commit();
            return List.of();
        }
        TufClient.Update imageUpdate = images.update();
        List<VerifiedImage> verified = new ArrayList<>();
        for (Assigned one : assigned) {
            verified.add(agree(imageUpdate, one.target(), one.ecu(), one.hardwareId()));
        }
        imageUpdate.commit();
        directorUpdate.commit();
        return verified;
    }

    private record Assigned(TargetFile target, EcuState ecu, String hardwareId) {}

    private VerifiedImage agree(
            TufClient.Update imageRepository, TargetFile fromDirector, EcuState ecu, String hardware) {
        String path = fromDirector.path();
        TargetFile released = imageRepository
                .findTarget(path)
                .orElseThrow(() -> new UptaneRejected(
                        Reason.NOT_IN_IMAGE_REPOSITORY, "the image repository does not list " + path));
        if (released.length() != fromDirector.length()) {
            throw new UptaneRejected(
                    Reason.LENGTH_MISMATCH,
                    path + ": director length " + fromDirector.length() + ", image repository " + released.length());
        }
        int common = 0;
        for (var hash : fromDirector.hashes().entrySet()) {
            String other = released.hashes().get(hash.getKey());
            if (other != null) {
                if (!other.equalsIgnoreCase(hash.getValue())) {
                    throw new UptaneRejected(Reason.HASH_MISMATCH, path + ": " + hash.getKey() + " differs");
                }
                common++;
            }
        }
        if (common == 0) {
            throw new UptaneRejected(Reason.HASH_MISMATCH, path + ": no hash algorithm in common");
        }
        Set<String> releasedFor = new HashSet<>();
        released.custom().path("hardwareIds").forEach(id -> releasedFor.add(id.asString("")));
        if (!hardware.equals(ecu.hardwareId()) || !releasedFor.contains(hardware)) {
            throw new UptaneRejected(
                    Reason.HARDWARE_MISMATCH,
                    path + ": ECU " + ecu.serial() + " is " + ecu.hardwareId() + ", director says " + hardware
                            + ", released for " + releasedFor);
        }
        JsonNode counter = fromDirector.custom().path("releaseCounter");
        JsonNode releasedCounter = released.custom().path("releaseCounter");
        if (!counter.isIntegralNumber()
                || !releasedCounter.isIntegralNumber()
                || counter.longValue() != releasedCounter.longValue()) {
            throw new UptaneRejected(
                    Reason.RELEASE_COUNTER_MISMATCH,
                    path + ": director release counter " + counter + ", image repository " + releasedCounter);
        }
        boolean rollback = counter.longValue() < ecu.releaseCounter();
        if (rollback
                && !(allowAuthorizedRollback
                        && fromDirector.custom().path("authorizedRollback").asBoolean(false))) {
            throw new UptaneRejected(
                    Reason.RELEASE_COUNTER_LOWER,
                    path + ": release counter " + counter.longValue() + " is below ECU " + ecu.serial() + "'s "
                            + ecu.releaseCounter());
        }
        return new VerifiedImage(ecu.serial(), released, counter.longValue(), rollback);
    }
}

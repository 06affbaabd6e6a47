package io.pitwall.agent;

import io.pitwall.agent.uptane.Limits;
import io.pitwall.agent.uptane.TrustedTime;
import io.pitwall.agent.uptane.TufClient;
import io.pitwall.agent.uptane.UptanePrimary;
import io.pitwall.agent.uptane.UptanePrimary.EcuState;
import io.pitwall.agent.uptane.UptanePrimary.VerifiedImage;
import io.pitwall.agent.uptane.UptaneRejected;
import io.pitwall.agent.uptane.UptaneRejected.Reason;
import io.pitwall.protocol.device.DevicePaths;
import io.pitwall.protocol.device.EcuTarget;
import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The assignment as an Uptane primary sees it: refreshes this vehicle's director repository and the image
 * repository through the agent's transport, runs {@link UptanePrimary} for every ECU, and requires each pending
 * target of the assignment to be exactly what the signed director targets name for its ECU. Network trouble and
 * a director that does not list the assignment yet (it is regenerated just after the assignment is made) are
 * {@link NotYet}; every refusal of the metadata is {@link Refused} with the {@link Reason}'s name as code.
 */
final class UptaneGate {

    /** The outcome of one check. */
    sealed interface Verdict permits Agreed, Refused, NotYet {}

    /** Both repositories agree with the assignment. */
    record Agreed(List<VerifiedImage> images) implements Verdict {}

    /** Refuse the update: {@code code} is the event's code. */
    record Refused(String code, String detail) implements Verdict {}

    /** Try again later; {@code directorLags}: the metadata verified but does not list the assignment yet. */
    record NotYet(boolean directorLags, String detail) implements Verdict {}

    private static final java.util.Set<Reason> REREAD =
            java.util.EnumSet.of(Reason.HASH_MISMATCH, Reason.LENGTH_MISMATCH, Reason.TOO_LARGE);
    private final UptanePrimary primary;

    UptaneGate(AgentBuilder.UptaneTrust trust, Transport transport, MetadataStore store, Clock clock) {
        TrustedTime time = new TrustedTime(clock, store);
        TufClient director = new TufClient(
                "director",
                new TransportFetcher(transport, DevicePaths.PREFIX + "/vehicles/" + trust.vin() + "/director/"),
                store,
                time,
                Limits.defaults());
        TufClient images =
                new TufClient("image", new TransportFetcher(transport, "/repo/"), store, time, Limits.defaults());
        director.provision(trust.directorRoot());
        images.provision(trust.imageRoot());
        // Lower release counters pass only where the director's signed targets say authorizedRollback.
        this.primary = new UptanePrimary(trust.vin(), director, images, true);
    }

    Verdict check(Collection<Ecu> ecus, List<EcuTarget> pending) {
        List<EcuState> states = ecus.stream()
                .map(ecu -> new EcuState(
                        ecu.serial(),
                        ecu.hardwareId(),
                        ecu.installer().installed().releaseCounter()))
                .toList();
        List<VerifiedImage> verified;
        try {
            try {
                verified = primary.verify(states);
            } catch (UptaneRejected e) {
                if (!REREAD.contains(e.reason())) {
                    throw e;
                }
                // The director's files are not consistent snapshots: a regeneration between our timestamp,
                // snapshot and targets requests looks like this. Read once more; a lasting mismatch is refused.
                verified = primary.verify(states);
            }
        } catch (UptaneRejected e) {
            if (e.reason() == Reason.UNREACHABLE || e.reason() == Reason.SLOW_RETRIEVAL) {
                return new NotYet(false, e.getMessage());
            }
            return new Refused(e.reason().name(), e.getMessage());
        }
        Map<String, VerifiedImage> bySerial = new HashMap<>();
        verified.forEach(image -> bySerial.put(image.ecuSerial(), image));
        for (EcuTarget target : pending) {
            VerifiedImage image = bySerial.get(target.ecuSerial());
            if (image == null || !image.image().path().equals(target.targetPath())) {
                return new NotYet(
                        true, "the director does not list " + target.targetPath() + " for ECU " + target.ecuSerial());
            }
            if (image.image().length() != target.length()) {
                return new Refused(
                        FailureCode.LENGTH_MISMATCH.name(),
                        target.targetPath() + ": the assignment's length differs from the signed director targets");
            }
            if (!target.hashes()
                    .sha256()
                    .equalsIgnoreCase(image.image().hashes().getOrDefault("sha256", ""))) {
                return new Refused(
                        FailureCode.HASH_MISMATCH.name(),
                        target.targetPath() + ": the assignment's sha256 differs from the signed director targets");
            }
            if (image.releaseCounter() != target.releaseCounter()) {
                return new Refused(
                        FailureCode.RELEASE_COUNTER_MISMATCH.name(),
                        target.targetPath()
                                + ": the assignment's release counter differs from the signed director targets");
            }
        }
        return new Agreed(verified);
    }
}

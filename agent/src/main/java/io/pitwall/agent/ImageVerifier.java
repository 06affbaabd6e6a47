package io.pitwall.agent;

import io.pitwall.protocol.device.EcuTarget;
import io.pitwall.protocol.tuf.Envelope;
import io.pitwall.protocol.tuf.SignedTarget;
import io.pitwall.protocol.tuf.TargetEntry;
import io.pitwall.protocol.tuf.TufKey;
import java.util.Map;
import java.util.Optional;

/**
 * Checks an assignment's target before a single byte is downloaded: the signed targets entry verifies
 * against a trusted key, and the assignment agrees with it (length, hashes, hardware id, release
 * counter) and with the ECU (hardware id, no lower release counter unless the assignment is an authorized
 * rollback: the server sets that only for an approved rollback campaign to the known-good release).
 */
final class ImageVerifier {

    private final Map<String, TufKey> trusted;

    ImageVerifier(Map<String, TufKey> trusted) {
        this.trusted = Map.copyOf(trusted);
    }

    Optional<Refusal> check(EcuTarget target, String ecuHardwareId, long installedReleaseCounter) {
        return check(target, ecuHardwareId, installedReleaseCounter, false);
    }

    Optional<Refusal> check(
            EcuTarget target, String ecuHardwareId, long installedReleaseCounter, boolean authorizedRollback) {
        if (target.signedTarget() == null) {
            return refuse(FailureCode.SIGNATURE_INVALID, "the target carries no signed targets entry");
        }
        Envelope envelope;
        try {
            envelope = target.envelope();
        } catch (IllegalArgumentException e) {
            return refuse(FailureCode.METADATA_INVALID, e.getMessage());
        }
        if (envelope.validSignatures(trusted) < 1) {
            return refuse(FailureCode.SIGNATURE_INVALID, "no valid signature by a trusted key");
        }
        TargetEntry entry;
        try {
            entry = SignedTarget.verify(envelope, target.targetPath(), trusted);
        } catch (IllegalArgumentException e) {
            return refuse(FailureCode.METADATA_INVALID, e.getMessage());
        }
        return agreement(target, entry, ecuHardwareId, installedReleaseCounter, authorizedRollback);
    }

    private static Optional<Refusal> agreement(
            EcuTarget target,
            TargetEntry entry,
            String ecuHardwareId,
            long installedReleaseCounter,
            boolean authorizedRollback) {
        if (entry.length() != target.length()) {
            return refuse(
                    FailureCode.LENGTH_MISMATCH, "signed length " + entry.length() + ", assigned " + target.length());
        }
        Map<String, String> assigned = target.hashes().asMap();
        for (var hash : entry.hashes().entrySet()) {
            String other = assigned.get(hash.getKey());
            if (other != null && !other.equals(hash.getValue())) {
                return refuse(FailureCode.HASH_MISMATCH, "signed " + hash.getKey() + " differs from the assignment");
            }
        }
        if (!target.hashes().sha256().equals(entry.sha256())) {
            return refuse(FailureCode.HASH_MISMATCH, "signed sha256 differs from the assignment");
        }
        if (!target.hardwareId().equals(ecuHardwareId) || !entry.hardwareIds().contains(ecuHardwareId)) {
            return refuse(
                    FailureCode.HARDWARE_MISMATCH,
                    "ECU hardware " + ecuHardwareId + ", assigned " + target.hardwareId() + ", signed for "
                            + entry.hardwareIds());
        }
        if (entry.releaseCounter() != target.releaseCounter()) {
            return refuse(
                    FailureCode.RELEASE_COUNTER_MISMATCH,
                    "signed release counter " + entry.releaseCounter() + ", assigned " + target.releaseCounter());
        }
        if (entry.releaseCounter() < installedReleaseCounter && !authorizedRollback) {
            return refuse(
                    FailureCode.RELEASE_COUNTER_LOWER,
                    "release counter " + entry.releaseCounter() + " is below the installed " + installedReleaseCounter);
        }
        return Optional.empty();
    }

    private static Optional<Refusal> refuse(FailureCode code, String detail) {
        return Optional.of(new Refusal(code, detail));
    }
}

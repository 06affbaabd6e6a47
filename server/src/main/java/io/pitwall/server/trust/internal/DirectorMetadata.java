package io.pitwall.server.trust.internal;

import io.pitwall.protocol.tuf.CanonicalJson;
import io.pitwall.protocol.tuf.Envelope;
import io.pitwall.protocol.tuf.RoleMetadata;
import io.pitwall.protocol.tuf.Root;
import io.pitwall.protocol.tuf.TufKey;
import io.pitwall.protocol.tuf.TufTime;
import io.pitwall.server.trust.DirectorTarget;
import io.pitwall.server.trust.persistence.DirectorFiles;
import java.security.PrivateKey;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds and signs one vehicle's director targets, snapshot and timestamp. Pure: no database, no Spring.
 * Targets list each image once under the image repository's target path with its entry unchanged, plus
 * {@code custom.ecuIdentifiers} {serial: {hardwareId}} for the ECUs that should install it (and
 * {@code custom.authorizedRollback: true} for a rollback campaign's image); the signed part
 * carries {@code custom.vin}, so the metadata cannot be replayed to another vehicle.
 */
final class DirectorMetadata {

    /** The online keys signing the three roles, each trusted by the director root in force. */
    record Signers(Map<TufKey, PrivateKey> targets, Map<TufKey, PrivateKey> snapshot, Map<TufKey, PrivateKey> timestamp) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private DirectorMetadata() {
    }

    /** What the targets say apart from version and expiry: target list and VIN. Its hash detects no-op changes. */
    static ObjectNode content(String vin, List<DirectorTarget> targets) {
        ObjectNode content = JSON.createObjectNode();
        ObjectNode list = content.putObject("targets");
        Map<String, List<DirectorTarget>> byPath = new TreeMap<>();
        for (DirectorTarget t : targets) {
            byPath.computeIfAbsent(t.targetPath(), p -> new java.util.ArrayList<>()).add(t);
        }
        byPath.forEach((path, ecus) -> {
            ObjectNode entry = ecus.get(0).entry().toJson();
            ObjectNode custom = (ObjectNode) entry.get("custom");
            if (ecus.stream().anyMatch(DirectorTarget::authorizedRollback)) {
                // Signed, so a vehicle takes the lower release counter on the director's word, not the check-in's.
                custom.put("authorizedRollback", true);
            }
            ObjectNode ids = custom.putObject("ecuIdentifiers");
            new TreeMap<String, String>(ecus.stream().collect(java.util.stream.Collectors.toMap(
                    DirectorTarget::ecuSerial, DirectorTarget::hardwareId, (a, b) -> a)))
                    .forEach((serial, hw) -> ids.putObject(serial).put("hardwareId", hw));
            list.set(path, entry);
        });
        content.putObject("custom").put("vin", vin);
        return content;
    }

    static String contentHash(ObjectNode content) {
        return RoleMetadata.digest("sha256", CanonicalJson.bytes(content));
    }

    /** Signs targets, snapshot and timestamp, all with {@code version}, expiring at {@code expires}. */
    static DirectorFiles.VehicleFiles sign(String vin, ObjectNode content, String contentHash, long version,
            Instant expires, Signers signers) {
        ObjectNode signed = JSON.createObjectNode();
        signed.put("_type", "targets");
        signed.put("spec_version", Root.SPEC_VERSION);
        signed.put("version", version);
        signed.put("expires", TufTime.format(expires));
        signed.set("targets", content.get("targets"));
        signed.set("custom", content.get("custom"));
        byte[] targets = bytes(Ed25519Signing.sign(signed, signers.targets()));
        byte[] snapshot = bytes(Ed25519Signing.sign(RoleMetadata.snapshot(version, expires, version, targets),
                signers.snapshot()));
        byte[] timestamp = bytes(Ed25519Signing.sign(RoleMetadata.timestamp(version, expires, version, snapshot),
                signers.timestamp()));
        return new DirectorFiles.VehicleFiles(vin, version, contentHash, targets, snapshot, timestamp,
                expires.atOffset(ZoneOffset.UTC));
    }

    static byte[] bytes(Envelope envelope) {
        return JSON.writeValueAsBytes(envelope.toJson());
    }
}

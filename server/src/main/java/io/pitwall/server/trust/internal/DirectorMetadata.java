package io.pitwall.server.trust.internal;

import io.pitwall.protocol.tuf.CanonicalJson;
import io.pitwall.protocol.tuf.Envelope;
import io.pitwall.protocol.tuf.RoleMetadata;
import io.pitwall.protocol.tuf.Root;
import io.pitwall.protocol.tuf.TufKey;
import io.pitwall.protocol.tuf.TufTime;
import io.pitwall.server.trust.persistence.DirectorFiles;
import io.pitwall.server.trust.spi.DirectorTarget;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
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
    record Signers(
            Map<TufKey, PrivateKey> targets, Map<TufKey, PrivateKey> snapshot, Map<TufKey, PrivateKey> timestamp) {}

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private DirectorMetadata() {}

    /** What the targets say apart from version and expiry: target list and VIN. Its hash detects no-op changes. */
    static ObjectNode content(String vin, List<DirectorTarget> targets) {
        ObjectNode content = JSON.createObjectNode();
        ObjectNode list = content.putObject("targets");
        Map<String, List<DirectorTarget>> byPath = new TreeMap<>();
        for (DirectorTarget t : targets) {
            byPath.computeIfAbsent(t.targetPath(), p -> new java.util.ArrayList<>())
                    .add(t);
        }
        byPath.forEach((path, ecus) -> {
            ObjectNode entry = ecus.get(0).entry().toJson();
            ObjectNode custom = (ObjectNode) entry.get("custom");
            if (ecus.stream().anyMatch(DirectorTarget::authorizedRollback)) {
                // Signed, so a vehicle takes the lower release counter on the director's word, not the check-in's.
                custom.put("authorizedRollback", true);
            }
            ObjectNode ids = custom.putObject("ecuIdentifiers");
            new TreeMap<String, String>(ecus.stream()
                            .collect(java.util.stream.Collectors.toMap(
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

    /** A vehicle's content and its canonical parts, each produced once and reused by the hash and the targets. */
    record Content(ObjectNode tree, String targets, String custom, String sha256) {

        static Content of(String vin, List<DirectorTarget> targets) {
            ObjectNode tree = content(vin, targets);
            String list = CanonicalJson.string(tree.get("targets"));
            String custom = CanonicalJson.string(tree.get("custom"));
            // The canonical form of the whole tree, keys sorted: what contentHash(tree) hashes.
            String whole = "{\"custom\":" + custom + ",\"targets\":" + list + "}";
            return new Content(tree, list, custom, RoleMetadata.digest("sha256", utf8(whole)));
        }
    }

    /**
     * Signs targets, snapshot and timestamp, all with {@code version}, expiring at {@code expires}. Each signed
     * part is written once, in canonical form, and served as is inside its envelope (canonical JSON is valid
     * JSON when no string holds a control character; a target list with one is served as Jackson writes it).
     */
    static DirectorFiles.VehicleFiles sign(
            String vin, Content content, long version, Instant expires, Signers signers) {
        String expiry = TufTime.format(expires);
        String signedTargets = "{\"_type\":\"targets\",\"custom\":" + content.custom() + ",\"expires\":\"" + expiry
                + "\",\"spec_version\":\"" + Root.SPEC_VERSION + "\",\"targets\":" + content.targets()
                + ",\"version\":" + version + "}";
        String servedTargets = hasControlCharacter(signedTargets)
                ? JSON.writeValueAsString(targetsTree(content, version, expiry))
                : signedTargets;
        byte[] targets = envelope(utf8(signedTargets), servedTargets, signers.targets());
        byte[] snapshot = signedFile(
                canonicalMeta("snapshot", "targets.json", version, expiry, targets, true), signers.snapshot());
        byte[] timestamp = signedFile(
                canonicalMeta("timestamp", "snapshot.json", version, expiry, snapshot, false), signers.timestamp());
        return new DirectorFiles.VehicleFiles(
                vin, version, content.sha256(), targets, snapshot, timestamp, expires.atOffset(ZoneOffset.UTC));
    }

    /** The canonical signed part of a snapshot or timestamp naming one file, as RoleMetadata builds it. */
    static String canonicalMeta(String type, String file, long version, String expiry, byte[] bytes, boolean sha512) {
        StringBuilder out = new StringBuilder(320)
                .append("{\"_type\":\"")
                .append(type)
                .append("\",\"expires\":\"")
                .append(expiry)
                .append("\",\"meta\":{\"")
                .append(file)
                .append("\":{\"hashes\":{\"sha256\":\"")
                .append(RoleMetadata.digest("sha256", bytes))
                .append('"');
        if (sha512) {
            out.append(",\"sha512\":\"")
                    .append(RoleMetadata.digest("sha512", bytes))
                    .append('"');
        }
        return out.append("},\"length\":")
                .append(bytes.length)
                .append(",\"version\":")
                .append(version)
                .append("}},\"spec_version\":\"")
                .append(Root.SPEC_VERSION)
                .append("\",\"version\":")
                .append(version)
                .append('}')
                .toString();
    }

    private static byte[] signedFile(String canonical, Map<TufKey, PrivateKey> keys) {
        return envelope(utf8(canonical), canonical, keys);
    }

    /** {"signed": …, "signatures": [{"keyid", "sig"}, …]}: one signature per key, in map order. */
    private static byte[] envelope(byte[] message, String served, Map<TufKey, PrivateKey> keys) {
        StringBuilder out = new StringBuilder(served.length() + 200 * keys.size())
                .append("{\"signed\":")
                .append(served)
                .append(",\"signatures\":[");
        boolean first = true;
        for (Map.Entry<TufKey, PrivateKey> key : keys.entrySet()) {
            out.append(first ? "" : ",")
                    .append("{\"keyid\":\"")
                    .append(key.getKey().keyId())
                    .append("\",\"sig\":\"")
                    .append(HexFormat.of().formatHex(Ed25519Signing.sign(key.getValue(), message)))
                    .append("\"}");
            first = false;
        }
        return utf8(out.append("]}").toString());
    }

    private static ObjectNode targetsTree(Content content, long version, String expiry) {
        ObjectNode signed = JSON.createObjectNode();
        signed.put("_type", "targets");
        signed.put("spec_version", Root.SPEC_VERSION);
        signed.put("version", version);
        signed.put("expires", expiry);
        signed.set("targets", content.tree().get("targets"));
        signed.set("custom", content.tree().get("custom"));
        return signed;
    }

    private static boolean hasControlCharacter(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < 0x20) {
                return true;
            }
        }
        return false;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] bytes(Envelope envelope) {
        return JSON.writeValueAsBytes(envelope.toJson());
    }
}

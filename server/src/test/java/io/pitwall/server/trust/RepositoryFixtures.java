package io.pitwall.server.trust;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.protocol.tuf.Envelope;
import io.pitwall.protocol.tuf.RoleMetadata;
import io.pitwall.protocol.tuf.Root;
import io.pitwall.server.support.ApiClient;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Publishes images through the catalog API and walks the image repository the way a TUF client does. */
final class RepositoryFixtures {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    /** A published image: its target path and bytes. */
    record Published(String targetPath, String hardwareId, String fileName, byte[] bytes) {}

    private RepositoryFixtures() {}

    /** Registers, uploads and publishes (in a release of its own) one image for new hardware. */
    static Published publishImage(ApiClient admin, long counter) {
        String hw = "REPO-" + ProcessHandle.current().pid() + "-" + SEQUENCE.incrementAndGet();
        String fileName = "fw-" + counter + ".bin";
        Map<String, Object> body = new HashMap<>(Map.of(
                "hardwareId",
                hw,
                "name",
                "Firmware",
                "version",
                counter + ".0",
                "releaseCounter",
                counter,
                "fileName",
                fileName,
                "installType",
                "AB",
                "riskClass",
                "LOW",
                "ecuType",
                "TCU",
                "newHardware",
                true));
        var created = admin.post("/api/v1/images", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long id = created.json().get("id").asLong();
        byte[] bytes = new byte[2048];
        ThreadLocalRandom.current().nextBytes(bytes);
        var uploaded = admin.send("PUT", "/api/v1/images/" + id + "/content", "application/octet-stream", bytes);
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(200);
        var release = admin.post(
                "/api/v1/releases",
                Map.of("name", "Repo " + hw, "version", "1.0", "notes", "n", "imageIds", List.of(id)));
        assertThat(release.status()).as(release.body()).isEqualTo(201);
        var published =
                admin.post("/api/v1/releases/" + release.json().get("id").asLong() + "/publish", "");
        assertThat(published.status()).as(published.body()).isEqualTo(200);
        return new Published(hw + "/" + fileName, hw, fileName, bytes);
    }

    static byte[] bytes(ApiClient api, String path) {
        var answer = api.download("GET", path, null);
        assertThat(answer.status()).as(path).isEqualTo(200);
        return answer.body();
    }

    static Envelope envelope(byte[] bytes) {
        return Envelope.fromJson(JSON.readTree(bytes));
    }

    /** The highest root version served (walking N+1 until 404). */
    static Root latestRoot(ApiClient api) {
        Root root = null;
        for (int n = 1; api.download("GET", "/repo/" + n + ".root.json", null).status() == 200; n++) {
            root = Root.fromSigned(
                    envelope(bytes(api, "/repo/" + n + ".root.json")).signed());
        }
        return root;
    }

    /**
     * Walks timestamp → snapshot → targets as a TUF client does, checking signatures against the root,
     * versions, lengths and hashes; answers the signed targets part.
     */
    static JsonNode verifiedTargets(ApiClient api, Root root) {
        Envelope timestamp = envelope(bytes(api, "/repo/timestamp.json"));
        assertThat(root.signedBy(timestamp, "timestamp")).isTrue();
        JsonNode snapshotMeta = timestamp.signed().get("meta").get("snapshot.json");
        byte[] snapshotBytes = bytes(api, "/repo/" + snapshotMeta.get("version").asLong() + ".snapshot.json");
        assertThat(snapshotBytes).hasSize(snapshotMeta.get("length").asInt());
        assertThat(RoleMetadata.digest("sha256", snapshotBytes))
                .isEqualTo(snapshotMeta.get("hashes").get("sha256").asString());
        Envelope snapshot = envelope(snapshotBytes);
        assertThat(root.signedBy(snapshot, "snapshot")).isTrue();
        assertThat(snapshot.signed().get("version").asLong())
                .isEqualTo(snapshotMeta.get("version").asLong());
        JsonNode targetsMeta = snapshot.signed().get("meta").get("targets.json");
        byte[] targetsBytes = bytes(api, "/repo/" + targetsMeta.get("version").asLong() + ".targets.json");
        assertThat(targetsBytes).hasSize(targetsMeta.get("length").asInt());
        assertThat(RoleMetadata.digest("sha512", targetsBytes))
                .isEqualTo(targetsMeta.get("hashes").get("sha512").asString());
        Envelope targets = envelope(targetsBytes);
        assertThat(root.signedBy(targets, "targets")).isTrue();
        return targets.signed();
    }
}

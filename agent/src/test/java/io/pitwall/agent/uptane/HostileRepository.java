package io.pitwall.agent.uptane;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.pitwall.protocol.tuf.Ed25519;
import io.pitwall.protocol.tuf.Envelope;
import io.pitwall.protocol.tuf.RoleMetadata;
import io.pitwall.protocol.tuf.Root;
import io.pitwall.protocol.tuf.TufKey;
import io.pitwall.protocol.tuf.TufTime;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A TUF repository the test controls completely — the hostile party of the attack tests. It signs real metadata
 * with protocol's classes and serves whatever files the test leaves in {@link #files} over real HTTP on
 * 127.0.0.1; a test tampers with those bytes, re-signs with wrong keys, or makes a file trickle.
 */
final class HostileRepository implements AutoCloseable {

    static final JsonMapper JSON = JsonMapper.builder().build();

    static {
        // Without TCP_NODELAY the JDK server's separate header and body writes meet delayed ACKs: ~40 ms a request.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    final Map<String, byte[]> files = new ConcurrentHashMap<>();
    final Map<String, Consumer<HttpExchange>> handlers = new ConcurrentHashMap<>();
    final Map<String, List<KeyPair>> keys = new LinkedHashMap<>();
    final Map<String, Integer> thresholds = new LinkedHashMap<>();
    final Map<String, JsonNode> targets = new LinkedHashMap<>();
    final ObjectNode extraTargetsFields = JSON.createObjectNode();
    /** Delegated role files published so far: a snapshot keeps listing them, as TUF requires. */
    final Map<String, byte[]> delegatedRoles = new LinkedHashMap<>();

    private final HttpServer server;
    private final Instant now;
    Duration lifetime = Duration.ofDays(7);
    Duration rootLifetime = Duration.ofDays(365);
    long rootVersion;
    long timestampVersion;
    long snapshotVersion;
    long targetsVersion;
    final List<String> requests = new ArrayList<>();

    HostileRepository(Instant now) throws IOException {
        this.now = now;
        for (String role : Root.ROLES) {
            keys.put(role, new ArrayList<>(List.of(Ed25519.generate())));
            thresholds.put(role, 1);
        }
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::serve);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    HttpFetcher fetcher(Duration deadline) {
        return new HttpFetcher(
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build(), base(), deadline);
    }

    /** The current root's signed part (version {@link #rootVersion}). */
    Root root() {
        Map<String, TufKey> all = new LinkedHashMap<>();
        Map<String, Root.RoleKeys> roles = new LinkedHashMap<>();
        keys.forEach((role, pairs) -> {
            List<String> ids = new ArrayList<>();
            pairs.forEach(pair -> {
                TufKey key = TufKey.of(pair.getPublic());
                all.put(key.keyId(), key);
                ids.add(key.keyId());
            });
            roles.put(role, new Root.RoleKeys(ids, thresholds.get(role)));
        });
        return new Root(rootVersion, now.plus(rootLifetime), true, all, roles);
    }

    /** Publishes root {@code ++rootVersion}, signed by {@code signers} (for a rotation: old and new root keys). */
    byte[] publishRoot(List<KeyPair> signers) {
        rootVersion++;
        byte[] bytes = sign(root().toSigned(), signers);
        files.put(rootVersion + ".root.json", bytes);
        return bytes;
    }

    byte[] publishRoot() {
        return publishRoot(keys.get("root"));
    }

    void target(String path, byte[] image, String hardwareId, long releaseCounter, ObjectNode extraCustom) {
        ObjectNode entry = JSON.createObjectNode();
        entry.put("length", image.length);
        entry.putObject("hashes")
                .put("sha256", RoleMetadata.digest("sha256", image))
                .put("sha512", RoleMetadata.digest("sha512", image));
        ObjectNode custom = entry.putObject("custom");
        custom.putArray("hardwareIds").add(hardwareId);
        custom.put("hardwareId", hardwareId);
        custom.put("releaseCounter", releaseCounter);
        if (extraCustom != null) {
            custom.setAll(extraCustom);
        }
        targets.put(path, entry);
        files.put("targets/" + path, image);
    }

    ObjectNode targetsSigned(long version) {
        ObjectNode signed = common("targets", version);
        ObjectNode list = signed.putObject("targets");
        targets.forEach(list::set);
        signed.setAll(extraTargetsFields.deepCopy());
        return signed;
    }

    /** Signs and serves new targets, snapshot and timestamp (each version one higher). */
    void publish() {
        publishTargets(targetsSigned(++targetsVersion), Map.of());
    }

    /** Serves {@code targetsSigned} plus delegated role files ({@code name → bytes}) under a new snapshot. */
    void publishTargets(ObjectNode targetsSigned, Map<String, byte[]> delegated) {
        byte[] targetsBytes = sign(targetsSigned, keys.get("targets"));
        targetsVersion = targetsSigned.path("version").longValue();
        files.put(targetsVersion + ".targets.json", targetsBytes);
        ObjectNode snapshot = common("snapshot", ++snapshotVersion);
        ObjectNode meta = snapshot.putObject("meta");
        meta.putObject("targets.json").put("version", targetsVersion);
        delegatedRoles.putAll(delegated);
        delegatedRoles.forEach((name, bytes) -> {
            long v = readVersion(bytes);
            meta.putObject(name + ".json").put("version", v);
            files.put(v + "." + name + ".json", bytes);
        });
        files.put(snapshotVersion + ".snapshot.json", sign(snapshot, keys.get("snapshot")));
        publishTimestamp();
    }

    void publishTimestamp() {
        byte[] snapshotBytes = files.get(snapshotVersion + ".snapshot.json");
        ObjectNode timestamp = common("timestamp", ++timestampVersion);
        ObjectNode meta = timestamp.putObject("meta").putObject("snapshot.json");
        meta.put("version", snapshotVersion).put("length", snapshotBytes.length);
        meta.putObject("hashes").put("sha256", RoleMetadata.digest("sha256", snapshotBytes));
        files.put("timestamp.json", sign(timestamp, keys.get("timestamp")));
    }

    ObjectNode common(String type, long version) {
        ObjectNode signed = JSON.createObjectNode();
        signed.put("_type", type);
        signed.put("spec_version", Root.SPEC_VERSION);
        signed.put("version", version);
        signed.put("expires", TufTime.format(now.plus(lifetime)));
        return signed;
    }

    static byte[] sign(JsonNode signed, List<KeyPair> signers) {
        Map<TufKey, java.security.PrivateKey> by = new LinkedHashMap<>();
        signers.forEach(pair -> by.put(TufKey.of(pair.getPublic()), pair.getPrivate()));
        return JSON.writeValueAsBytes(Envelope.sign(signed, by).toJson());
    }

    static long readVersion(byte[] envelope) {
        return JSON.readTree(envelope).path("signed").path("version").longValue();
    }

    /** The parsed file, to tamper with and write back. */
    ObjectNode tree(String name) {
        return (ObjectNode) JSON.readTree(files.get(name));
    }

    private void serve(HttpExchange exchange) throws IOException {
        String name = exchange.getRequestURI().getPath().substring(1);
        synchronized (requests) {
            requests.add(name);
        }
        Consumer<HttpExchange> handler = handlers.get(name);
        if (handler != null) {
            handler.accept(exchange);
            return;
        }
        byte[] body = files.get(name);
        if (body == null) {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
        }
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private boolean closed;

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            server.stop(0);
        }
    }
}

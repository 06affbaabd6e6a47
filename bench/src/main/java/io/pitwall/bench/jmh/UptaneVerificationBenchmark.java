package io.pitwall.bench.jmh;

import com.sun.net.httpserver.HttpServer;
import io.pitwall.agent.MetadataStore;
import io.pitwall.agent.storage.InMemoryStorage;
import io.pitwall.agent.uptane.HttpFetcher;
import io.pitwall.agent.uptane.Limits;
import io.pitwall.agent.uptane.TrustedTime;
import io.pitwall.agent.uptane.TufClient;
import io.pitwall.agent.uptane.UptanePrimary;
import io.pitwall.agent.uptane.UptanePrimary.EcuState;
import io.pitwall.agent.uptane.UptanePrimary.VerifiedImage;
import io.pitwall.protocol.tuf.Ed25519;
import io.pitwall.protocol.tuf.Envelope;
import io.pitwall.protocol.tuf.RoleMetadata;
import io.pitwall.protocol.tuf.Root;
import io.pitwall.protocol.tuf.TargetEntry;
import io.pitwall.protocol.tuf.TufKey;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The agent's full Uptane verification on a check-in where nothing changed (target of issue 5: ≤ 50 ms): the
 * director and image repositories (4 ECU images each) are served over real HTTP on 127.0.0.1 by this JVM, the
 * primary refreshes both (root N+1 probe and timestamp per repository, the rest from trusted metadata) and
 * cross-checks all four images. {@code warm}: the running agent; {@code afterRestart}: clients rebuilt from the
 * stored metadata first (every stored file parsed and its signatures checked again).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class UptaneVerificationBenchmark {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static {
        // The stand-in repository must not add Nagle/delayed-ACK stalls (~40 ms a request) that a real server
        // (TCP_NODELAY on) does not have: the benchmark measures the agent.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private static final String VIN = "WVWZZZ1JZXW000001";
    private HttpServer server;
    private final Map<String, byte[]> files = new java.util.concurrent.ConcurrentHashMap<>();
    private final InMemoryStorage storage = new InMemoryStorage();
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<EcuState> ecus = new ArrayList<>();
    private UptanePrimary warm;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = files.get(exchange.getRequestURI().getPath());
            exchange.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
            if (body != null) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
            exchange.close();
        });
        server.start();
        Map<String, TargetEntry> released = new LinkedHashMap<>();
        ObjectNode assigned = JSON.createObjectNode();
        for (int i = 1; i <= 4; i++) {
            byte[] image = ("image of ECU " + i).repeat(1000).getBytes();
            String hw = "HW-" + i;
            TargetEntry entry = new TargetEntry(
                    image.length,
                    Map.of(
                            "sha256",
                            RoleMetadata.digest("sha256", image),
                            "sha512",
                            RoleMetadata.digest("sha512", image)),
                    List.of(hw),
                    7,
                    "TCU");
            released.put(hw + "/fw-7.bin", entry);
            ObjectNode forEcu = entry.toJson();
            ((ObjectNode) forEcu.path("custom"))
                    .putObject("ecuIdentifiers")
                    .putObject("ecu-" + i)
                    .put("hardwareId", hw);
            assigned.set(hw + "/fw-7.bin", forEcu);
            ecus.add(new EcuState("ecu-" + i, hw, 6));
        }
        Instant expires = Instant.now().plus(Duration.ofDays(1));
        ObjectNode imageTargets = RoleMetadata.targets(1, expires, released);
        ObjectNode directorTargets = RoleMetadata.targets(1, expires, Map.of());
        directorTargets.set("targets", assigned);
        directorTargets.putObject("custom").put("vin", VIN);
        publish("/image/", imageTargets, expires);
        publish("/director/", directorTargets, expires);
        warm = primary();
        warm.verify(ecus);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        server.stop(0);
    }

    @Benchmark
    public List<VerifiedImage> warm() {
        return warm.verify(ecus);
    }

    @Benchmark
    public List<VerifiedImage> afterRestart() {
        return primary().verify(ecus);
    }

    private UptanePrimary primary() {
        MetadataStore store = storage.metadata();
        TrustedTime time = new TrustedTime(Clock.systemUTC(), store);
        URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        TufClient director = new TufClient(
                "director",
                new HttpFetcher(http, base.resolve("/director/"), Duration.ofSeconds(5)),
                store,
                time,
                Limits.defaults());
        TufClient image = new TufClient(
                "image",
                new HttpFetcher(http, base.resolve("/image/"), Duration.ofSeconds(5)),
                store,
                time,
                Limits.defaults());
        director.provision(files.get("/director/1.root.json"));
        image.provision(files.get("/image/1.root.json"));
        return new UptanePrimary(VIN, director, image, false);
    }

    private void publish(String prefix, ObjectNode targets, Instant expires) {
        Map<String, KeyPair> keys = new LinkedHashMap<>();
        Map<String, TufKey> all = new LinkedHashMap<>();
        Map<String, Root.RoleKeys> roles = new LinkedHashMap<>();
        for (String role : Root.ROLES) {
            KeyPair pair = Ed25519.generate();
            TufKey key = TufKey.of(pair.getPublic());
            keys.put(role, pair);
            all.put(key.keyId(), key);
            roles.put(role, new Root.RoleKeys(List.of(key.keyId()), 1));
        }
        Root root = new Root(1, Instant.now().plus(Duration.ofDays(365)), true, all, roles);
        files.put(prefix + "1.root.json", sign(root.toSigned(), keys.get("root")));
        byte[] targetsBytes = sign(targets, keys.get("targets"));
        files.put(prefix + "1.targets.json", targetsBytes);
        byte[] snapshot = sign(RoleMetadata.snapshot(1, expires, 1, targetsBytes), keys.get("snapshot"));
        files.put(prefix + "1.snapshot.json", snapshot);
        files.put(
                prefix + "timestamp.json",
                sign(RoleMetadata.timestamp(1, expires, 1, snapshot), keys.get("timestamp")));
    }

    private static byte[] sign(ObjectNode signed, KeyPair key) {
        return JSON.writeValueAsBytes(Envelope.sign(signed, TufKey.of(key.getPublic()), key.getPrivate())
                .toJson());
    }
}

package io.pitwall.cli.keys;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.protocol.tuf.Envelope;
import io.pitwall.protocol.tuf.Root;
import io.pitwall.server.support.LocalServer;
import io.pitwall.simulator.Provisioning;
import io.pitwall.simulator.Seeds;
import io.pitwall.simulator.UptaneRoots;
import io.pitwall.simulator.fleet.FleetMix;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code ./pitwall keys} against a real server: hand-over to offline keys, offline targets, root rotation. */
class KeysCommandTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static LocalServer server;

    @TempDir
    static Path data;

    @BeforeAll
    static void startServer() {
        server = LocalServer.onH2(data.resolve("server")).start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void initSignsARootOfOfflineKeysThenTargetsAreSignedOfflineAndRootRotatesCrossSigned() throws Exception {
        Path keys = data.resolve("keys");
        Path passphrase = Files.writeString(data.resolve("passphrase"), "correct horse battery staple\n");

        assertThat(run("init", keys, passphrase, "--root-keys", "3", "--root-threshold", "2").code)
                .isZero();

        try (Stream<Path> files = Files.list(keys)) {
            List<Path> keyFiles =
                    files.filter(p -> p.toString().endsWith(".key.json")).toList();
            assertThat(keyFiles).hasSize(4);
            for (Path file : keyFiles) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                        .isEqualTo("rw-------");
                assertThat(Files.readString(file)).doesNotContain("PRIVATE").contains("ciphertext");
            }
        }
        Root two = Root.fromSigned(envelope("/repo/2.root.json").signed());
        assertThat(two.roles().get("root").threshold()).isEqualTo(2);
        assertThat(two.signedBy(envelope("/repo/2.root.json"), "root")).isTrue();
        assertThat(Root.fromSigned(envelope("/repo/1.root.json").signed())
                        .signedBy(envelope("/repo/2.root.json"), "root"))
                .as("counter-signed by the development root")
                .isTrue();
        JsonNode timestamp = envelope("/repo/timestamp.json").signed();
        Envelope snapshot =
                envelope("/repo/" + timestamp.at("/meta/snapshot.json/version").asLong() + ".snapshot.json");
        Envelope targets = envelope(
                "/repo/" + snapshot.signed().at("/meta/targets.json/version").asLong() + ".targets.json");
        assertThat(two.signedBy(targets, "targets"))
                .as("targets signed by the offline key")
                .isTrue();
        assertThat(two.signedBy(snapshot, "snapshot")).isTrue();

        assertThat(run("sign-targets", keys, passphrase).code).isZero();
        assertThat(run("sign-root", keys, passphrase, "--root-keys", "2", "--root-threshold", "2").code)
                .isZero();

        Envelope threeEnvelope = envelope("/repo/3.root.json");
        Root three = Root.fromSigned(threeEnvelope.signed());
        assertThat(two.signedBy(threeEnvelope, "root")).isTrue();
        assertThat(three.signedBy(threeEnvelope, "root")).isTrue();
        assertThat(three.roles().get("root").keyIds())
                .hasSize(2)
                .doesNotContainAnyElementsOf(two.roles().get("root").keyIds());
        assertThat(status(server.base().resolve("/repo/4.root.json"))).isEqualTo(404);
        try (Stream<Path> retired = Files.list(keys.resolve("retired"))) {
            assertThat(retired.count()).isEqualTo(3);
        }

        Path wrong = Files.writeString(data.resolve("wrong"), "not the right passphrase\n");
        var refused = run("sign-targets", keys, wrong);
        assertThat(refused.code).isEqualTo(2);
        assertThat(refused.err).contains("cannot decrypt");

        assertThat(run("sign-root", keys, passphrase, "--proposal").code).isZero();
        Envelope fourEnvelope = envelope("/repo/4.root.json");
        Root four = Root.fromSigned(fourEnvelope.signed());
        assertThat(three.signedBy(fourEnvelope, "root") && four.signedBy(fourEnvelope, "root"))
                .isTrue();
        assertThat(four.roles().get("root")).isEqualTo(three.roles().get("root"));
        assertThat(four.roles().get("timestamp").keyIds())
                .doesNotContainAnyElementsOf(three.roles().get("timestamp").keyIds());
        assertThat(four.signedBy(envelope("/repo/timestamp.json"), "timestamp"))
                .as("re-signed with the new key")
                .isTrue();
        assertThat(provisionedRoot(UptaneRoots::image, 101).version())
                .as("vehicles are provisioned with the newest image root")
                .isEqualTo(4);
    }

    @Test
    void directorRootIsHandedOverToOfflineKeysWhoseHoldersThenRotateTheOnlineKeysAndTheRootKeys() throws Exception {
        Path keys = data.resolve("director-keys");
        Path passphrase = Files.writeString(data.resolve("director-passphrase"), "another horse battery staple\n");
        var empty = run(
                "sign-root", Files.createDirectories(data.resolve("empty")), passphrase, "--director", "--proposal");
        assertThat(empty.code).isEqualTo(2);
        assertThat(empty.err).contains("0 of the 1 root keys");

        assertThat(run("init", keys, passphrase, "--director", "--root-keys", "3", "--root-threshold", "2").code)
                .isZero();

        JsonNode status = get("/api/v1/trust/director");
        assertThat(status.get("mode").asString()).isEqualTo("offline");
        assertThat(status.get("rootThreshold").asInt()).isEqualTo(2);
        long handedOver = status.get("rootVersion").asLong();
        try (Stream<Path> files = Files.list(keys)) {
            assertThat(files.filter(p -> p.getFileName().toString().startsWith("director-root-")))
                    .hasSize(3);
        }
        String targetsKey = status.get("onlineKeys")
                .get("targets")
                .get("keyval")
                .get("public")
                .asString();

        assertThat(run("sign-root", keys, passphrase, "--director", "--proposal").code)
                .isZero();
        JsonNode rotated = get("/api/v1/trust/director");
        assertThat(rotated.get("rootVersion").asLong()).isEqualTo(handedOver + 1);
        assertThat(rotated.get("onlineKeys")
                        .get("targets")
                        .get("keyval")
                        .get("public")
                        .asString())
                .isNotEqualTo(targetsKey);

        assertThat(run("sign-root", keys, passphrase, "--director", "--root-keys", "1", "--root-threshold", "1").code)
                .isZero();
        JsonNode renewed = get("/api/v1/trust/director");
        assertThat(renewed.get("rootVersion").asLong()).isEqualTo(handedOver + 2);
        assertThat(renewed.get("rootThreshold").asInt()).isEqualTo(1);
        assertThat(renewed.get("onlineKeys")).isEqualTo(rotated.get("onlineKeys"));
        assertThat(provisionedRoot(UptaneRoots::director, 102).version())
                .as("vehicles are provisioned with the newest director root")
                .isEqualTo(handedOver + 2);
        try (Stream<Path> retired = Files.list(keys.resolve("retired"))) {
            assertThat(retired.count()).isEqualTo(3);
        }
    }

    private record Run(int code, String err) {}

    /** The root a vehicle provisioned now (as {@code sim} and {@code demo} provision theirs) starts from. */
    private static Root provisionedRoot(Function<UptaneRoots, byte[]> repository, long seed) {
        Map<String, String> tokens =
                Provisioning.provision(server.admin(), new Seeds(seed).fleet(1, FleetMix.standard()));
        byte[] root = repository.apply(UptaneRoots.fetch(server.base(), tokens));
        return Root.fromSigned(Envelope.fromJson(JSON.readTree(root)).signed());
    }

    private static Run run(String command, Path keys, Path passphrase, String... more) {
        CommandLine commandLine = new CommandLine(new KeysCommand());
        commandLine.setExecutionExceptionHandler((e, cl, parsed) -> {
            cl.getErr().println("pitwall: " + e.getMessage());
            return 2;
        });
        StringWriter err = new StringWriter();
        commandLine.setErr(new PrintWriter(err));
        var args = new java.util.ArrayList<>(List.of(
                command,
                "--dir",
                keys.toString(),
                "--server",
                server.base().toString(),
                "--user",
                "admin",
                "--password",
                LocalServer.ADMIN_PASSWORD,
                "--passphrase-file",
                passphrase.toString(),
                "--kdf-iterations",
                "100000"));
        args.addAll(List.of(more));
        return new Run(commandLine.execute(args.toArray(String[]::new)), err.toString());
    }

    private static Envelope envelope(String path) throws Exception {
        var response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(server.base().resolve(path)).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return Envelope.fromJson(JSON.readTree(response.body()));
    }

    private static JsonNode get(String path) throws Exception {
        String auth = java.util.Base64.getEncoder().encodeToString(("admin:" + LocalServer.ADMIN_PASSWORD).getBytes());
        var response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(server.base().resolve(path))
                                .header("Authorization", "Basic " + auth)
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static int status(URI uri) throws Exception {
        return HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }
}

package io.pitwall.endtoend;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitwall.agent.storage.FileStorage;
import io.pitwall.agent.uptane.HttpFetcher;
import io.pitwall.agent.uptane.Limits;
import io.pitwall.agent.uptane.TargetFile;
import io.pitwall.agent.uptane.TrustedTime;
import io.pitwall.agent.uptane.TufClient;
import io.pitwall.server.support.LocalServer;
import io.pitwall.server.support.PostgresTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's TUF client against the real server's image repository ({@code /repo}): from a trusted
 * {@code 1.root.json} it refreshes, finds a published image with its length, hashes, hardware id and release
 * counter, verifies the image's bytes, and picks up the next publication on its next refresh.
 */
class UptaneImageRepositoryEndToEndTests {

    private static final tools.jackson.databind.json.JsonMapper JSON =
            tools.jackson.databind.json.JsonMapper.builder().build();

    abstract static class Contract {

        abstract LocalServer server(Path dir);

        @Test
        void theAgentsClientRefreshesTheImageRepositoryAndFollowsANewPublication(@TempDir Path dir) throws Exception {
            try (LocalServer server = server(dir.resolve("server")).start();
                    FileStorage storage = FileStorage.open(dir.resolve("agent"))) {
                byte[] first = random(2048);
                publish(server, "HW-E2E", "fw-3.bin", 3, first);
                HttpClient http = HttpClient.newHttpClient();
                URI repo = URI.create(server.base() + "/repo/");
                byte[] root = http.send(
                                HttpRequest.newBuilder(repo.resolve("1.root.json"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofByteArray())
                        .body();
                TufClient client = new TufClient(
                        "image",
                        new HttpFetcher(http, repo, Duration.ofSeconds(10)),
                        storage.metadata(),
                        new TrustedTime(Clock.systemUTC(), storage.metadata()),
                        Limits.defaults());
                client.provision(root);

                client.refresh();

                TargetFile target = client.findTarget("HW-E2E/fw-3.bin").orElseThrow();
                assertThat(target.length()).isEqualTo(first.length);
                assertThat(target.custom().path("releaseCounter").asLong()).isEqualTo(3);
                assertThat(target.custom().path("hardwareIds").get(0).asString())
                        .isEqualTo("HW-E2E");
                assertThat(target.verify(first)).isEqualTo(first);
                long targetsVersion = client.targets().path("version").asLong();

                publish(server, "HW-E2E", "fw-4.bin", 4, random(2049));
                client.refresh();

                assertThat(client.targets().path("version").asLong()).isGreaterThan(targetsVersion);
                assertThat(client.findTarget("HW-E2E/fw-4.bin")).isPresent();
                assertThat(dir.resolve("agent/metadata/image.targets.json")).exists();
            }
        }

        /** Registers (for hardware the fleet does not have yet), uploads and publishes one image. */
        private static void publish(LocalServer server, String hardwareId, String fileName, long counter, byte[] bytes)
                throws Exception {
            String body = """
                    {"hardwareId":"%s","name":"Firmware","version":"%d.0","releaseCounter":%d,"fileName":"%s",
                     "installType":"AB","riskClass":"LOW","ecuType":"TCU","newHardware":true}""".formatted(hardwareId, counter, counter, fileName);
            long id = JSON.readTree(call(server, "POST", "/api/v1/images", "application/json", body.getBytes()))
                    .path("id")
                    .asLong();
            call(server, "PUT", "/api/v1/images/" + id + "/content", "application/octet-stream", bytes);
            String release = """
                    {"name":"Release %d","version":"%d.0","notes":"n","imageIds":[%d]}""".formatted(counter, counter, id);
            long releaseId = JSON.readTree(
                            call(server, "POST", "/api/v1/releases", "application/json", release.getBytes()))
                    .path("id")
                    .asLong();
            call(server, "POST", "/api/v1/releases/" + releaseId + "/publish", "application/json", "{}".getBytes());
        }

        private static byte[] call(LocalServer server, String method, String path, String type, byte[] body)
                throws Exception {
            String auth =
                    java.util.Base64.getEncoder().encodeToString(("admin:" + LocalServer.ADMIN_PASSWORD).getBytes());
            var response = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(server.base() + path))
                                    .method(method, HttpRequest.BodyPublishers.ofByteArray(body))
                                    .header("Content-Type", type)
                                    .header("Authorization", "Basic " + auth)
                                    .build(),
                            HttpResponse.BodyHandlers.ofByteArray());
            assertThat(response.statusCode())
                    .as(method + " " + path + ": " + new String(response.body()))
                    .isBetween(200, 299);
            return response.body();
        }

        private static byte[] random(int size) {
            byte[] bytes = new byte[size];
            new java.util.Random(size).nextBytes(bytes);
            return bytes;
        }
    }

    @Nested
    class OnH2 extends Contract {
        @Override
        LocalServer server(Path dir) {
            return LocalServer.onH2(dir);
        }
    }

    @Nested
    @PostgresTest
    class OnPostgres extends Contract {
        @Override
        LocalServer server(Path dir) {
            return LocalServer.onPostgres(dir);
        }
    }
}

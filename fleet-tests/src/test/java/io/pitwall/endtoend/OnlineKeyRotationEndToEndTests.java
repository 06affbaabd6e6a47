package io.pitwall.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pitwall.agent.storage.FileStorage;
import io.pitwall.agent.uptane.Fetcher;
import io.pitwall.agent.uptane.HttpFetcher;
import io.pitwall.agent.uptane.Limits;
import io.pitwall.agent.uptane.TrustedTime;
import io.pitwall.agent.uptane.TufClient;
import io.pitwall.agent.uptane.UptaneRejected;
import io.pitwall.server.support.LocalServer;
import io.pitwall.server.support.PostgresTest;
import io.pitwall.simulator.Provisioning;
import io.pitwall.simulator.Seeds;
import io.pitwall.simulator.fleet.FleetMix;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Online-key rotation without touching vehicles: the agent's TUF client, trusting root 1 of the image and of
 * a vehicle's director repository, refreshes after the server rotated their online keys (root 2) and accepts;
 * a client offered a timestamp signed with a rotated-out key refuses it.
 */
class OnlineKeyRotationEndToEndTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    abstract static class Contract {

        abstract LocalServer server(Path dir);

        @Test
        void clientsTrustingRootOneFollowTheRotationAndRefuseOldKeyTimestamps(@TempDir Path dir) throws Exception {
            try (LocalServer server = server(dir.resolve("server")).start();
                    FileStorage imageStorage = FileStorage.open(dir.resolve("image"));
                    FileStorage directorStorage = FileStorage.open(dir.resolve("director"));
                    FileStorage staleStorage = FileStorage.open(dir.resolve("stale"))) {
                HttpClient http = HttpClient.newHttpClient();
                Map<String, String> tokens = Provisioning.provision(
                        server.admin(),
                        new Seeds(7).fleet(1, FleetMix.standard().withTags(List.of("rotation"))));
                String vin = tokens.keySet().iterator().next();
                URI repo = URI.create(server.base() + "/repo/");
                Fetcher image = new HttpFetcher(http, repo, Duration.ofSeconds(10));
                Fetcher director = new BearerFetcher(
                        http, URI.create(server.base() + "/device/v1/vehicles/" + vin + "/director/"), tokens.get(vin));
                TufClient imageClient = client("image", image, imageStorage);
                imageClient.provision(image.fetch("1.root.json", 1 << 20).orElseThrow());
                TufClient directorClient = client("director", director, directorStorage);
                directorClient.provision(director.fetch("1.root.json", 1 << 20).orElseThrow());
                imageClient.refresh();
                directorClient.refresh();
                long directorTargets = directorClient.targets().path("version").asLong();
                byte[] oldImageTimestamp =
                        image.fetch("timestamp.json", 1 << 16).orElseThrow();

                rotate(server, "/api/v1/trust/repository/root");
                rotate(server, "/api/v1/trust/director/root");
                imageClient.refresh();
                directorClient.refresh();

                assertThat(imageClient.rootVersion()).isEqualTo(2);
                assertThat(directorClient.rootVersion()).isEqualTo(2);
                assertThat(directorClient.targets().path("custom").path("vin").asString())
                        .isEqualTo(vin);
                assertThat(directorClient.targets().path("version").asLong()).isGreaterThan(directorTargets);

                TufClient stale = client(
                        "image",
                        (name, max) -> "timestamp.json".equals(name)
                                ? Optional.of(oldImageTimestamp)
                                : image.fetch(name, 1 << 20),
                        staleStorage);
                stale.provision(image.fetch("1.root.json", 1 << 20).orElseThrow());
                assertThatThrownBy(stale::refresh)
                        .isInstanceOfSatisfying(
                                UptaneRejected.class,
                                e -> assertThat(e.reason())
                                        .isIn(UptaneRejected.Reason.BAD_SIGNATURE, UptaneRejected.Reason.THRESHOLD));
                assertThat(stale.rootVersion())
                        .as("the root chain itself was followed")
                        .isEqualTo(2);
            }
        }

        private static TufClient client(String name, Fetcher fetcher, FileStorage storage) {
            return new TufClient(
                    name,
                    fetcher,
                    storage.metadata(),
                    new TrustedTime(Clock.systemUTC(), storage.metadata()),
                    Limits.defaults());
        }

        /** Development mode: the server holds the root keys, so its own proposal is uploaded unsigned. */
        private static void rotate(LocalServer server, String rootPath) throws Exception {
            JsonNode proposal = JSON.readTree(call(server, "POST", rootPath + "/proposal", null));
            ObjectNode envelope = JSON.createObjectNode();
            envelope.set("signed", proposal);
            envelope.putArray("signatures");
            call(server, "POST", rootPath, JSON.writeValueAsBytes(envelope));
        }

        private static byte[] call(LocalServer server, String method, String path, byte[] body) throws Exception {
            String auth = Base64.getEncoder().encodeToString(("admin:" + LocalServer.ADMIN_PASSWORD).getBytes());
            var response = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(server.base() + path))
                                    .method(
                                            method,
                                            body == null
                                                    ? HttpRequest.BodyPublishers.noBody()
                                                    : HttpRequest.BodyPublishers.ofByteArray(body))
                                    .header("Content-Type", "application/json")
                                    .header("Authorization", "Basic " + auth)
                                    .build(),
                            HttpResponse.BodyHandlers.ofByteArray());
            assertThat(response.statusCode())
                    .as(method + " " + path + ": " + new String(response.body()))
                    .isEqualTo(200);
            return response.body();
        }
    }

    /** The director is under the device API: the vehicle's bearer token on every request. */
    private record BearerFetcher(HttpClient http, URI base, String token) implements Fetcher {

        @Override
        public Optional<byte[]> fetch(String name, long maxLength) {
            try {
                var response = http.send(
                        HttpRequest.newBuilder(base.resolve(name))
                                .timeout(Duration.ofSeconds(10))
                                .header("Authorization", "Bearer " + token)
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                if (response.statusCode() == 404) {
                    return Optional.empty();
                }
                if (response.statusCode() != 200 || response.body().length > maxLength) {
                    throw new UptaneRejected(
                            UptaneRejected.Reason.UNREACHABLE, name + ": HTTP " + response.statusCode());
                }
                return Optional.of(response.body());
            } catch (java.io.IOException e) {
                throw new UptaneRejected(UptaneRejected.Reason.UNREACHABLE, e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UptaneRejected(UptaneRejected.Reason.UNREACHABLE, "interrupted");
            }
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

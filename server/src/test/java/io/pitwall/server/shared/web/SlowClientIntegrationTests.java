package io.pitwall.server.shared.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pitwall.server.support.IntegrationTest;
import io.pitwall.server.support.RawHttp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * Clients that send part of a request and then hold the connection, over real sockets, against a server with a few
 * request threads and short bounds: the server keeps answering, and closes every slow connection within its bound.
 */
@TestPropertySource(
        properties = {
            "server.tomcat.threads.max=12",
            "server.tomcat.threads.min-spare=4",
            "server.tomcat.connection-timeout=6s",
            "pitwall.http.body-read-timeout=3s",
            "pitwall.http.body-rate-grace=1s",
            "pitwall.http.min-body-rate=1KB",
            "pitwall.http.max-body-waits=4"
        })
class SlowClientIntegrationTests extends IntegrationTest {

    /** The longest a slow connection may stay open: the 3 s and 6 s silence bounds, and slack for a busy machine. */
    private static final Duration BOUND = Duration.ofSeconds(20);
    /** Prompt for a health probe on a machine shared with other builds, and far below what slow clients cost before. */
    private static final Duration PROMPT = Duration.ofSeconds(4);

    private final HttpClient client = HttpClient.newBuilder().build();
    private final ExecutorService readers = Executors.newCachedThreadPool();
    private final ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
    private final List<RawHttp.Held> held = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        trickle.shutdownNow();
        for (var connection : held) {
            connection.close();
        }
        readers.shutdownNow();
    }

    @Test
    void healthAnswersWhileThreeTimesAsManySlowClientsAsThreadsHoldTheirConnections() throws Exception {
        assertThat(health(Duration.ofSeconds(60)))
                .as("health before the slow clients (warming up)")
                .isEqualTo(200);
        List<RawHttp.Held> read = new ArrayList<>();
        List<RawHttp.Held> unread = new ArrayList<>();
        for (int i = 0; i < 18; i++) {
            // A body the application reads, and one it never reads (read after the answer instead).
            read.add(hold(partialBody("POST /device/v1/enrolment")));
            unread.add(hold(partialBody("GET /repo/1.root.json")));
        }
        List<RawHttp.Held> headers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            headers.add(hold("GET /actuator/health HTTP/1.1\r\nHost: pitwall\r\nX-Slow: "));
        }

        assertThat(health(PROMPT)).isEqualTo(200);
        assertThat(headers)
                .as("slow headers are still held while health answers")
                .anyMatch(connection -> !connection.closed().isDone());
        assertThat(health(PROMPT)).isEqualTo(200);

        await().atMost(BOUND)
                .until(() ->
                        held.stream().allMatch(connection -> connection.closed().isDone()));
        for (var connection : read) {
            var answer = connection.closed().get();
            assertThat(answer.status()).as(answer.toString()).isIn(503, 408);
            assertThat(answer.contentType()).as(answer.toString()).startsWith("application/problem+json");
            assertThat(answer.code())
                    .as(answer.toString())
                    .isEqualTo(answer.status() == 503 ? "server-busy" : "request-timeout");
        }
        assertThat(read)
                .as("bodies refused at once while others wait")
                .anyMatch(connection -> connection.closed().join().status() == 503);
        for (var connection : unread) {
            var answer = connection.closed().get();
            assertThat(answer.status()).as(answer.toString()).isIn(200, 408);
        }
        assertThat(unread)
                .as("answered, then closed instead of waiting for the rest of the body")
                .anyMatch(connection -> connection.closed().join().status() == 200);
    }

    @Test
    void aBodyTricklingInBelowTheMinimumRateIsRefusedOnceItsGraceIsSpent() throws Exception {
        var connection = hold(partialBody("POST /device/v1/enrolment"));
        trickle.scheduleAtFixedRate(() -> connection.send("x"), 100, 100, TimeUnit.MILLISECONDS);

        await().atMost(BOUND).until(() -> connection.closed().isDone());

        var answer = connection.closed().get();
        assertThat(answer.status()).as(answer.toString()).isEqualTo(408);
        assertThat(answer.code()).isEqualTo("body-too-slow");
        assertThat(answer.json().get("requestId").asString()).isEqualTo(answer.header("X-Request-Id"));
    }

    @Test
    void aBodyThatStopsArrivingIsAnsweredOnceItsSilenceOutlastsTheBodyReadTimeout() throws Exception {
        long start = System.nanoTime();
        var connection = hold(partialBody("POST /device/v1/enrolment"));

        await().atMost(BOUND).until(() -> connection.closed().isDone());

        var answer = connection.closed().get();
        assertThat(answer.status()).as(answer.toString()).isEqualTo(408);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.code()).isEqualTo("request-timeout");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(2500));
    }

    /** The status of a health probe that must answer within the given time. */
    private int health(Duration within) throws Exception {
        return client.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                                .timeout(within)
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private RawHttp.Held hold(String part) {
        var connection = RawHttp.hold(port, part, readers);
        held.add(connection);
        return connection;
    }

    /** A request announcing a 1,000-byte JSON body, and the first 10 bytes of it. */
    private static String partialBody(String requestLine) {
        return requestLine
                + " HTTP/1.1\r\nHost: pitwall\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n"
                + "{\"vin\":\"W";
    }
}

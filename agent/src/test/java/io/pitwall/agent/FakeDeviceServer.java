package io.pitwall.agent;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.pitwall.protocol.device.CheckinRequest;
import io.pitwall.protocol.device.CheckinResponse;
import io.pitwall.protocol.device.DeviceEvent;
import io.pitwall.protocol.device.DeviceJson;
import io.pitwall.protocol.device.DevicePaths;
import io.pitwall.protocol.device.EventBatch;
import io.pitwall.protocol.device.EventRefusal;
import io.pitwall.protocol.device.EventsAck;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The native device API on com.sun.net.httpserver, for one vehicle, in the test's JVM: check-in answers
 * what the test sets, events are stored by seq (acknowledging the highest gap-free seq), artifacts are
 * served with Range/HEAD — and each can be made to misbehave. Refused events count as received for the
 * acknowledgement, as on the real server.
 */
final class FakeDeviceServer implements AutoCloseable {

    /** How the next artifact GETs misbehave. */
    enum Mischief {
        NONE,
        IGNORE_RANGE,
        CUT_AFTER_700_BYTES,
        STALL_AFTER_700_BYTES,
        STREAM_WITHOUT_LENGTH,
        ENDLESS
    }

    static {
        // Without TCP_NODELAY every small response waits out the peer's delayed ACK (~40 ms).
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    static final String TOKEN = "vehicle-token";
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");
    private final HttpServer server;
    private final java.util.concurrent.ExecutorService handlers = java.util.concurrent.Executors.newCachedThreadPool();
    private final Map<String, byte[]> artifacts = new ConcurrentHashMap<>();
    private final Map<Long, DeviceEvent> events = new TreeMap<>();
    private final Map<Long, EventRefusal> refused = new TreeMap<>();
    /** Events the server refuses for good, as {@code invalid-event}. */
    volatile java.util.function.Predicate<DeviceEvent> refuse = event -> false;
    /** When above 0, every event batch is answered with this status (and Retry-After) instead of being stored. */
    volatile int failEventsWith;

    final List<String> requests = new CopyOnWriteArrayList<>();
    final List<CheckinRequest> checkins = new CopyOnWriteArrayList<>();
    final AtomicReference<CheckinResponse> checkinAnswer =
            new AtomicReference<>(new CheckinResponse(60, null, List.of()));
    final AtomicReference<Mischief> mischief = new AtomicReference<>(Mischief.NONE);
    volatile int failNextRequestsWith503;
    volatile int retryAfterSeconds = 1;
    /** Two different events sent under one seq: the one thing a vehicle must never do. */
    final List<String> conflicts = new CopyOnWriteArrayList<>();

    final java.util.concurrent.CountDownLatch stallReleased = new java.util.concurrent.CountDownLatch(1);

    FakeDeviceServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(DevicePaths.PREFIX, this::handle);
        // Handlers on their own threads: a stalled download must not hold up the next request.
        server.setExecutor(handlers);
        server.start();
    }

    URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    void artifact(byte[] bytes) {
        artifacts.put(TestImages.sha256(bytes), bytes);
    }

    /** Serves {@code bytes} under the digest of another image (tampering, wrong length). */
    void artifactAs(String sha256, byte[] bytes) {
        artifacts.put(sha256, bytes);
    }

    synchronized List<DeviceEvent> events() {
        return List.copyOf(events.values());
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String range = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Range"))
                    .orElse("");
            requests.add(exchange.getRequestMethod() + " " + path + (range.isEmpty() ? "" : " " + range));
            if (!("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                exchange.sendResponseHeaders(401, -1);
            } else if (failNextRequestsWith503 > 0) {
                failNextRequestsWith503--;
                exchange.getResponseHeaders().add("Retry-After", Integer.toString(retryAfterSeconds));
                exchange.sendResponseHeaders(503, -1);
            } else if (path.equals(DevicePaths.checkin(TestImages.VIN))) {
                checkins.add(DeviceJson.read(exchange.getRequestBody().readAllBytes(), CheckinRequest.class));
                json(exchange, checkinAnswer.get());
            } else if (path.equals(DevicePaths.events(TestImages.VIN)) && failEventsWith > 0) {
                exchange.getResponseHeaders().add("Retry-After", Integer.toString(retryAfterSeconds));
                exchange.sendResponseHeaders(failEventsWith, -1);
            } else if (path.equals(DevicePaths.events(TestImages.VIN))) {
                json(exchange, store(DeviceJson.read(exchange.getRequestBody().readAllBytes(), EventBatch.class)));
            } else if (path.startsWith(DevicePaths.artifact(TestImages.VIN, ""))) {
                artifact(exchange, path.substring(path.lastIndexOf('/') + 1), range);
            } else {
                exchange.sendResponseHeaders(404, -1);
            }
        }
    }

    private synchronized EventsAck store(EventBatch batch) {
        List<EventRefusal> verdicts = new java.util.ArrayList<>();
        for (DeviceEvent event : batch.events()) {
            if (!refused.containsKey(event.seq()) && !events.containsKey(event.seq()) && refuse.test(event)) {
                refused.put(event.seq(), new EventRefusal(event.seq(), EventRefusal.INVALID, "refused by the test"));
            }
            if (refused.containsKey(event.seq())) {
                verdicts.add(refused.get(event.seq()));
                continue;
            }
            DeviceEvent stored = events.putIfAbsent(event.seq(), event);
            if (stored != null && !stored.equals(event)) {
                conflicts.add(stored + " vs " + event);
            }
        }
        long acked = 0;
        while (events.containsKey(acked + 1) || refused.containsKey(acked + 1)) {
            acked++;
        }
        return new EventsAck(acked, verdicts);
    }

    private void artifact(HttpExchange exchange, String sha256, String range) throws IOException {
        byte[] bytes = artifacts.get(sha256);
        if (bytes == null) {
            exchange.sendResponseHeaders(404, -1);
            return;
        }
        Mischief mode = mischief.get();
        var headers = exchange.getResponseHeaders();
        headers.add("ETag", "\"" + sha256 + "\"");
        headers.add("Accept-Ranges", "bytes");
        if (exchange.getRequestMethod().equals("HEAD")) {
            boolean unstated = mode == Mischief.STREAM_WITHOUT_LENGTH || mode == Mischief.ENDLESS;
            if (!unstated) {
                headers.add("Content-Length", Long.toString(bytes.length));
            }
            exchange.sendResponseHeaders(200, -1);
            return;
        }
        Matcher m = RANGE.matcher(range);
        int from = m.matches() && mode != Mischief.IGNORE_RANGE ? Integer.parseInt(m.group(1)) : 0;
        if (from >= bytes.length && bytes.length > 0) {
            headers.add("Content-Range", "bytes */" + bytes.length);
            exchange.sendResponseHeaders(416, -1);
            return;
        }
        try (OutputStream out = exchange.getResponseBody()) {
            switch (mode) {
                case STREAM_WITHOUT_LENGTH -> {
                    exchange.sendResponseHeaders(200, 0);
                    out.write(bytes);
                }
                case ENDLESS -> {
                    exchange.sendResponseHeaders(200, 0);
                    byte[] junk = new byte[8192];
                    while (true) {
                        // Until the client hangs up: the write then fails and ends the loop.
                        out.write(junk);
                    }
                }
                case CUT_AFTER_700_BYTES -> {
                    mischief.set(Mischief.NONE);
                    exchange.sendResponseHeaders(200, 0);
                    out.write(bytes, 0, Math.min(700, bytes.length));
                }
                case STALL_AFTER_700_BYTES -> {
                    mischief.set(Mischief.NONE);
                    exchange.sendResponseHeaders(200, bytes.length);
                    out.write(bytes, 0, Math.min(700, bytes.length));
                    out.flush();
                    stallReleased.await(10, java.util.concurrent.TimeUnit.SECONDS);
                }
                default -> {
                    if (from > 0) {
                        headers.add("Content-Range", "bytes " + from + "-" + (bytes.length - 1) + "/" + bytes.length);
                    }
                    exchange.sendResponseHeaders(from > 0 ? 206 : 200, bytes.length - from);
                    out.write(bytes, from, bytes.length - from);
                }
            }
        } catch (IOException e) {
            // The client hung up, as it should on endless data.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void json(HttpExchange exchange, Object body) throws IOException {
        byte[] bytes = DeviceJson.write(body);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        stallReleased.countDown();
        server.stop(0);
        handlers.shutdownNow();
    }
}

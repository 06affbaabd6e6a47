package io.pitwall.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.pitwall.agent.Backoff;
import io.pitwall.simulator.fleet.Fleet;
import io.pitwall.simulator.fleet.FleetMix;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The simulator's memory budget, measured: 10,000 vehicles that have each checked in once over real HTTP
 * and now idle hold at most 64 KiB of heap each: used heap after a full GC, before the fleet was generated
 * and with every vehicle idle, divided by the fleet size (fleet description and tokens included).
 */
class FleetMemoryTests {

    private static final int VEHICLES = 10_000;

    @Test
    void anIdleVehicleHoldsAtMost64KibOfHeap() throws IOException {
        AtomicInteger checkins = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 512);
        ExecutorService handlers = Executors.newFixedThreadPool(8);
        server.setExecutor(handlers);
        server.createContext("/device/v1/vehicles/", exchange -> {
            if (exchange.getRequestURI().getPath().endsWith("/checkin")) {
                checkins.incrementAndGet();
            }
            answer(exchange, "{\"pollAfterSeconds\":3600}");
        });
        server.start();
        try {
            long before = usedHeapAfterGc();
            Seeds seeds = new Seeds(1);
            Fleet fleet = seeds.fleet(VEHICLES, FleetMix.standard());
            var tokens = TestKeys.tokens(fleet);
            var key = TestKeys.imageKey();
            Pacing pacing = new Pacing(
                    Backoff.defaults(),
                    Duration.ofMinutes(5),
                    64 * 1024,
                    Duration.ofSeconds(1),
                    Duration.ZERO,
                    Duration.ofMillis(500),
                    Duration.ofSeconds(30));
            try (Simulation simulation = Simulation.builder(
                            URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
                    .fleet(fleet)
                    .credentials(tokens)
                    .trustedKeys(java.util.List.of(key))
                    .seeds(seeds)
                    .pacing(pacing)
                    .maxConcurrentTicks(32)
                    .build()) {
                simulation.start();
                await().atMost(Duration.ofMinutes(2)).until(() -> checkins.get() >= VEHICLES);
                long perVehicle = (usedHeapAfterGc() - before) / VEHICLES;
                System.out.printf("Simulator heap per idle vehicle: %,d bytes (%d vehicles)%n", perVehicle, VEHICLES);

                assertThat(perVehicle).isLessThanOrEqualTo(64 * 1024);
                assertThat(simulation.snapshot().tickErrors()).isZero();
            }
        } finally {
            server.stop(0);
            handlers.shutdownNow();
        }
    }

    private static void answer(HttpExchange exchange, String json) throws IOException {
        exchange.getRequestBody().readAllBytes();
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private static long usedHeapAfterGc() {
        var memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}

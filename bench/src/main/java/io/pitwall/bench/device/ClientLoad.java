package io.pitwall.bench.device;

import io.pitwall.bench.Latencies;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntUnaryOperator;
import java.util.stream.LongStream;

/**
 * Concurrent vehicles on platform threads, each with its own persistent connection (as a vehicle keeps
 * one). Client {@code c} owns the requests at
 * indexes {@code c, c + clients, c + 2 clients, ...} (its own vehicles), so no two clients act as the same
 * vehicle at once. A non-expected status fails the run.
 */
final class ClientLoad {

    private final DeviceHttp http;
    private final int clients;
    private final long seed;

    ClientLoad(DeviceHttp http, int clients, long seed) {
        this.http = http;
        this.clients = clients;
        this.seed = seed;
    }

    /** Sends every request once (each client its own, in order). */
    Latencies everyOnce(List<WireRequest> requests, int status) throws Exception {
        return run(
                status,
                client -> (requests.size() - client + clients - 1) / clients,
                (client, k, random) -> requests.get(client + k * clients));
    }

    /** Sends {@code total} requests, each client picking random ones of its own. */
    Latencies randomOwn(List<WireRequest> requests, int total, int status) throws Exception {
        return randomOwn(requests, total, status, 0);
    }

    /**
     * As {@link #randomOwn(List, int, int)}; with {@code perSecond > 0} the clients together send at that
     * constant rate (each on its own schedule) and a latency counts from when the request was due, not from
     * when it went out, so a server falling behind shows up in the latencies (no coordinated omission).
     */
    Latencies randomOwn(List<WireRequest> requests, int total, int status, double perSecond) throws Exception {
        return run(
                status,
                perSecond,
                client -> total / clients + (client < total % clients ? 1 : 0),
                (client, k, random) -> {
                    int owned = (requests.size() - client + clients - 1) / clients;
                    return requests.get(client + random.nextInt(owned) * clients);
                });
    }

    /** The {@code k}-th request of a client. */
    interface Picker {
        WireRequest pick(int client, int k, SplittableRandom random);
    }

    /** Each client sends its quota of requests as fast as it can. */
    Latencies run(int status, IntUnaryOperator quota, Picker picker) throws Exception {
        return run(status, 0, quota, picker);
    }

    /** Each client sends its quota of requests; returns every latency and the wall time of the whole run. */
    Latencies run(int status, double perSecond, IntUnaryOperator quota, Picker picker) throws Exception {
        long interval = perSecond > 0 ? Math.round(clients * 1e9 / perSecond) : 0;
        long origin = System.nanoTime() + 100_000_000L;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        var windows = new SlowWindows(20_000_000L);
        try {
            List<Callable<long[]>> tasks = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int client = c;
                tasks.add(() -> {
                    var random = new SplittableRandom(seed * 31 + client);
                    long[] nanos = new long[quota.applyAsInt(client)];
                    try (var connection = http.connect()) {
                        for (int k = 0; k < nanos.length; k++) {
                            WireRequest request = picker.pick(client, k, random);
                            long begin = System.nanoTime();
                            if (interval > 0) {
                                long due = origin + client * (interval / clients) + k * interval;
                                while (begin < due) {
                                    LockSupport.parkNanos(due - begin);
                                    begin = System.nanoTime();
                                }
                                begin = due;
                            }
                            DeviceHttp.require(request, connection.exchange(request), status);
                            nanos[k] = System.nanoTime() - begin;
                            if (interval > 0) {
                                windows.record(begin - origin, nanos[k]);
                            }
                        }
                    }
                    return nanos;
                });
            }
            long started = interval > 0 ? origin : System.nanoTime();
            var all = LongStream.builder();
            for (Future<long[]> done : pool.invokeAll(tasks)) {
                LongStream.of(done.get()).forEach(all);
            }
            if (interval > 0) {
                windows.report(System.err);
            }
            return Latencies.of(all.build().toArray(), System.nanoTime() - started);
        } finally {
            pool.shutdownNow();
        }
    }
}

package io.pitwall.bench.audit;

import io.pitwall.bench.BenchDatabase;
import io.pitwall.bench.BenchServer;
import io.pitwall.bench.CpuMeter;
import io.pitwall.bench.Latencies;
import io.pitwall.bench.Result;
import io.pitwall.bench.Scenario;
import io.pitwall.server.audit.AuditChainVerifier;
import io.pitwall.server.audit.internal.ChainSealer;
import io.pitwall.server.audit.persistence.AuditRecords;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code audit-append}: audited transactions per second through the server's audit listener on
 * PostgreSQL, one event per transaction (the common case: one use case, one record), then the whole
 * chain verified. A second phase measures transactions that audit many records at once (bulk use cases).
 */
public final class AuditAppend implements Scenario {

    private final int records;
    private final int threads;
    private final int warmup;
    private final int batch;

    public AuditAppend(int records, int threads, int warmup, int batch) {
        this.records = records;
        this.threads = threads;
        this.warmup = warmup;
        this.batch = batch;
    }

    @Override
    public String name() {
        return "audit-append";
    }

    @Override
    public String target() {
        return "≥ 2,000 records/s (one record per transaction)";
    }

    @Override
    public Result run(BenchDatabase database) throws Exception {
        database.reset();
        try (var server = BenchServer.start(database, Map.of())) {
            var load = new AuditAppendLoad(server.context());
            var chain = server.context().getBean(AuditRecords.class);
            load.run(warmup, 1, threads);
            long before = chain.head().seq();
            var sealer = server.context().getBean(ChainSealer.class);
            var sealedBefore = sealer.activity();
            var meter = CpuMeter.start(database);
            Latencies single = load.run(records, 1, threads);
            var cpu = meter.stop();
            var sealedAfter = sealer.activity();
            double perRound = (double) (sealedAfter.records() - sealedBefore.records())
                    / Math.max(1, sealedAfter.rounds() - sealedBefore.rounds());
            var plainMeter = CpuMeter.start(database);
            Latencies plain = load.runPlain(records, threads);
            var plainCpu = plainMeter.stop();
            int batches = Math.max(1, records / batch);
            Latencies batched = load.run(batches, batch, threads);
            long appended = chain.head().seq() - before;
            var report = server.context().getBean(AuditChainVerifier.class).verify();
            long expected = records + (long) batches * batch;
            if (!report.intact() || appended != expected) {
                return Result.failed(
                        name(), target(), "chain " + report + ", appended " + appended + " of " + expected);
            }
            Map<String, Object> metrics = new LinkedHashMap<>();
            metrics.put("records", records);
            metrics.put("threads", threads);
            metrics.put("recordsPerSecond", Math.round(single.perSecond()));
            metrics.put("p50Millis", single.percentileMillis(50));
            metrics.put("p99Millis", single.percentileMillis(99));
            metrics.put("recordsPerSealingRound", perRound);
            metrics.put("jvmCpuMicrosPerRecord", micros(cpu.jvmSeconds(), records));
            metrics.put("databaseCpuMicrosPerRecord", micros(cpu.databaseSeconds(), records));
            metrics.put("plainTransactionsPerSecond", Math.round(plain.perSecond()));
            metrics.put("plainP50Millis", plain.percentileMillis(50));
            metrics.put("plainJvmCpuMicros", micros(plainCpu.jvmSeconds(), records));
            metrics.put("plainDatabaseCpuMicros", micros(plainCpu.databaseSeconds(), records));
            metrics.put("batchedRecordsPerTransaction", batch);
            metrics.put("batchedRecordsPerSecond", Math.round(batched.perSecond() * batch));
            metrics.put("batchedP50Millis", batched.percentileMillis(50));
            metrics.put("chainLength", report.length());
            String measured = String.format(
                    Locale.ROOT,
                    "%,d records/s, p50 %.2f ms, p99 %.2f ms (%,d records, %d threads, %.1f chained per sealing "
                            + "round; CPU per record: JVM %d µs + PostgreSQL %d µs); the same transactions without audit: %,d/s, p50 %.2f ms (JVM %d µs + "
                            + "PostgreSQL %d µs); %d records per transaction: %,d records/s; chain of %,d intact",
                    Math.round(single.perSecond()),
                    single.percentileMillis(50),
                    single.percentileMillis(99),
                    records,
                    threads,
                    perRound,
                    micros(cpu.jvmSeconds(), records),
                    micros(cpu.databaseSeconds(), records),
                    Math.round(plain.perSecond()),
                    plain.percentileMillis(50),
                    micros(plainCpu.jvmSeconds(), records),
                    micros(plainCpu.databaseSeconds(), records),
                    batch,
                    Math.round(batched.perSecond() * batch),
                    report.length());
            return new Result(name(), measured, target(), Result.verdict(single.perSecond() >= 2000), metrics);
        }
    }

    private static long micros(double seconds, int count) {
        return Math.round(seconds / count * 1e6);
    }
}

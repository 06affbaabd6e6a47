package io.pitwall.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU time of this JVM's request-handling threads (Tomcat's {@code http-nio-*} workers), to tell the
 * server's share of the JVM's CPU from the load tool's when both run in one process. Threads that start
 * and end between two snapshots are not counted, so the figure is a lower bound.
 */
public final class ThreadCpu {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private final Map<Long, Long> start;

    private ThreadCpu(Map<Long, Long> start) {
        this.start = start;
    }

    public static ThreadCpu start() {
        return new ThreadCpu(serverThreads());
    }

    /** Seconds of CPU the server's request threads used since {@link #start()}. */
    public double serverSeconds() {
        long nanos = 0;
        for (var now : serverThreads().entrySet()) {
            nanos += now.getValue() - start.getOrDefault(now.getKey(), 0L);
        }
        return nanos / 1e9;
    }

    private static Map<Long, Long> serverThreads() {
        Map<Long, Long> cpu = new HashMap<>();
        for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith("http-nio-")) {
                long nanos = THREADS.getThreadCpuTime(info.getThreadId());
                if (nanos >= 0) {
                    cpu.put(info.getThreadId(), nanos);
                }
            }
        }
        return cpu;
    }
}

package io.pitwall.simulator.run;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where ticks run: a virtual thread per tick when the JDK has them (found by reflection, since Pitwall
 * compiles for Java 17), else a bounded pool of daemon platform threads.
 */
final class Workers {

    private Workers() {}

    /** Virtual threads if available, else {@code platformThreads} platform threads. */
    static ExecutorService create(int platformThreads) {
        ExecutorService virtual = virtualThreadPerTask();
        if (virtual != null) {
            return virtual;
        }
        AtomicInteger n = new AtomicInteger();
        ThreadFactory daemons = runnable -> {
            Thread thread = new Thread(runnable, "pitwall-vehicle-" + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        return Executors.newFixedThreadPool(platformThreads, daemons);
    }

    static boolean virtualThreadsAvailable() {
        ExecutorService probe = virtualThreadPerTask();
        if (probe == null) {
            return false;
        }
        probe.shutdown();
        return true;
    }

    private static ExecutorService virtualThreadPerTask() {
        try {
            Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
            Class<?> ofVirtual = Class.forName("java.lang.Thread$Builder$OfVirtual");
            builder = ofVirtual.getMethod("name", String.class, long.class).invoke(builder, "pitwall-vehicle-", 1L);
            ThreadFactory factory = (ThreadFactory) Class.forName("java.lang.Thread$Builder")
                    .getMethod("factory")
                    .invoke(builder);
            return (ExecutorService) Executors.class
                    .getMethod("newThreadPerTaskExecutor", ThreadFactory.class)
                    .invoke(null, factory);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // Java 17-20 (or preview not enabled): no virtual threads.
            return null;
        }
    }
}

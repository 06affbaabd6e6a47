package io.pitwall.simulator.run;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * Drives every vehicle of a simulation from one timer thread: when a vehicle is due, its tick runs on a
 * worker (a virtual thread, or one of a bounded pool), and the delay the tick returns schedules the next.
 * So a vehicle's ticks never overlap, no vehicle owns a thread, and at most {@code maxConcurrentTicks}
 * run at once. A tick that throws is counted, remembered (the first one) and retried after
 * {@code afterError}.
 */
public final class TickScheduler implements AutoCloseable {

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "pitwall-sim-timer");
        thread.setDaemon(true);
        return thread;
    });
    private final ExecutorService workers;
    private final Semaphore permits;
    private final Duration afterError;
    private final LongAdder errors = new LongAdder();
    private final AtomicReference<Throwable> firstError = new AtomicReference<>();
    private volatile boolean running = true;

    public TickScheduler(int maxConcurrentTicks, Duration afterError) {
        this.workers = Workers.create(maxConcurrentTicks);
        this.permits = new Semaphore(maxConcurrentTicks);
        this.afterError = afterError;
    }

    /** Whether ticks run on virtual threads. */
    public static boolean usesVirtualThreads() {
        return Workers.virtualThreadsAvailable();
    }

    public void start(SimulatedVehicle vehicle, Duration delay) {
        schedule(vehicle, delay);
    }

    private void schedule(SimulatedVehicle vehicle, Duration delay) {
        if (!running) {
            return;
        }
        try {
            timer.schedule(() -> dispatch(vehicle), Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // Shut down meanwhile: the vehicle simply stops.
        }
    }

    private void dispatch(SimulatedVehicle vehicle) {
        try {
            workers.execute(() -> run(vehicle));
        } catch (RejectedExecutionException e) {
            // Shut down meanwhile.
        }
    }

    private void run(SimulatedVehicle vehicle) {
        if (!running) {
            return;
        }
        Duration next;
        permits.acquireUninterruptibly();
        try {
            next = vehicle.tick();
        } catch (RuntimeException | Error e) {
            if (e instanceof VirtualMachineError) {
                throw e;
            }
            errors.increment();
            firstError.compareAndSet(null, e);
            next = afterError;
        } finally {
            permits.release();
        }
        schedule(vehicle, next);
    }

    public long errors() {
        return errors.sum();
    }

    /** The first tick failure, for the summary. */
    public Throwable firstError() {
        return firstError.get();
    }

    /** Stops scheduling and waits (briefly) for running ticks to end. */
    @Override
    public void close() {
        running = false;
        timer.shutdownNow();
        workers.shutdown();
        try {
            if (!workers.awaitTermination(30, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

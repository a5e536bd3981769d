package io.bingfa.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * What every benchmark shares: timing a run, checking results, running a handful of threads to
 * completion and formatting ratios. {@link SideBySide} takes the best of the timed runs.
 */
public final class Harness {

    /**
     * Work that may throw: one run of a workload (which checks its own result and throws
     * {@link CheckFailedException}), or the body of one of its threads.
     */
    @FunctionalInterface
    public interface Work {
        void run() throws Exception;
    }

    /** How long one run's threads may take before the run fails as hung. */
    static final Duration RUN_DEADLINE = Duration.ofSeconds(120);

    @SuppressWarnings("unused") // written so that the JIT cannot prove an object local to a loop
    private static volatile Object sink;

    private Harness() {
    }

    /** Runs {@code trial} once and returns its wall time, in seconds. */
    public static double seconds(Work trial) throws Exception {
        long start = System.nanoTime();
        trial.run();
        return (System.nanoTime() - start) / 1e9;
    }

    /** Throws {@link CheckFailedException} with {@code message} unless {@code condition} holds. */
    public static void check(boolean condition, String message) throws CheckFailedException {
        if (!condition) {
            throw new CheckFailedException(message);
        }
    }

    /**
     * Makes {@code object} reachable from a static field, so that escape analysis cannot remove
     * the synchronisation a benchmark measures. Returns it.
     */
    public static <T> T publish(T object) {
        sink = object;
        return object;
    }

    /**
     * Runs each body in its own platform thread and waits for all of them. The first failure of
     * any thread is rethrown; threads still running after {@link #RUN_DEADLINE} are interrupted
     * and the run fails.
     */
    public static void runThreads(List<Work> bodies) throws Exception {
        var failures = new ConcurrentLinkedQueue<Throwable>();
        var threads = new ArrayList<Thread>(bodies.size());
        for (Work body : bodies) {
            Thread t = new Thread(() -> {
                try {
                    body.run();
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            t.setDaemon(true);
            threads.add(t);
        }
        threads.forEach(Thread::start);
        long deadline = System.nanoTime() + RUN_DEADLINE.toNanos();
        for (Thread t : threads) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !t.join(Duration.ofNanos(left))) {
                threads.forEach(Thread::interrupt);
                throw new CheckFailedException("run did not finish within " + RUN_DEADLINE.toSeconds()
                        + " s (a lost wake-up or a deadlock?)");
            }
        }
        Throwable first = failures.peek();
        if (first instanceof Exception e) {
            throw e;
        } else if (first instanceof Error e) {
            throw e;
        }
    }

    /** {@code runThreads} with {@code count} copies of one body. */
    public static void runThreads(int count, Work body) throws Exception {
        runThreads(Collections.nCopies(count, body));
    }

    /** A ratio as printed: {@code 23.4x}, {@code 0.97x}. */
    public static String ratio(double r) {
        return String.format(Locale.ROOT, r >= 10 ? "%.1fx" : "%.2fx", r);
    }
}

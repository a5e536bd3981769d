package io.bingfa.threading;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * lock_tests.py's {@code Bunch}: N platform threads running the same body. What a thread throws
 * fails the test: {@link #join()} and {@link #close()} rethrow it in the test thread. Every thread
 * is joined: use it in try-with-resources; {@code close()} waits for the threads, and interrupts
 * the ones still running after {@link Waits#PATIENCE} (a test that failed half-way).
 */
final class Bunch implements AutoCloseable {
    /** The body of thread {@code index} (0 to n - 1). */
    @FunctionalInterface
    interface Body {
        void run(int index) throws Exception;
    }

    private static final AtomicInteger BUNCHES = new AtomicInteger();

    private final List<Thread> threads = new ArrayList<>();
    private final Queue<AssertionError> failures = new ConcurrentLinkedQueue<>();
    private final AtomicInteger finished = new AtomicInteger();
    private boolean reported;

    private Bunch() {}

    /** Starts {@code n} threads named {@code bunch<k>-<index>} running {@code body}. */
    static Bunch start(int n, Body body) {
        return start("bunch" + BUNCHES.incrementAndGet(), n, body);
    }

    /** Starts {@code n} threads named {@code <name>-<index>} running {@code body}. */
    static Bunch start(String name, int n, Body body) {
        Bunch bunch = new Bunch();
        for (int i = 0; i < n; i++) {
            int index = i;
            Thread thread = Thread.ofPlatform().name(name + "-" + i).unstarted(() -> {
                try {
                    body.run(index);
                } catch (Throwable failure) {
                    bunch.failures.add(new AssertionError(
                            "thread " + Thread.currentThread().getName() + " failed: " + failure,
                            failure));
                } finally {
                    bunch.finished.incrementAndGet();
                }
            });
            bunch.threads.add(thread);
        }
        bunch.threads.forEach(Thread::start);
        return bunch;
    }

    /** Thread {@code index}. */
    Thread thread(int index) {
        return threads.get(index);
    }

    List<Thread> threads() {
        return List.copyOf(threads);
    }

    /** How many threads have finished their body (normally or not). */
    int finished() {
        return finished.get();
    }

    /** Waits until every thread is parked; fails if one ends first. */
    void awaitBlocked() {
        Waits.awaitBlocked(threads.toArray(Thread[]::new));
    }

    /** Waits until every thread has ended, then rethrows what they threw. */
    void join() throws InterruptedException {
        long deadline = System.nanoTime() + Waits.PATIENCE.toNanos();
        for (Thread thread : threads) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0 || !thread.join(Duration.ofNanos(remaining))) {
                throw new AssertionError("thread " + thread.getName() + " did not end in "
                        + Waits.PATIENCE + "; it is " + thread.getState() + " at\n"
                        + Waits.stack(thread));
            }
        }
        report();
    }

    /**
     * Joins every thread, interrupting those still alive after {@link Waits#PATIENCE}, then
     * rethrows their failures. If the test thread itself is interrupted meanwhile (a test timeout),
     * interrupts them all, keeps the interrupt status and fails.
     */
    @Override
    public void close() {
        try {
            joinOrInterrupt();
        } catch (InterruptedException interrupted) {
            threads.forEach(Thread::interrupt);
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while joining " + threads, interrupted);
        }
    }

    private void joinOrInterrupt() throws InterruptedException {
        long deadline = System.nanoTime() + Waits.PATIENCE.toNanos();
        List<String> stuck = new ArrayList<>();
        for (Thread thread : threads) {
            long remaining = Math.max(1L, deadline - System.nanoTime());
            if (!thread.join(Duration.ofNanos(remaining))) {
                stuck.add(thread.getName() + " (" + thread.getState() + ")\n" + Waits.stack(thread));
                thread.interrupt();
            }
        }
        for (Thread thread : threads) {
            thread.join(Duration.ofSeconds(5));
        }
        if (!stuck.isEmpty()) {
            AssertionError error = new AssertionError("threads still running at close: " + stuck);
            failures.forEach(error::addSuppressed);
            throw error;
        }
        report();
    }

    private void report() {
        if (reported || failures.isEmpty()) {
            return;
        }
        reported = true;
        AssertionError first = failures.peek();
        AssertionError error = new AssertionError(
                failures.size() + " of " + threads.size() + " threads failed; first: "
                        + first.getMessage(), first.getCause());
        failures.stream().skip(1).forEach(error::addSuppressed);
        throw error;
    }
}

package io.bingfa.queue;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.bingfa.Action;
import io.bingfa.Task;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.AbstractQueuedSynchronizer;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * The threads of one test: starts them, remembers what each returned or threw, and in
 * {@link #close()} joins every one of them and fails the test if any failed unexpectedly or did not
 * finish. Use it in try-with-resources so threads are joined even when the test fails:
 *
 * <pre>{@code
 * try (var threads = new TestThreads()) {
 *     var getter = threads.fork("getter", q::get);
 *     threads.awaitBlocked(getter);
 *     q.put(1);
 *     assertEquals(1, getter.join());
 * }
 * }</pre>
 *
 * <p>A thread's exception counts as a failure at {@code close()} unless the test looked at it with
 * {@link Forked#join()}, {@link Forked#joinThrowing(Class)} or {@link Forked#outcome()}.
 * Waiting is always for a state with a deadline ({@link #DEADLINE}), never a bare sleep.
 */
final class TestThreads implements AutoCloseable {
    /** How long anything that should happen "soon" may take on a slow, loaded machine. */
    static final Duration DEADLINE = Duration.ofSeconds(20);

    private final List<Forked<?>> forked = new ArrayList<>();

    /** Starts a platform thread running {@code body}; its result is in the returned handle. */
    synchronized <V> Forked<V> fork(String name, Task<V> body) {
        Forked<V> f = new Forked<>(name, body);
        forked.add(f);
        f.thread.start();
        return f;
    }

    /** Starts a platform thread running {@code body}. */
    Forked<Void> run(String name, Action body) {
        return fork(name, () -> {
            body.run();
            return null;
        });
    }

    /** Starts {@code n} threads named {@code name-0 ... name-(n-1)}, each running {@code body(i)}. */
    List<Forked<Void>> runAll(String name, int n, IndexedAction body) {
        List<Forked<Void>> started = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int index = i;
            started.add(run(name + "-" + i, () -> body.run(index)));
        }
        return started;
    }

    /** A thread body that knows its index. */
    @FunctionalInterface
    interface IndexedAction {
        void run(int index) throws Exception;
    }

    /**
     * Waits until the thread is parked in a wait of its own (a condition, a join, a sleep), not
     * just contending for a lock: {@code WAITING} or {@code TIMED_WAITING} and not parked on an
     * {@link AbstractQueuedSynchronizer} that is a lock. Fails if it finishes first or the deadline
     * passes.
     */
    static void awaitBlocked(Forked<?> f) {
        awaitBlocked(f.thread, f.name);
    }

    static void awaitBlocked(Thread t, String name) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        for (int spins = 0; ; spins++) {
            Thread.State s = t.getState();
            if (s == Thread.State.TERMINATED) {
                fail(name + " finished instead of blocking");
            }
            if ((s == Thread.State.WAITING || s == Thread.State.TIMED_WAITING) && !parkedOnALock(t)) {
                return;
            }
            if (System.nanoTime() - deadline > 0) {
                fail(name + " did not block within " + DEADLINE + " (state " + s + ")");
            }
            pause(spins);
        }
    }

    /** Waits until every thread given is blocked (see {@link #awaitBlocked(Forked)}). */
    static void awaitAllBlocked(List<? extends Forked<?>> fs) {
        for (Forked<?> f : fs) {
            awaitBlocked(f);
        }
    }

    private static boolean parkedOnALock(Thread t) {
        Object blocker = LockSupport.getBlocker(t);
        return blocker instanceof AbstractQueuedSynchronizer;
    }

    /** Waits until {@code condition} holds; fails with {@code what} at the deadline. */
    static void awaitTrue(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        for (int spins = 0; !condition.getAsBoolean(); spins++) {
            if (System.nanoTime() - deadline > 0) {
                fail("timed out after " + DEADLINE + " waiting until " + what);
            }
            pause(spins);
        }
    }

    /** Backs off while polling: spin a little, then yield, then park briefly (2 cores, many threads). */
    private static void pause(int spins) {
        if (spins < 50) {
            Thread.onSpinWait();
        } else if (spins < 200) {
            Thread.yield();
        } else {
            LockSupport.parkNanos(200_000L);
        }
    }

    /**
     * Asserts that the thread is still blocked a little later: a bounded check for the absence of
     * progress (the thread should stay where it is until the test lets it go).
     */
    static void assertStaysBlocked(Forked<?> f) throws InterruptedException {
        f.thread.join(50);
        assertTrue(f.thread.isAlive(), f.name + " should still be blocked but finished: " + f.describe());
    }

    /**
     * Joins every thread (interrupting any still running at the deadline) and fails if one did not
     * finish or failed without the test having looked at its outcome. If the test thread is
     * interrupted meanwhile (a JUnit timeout), stragglers are interrupted at once and the interrupt
     * status is restored.
     */
    @Override
    public synchronized void close() {
        AssertionError failure = null;
        boolean interrupted = false;
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        for (Forked<?> f : forked) {
            if (!interrupted) {
                try {
                    TimeUnit.NANOSECONDS.timedJoin(f.thread, Math.max(1L, deadline - System.nanoTime()));
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (f.thread.isAlive()) {
                StringBuilder stack = new StringBuilder();
                for (StackTraceElement e : f.thread.getStackTrace()) {
                    stack.append("\n\tat ").append(e);
                }
                f.thread.interrupt();
                try {
                    f.thread.join(TimeUnit.SECONDS.toMillis(5));
                } catch (InterruptedException e) {
                    interrupted = true;
                }
                failure = add(failure, new AssertionError(
                        f.name + " was still running at the end of the test (interrupted it); it was at:" + stack));
            } else if (!f.examined && f.outcome.isCompletedExceptionally()) {
                failure = add(failure, new AssertionError(f.name + " failed", f.thrown()));
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static AssertionError add(AssertionError first, AssertionError next) {
        if (first == null) {
            return next;
        }
        first.addSuppressed(next);
        return first;
    }

    /** One started thread and what it did. */
    static final class Forked<V> {
        final String name;
        final Thread thread;
        private final CompletableFuture<V> outcome = new CompletableFuture<>();
        private volatile boolean examined;

        private Forked(String name, Task<V> body) {
            this.name = name;
            this.thread = Thread.ofPlatform().name(name).daemon(true).unstarted(() -> {
                try {
                    outcome.complete(body.call());
                } catch (Throwable t) {
                    outcome.completeExceptionally(t);
                }
            });
        }

        /** Whether the body has returned or thrown. */
        boolean isDone() {
            return outcome.isDone();
        }

        /** Waits (up to the deadline) for the body to return and gives its value; fails if it threw. */
        V join() throws InterruptedException {
            examined = true;
            awaitDone();
            try {
                return outcome.get();
            } catch (ExecutionException e) {
                throw new AssertionError(name + " threw instead of returning", e.getCause());
            }
        }

        /** Waits (up to the deadline) for the body to throw {@code type} and returns the exception. */
        <X extends Throwable> X joinThrowing(Class<X> type) throws InterruptedException {
            examined = true;
            awaitDone();
            Throwable t = thrown();
            if (t == null) {
                throw new AssertionError(name + " returned " + outcome.getNow(null) + " instead of throwing "
                        + type.getSimpleName());
            }
            if (!type.isInstance(t)) {
                throw new AssertionError(name + " threw " + t + " instead of " + type.getSimpleName(), t);
            }
            return type.cast(t);
        }

        /** Waits for the body to end; returns what it threw, or null if it returned. */
        Throwable outcome() throws InterruptedException {
            examined = true;
            awaitDone();
            return thrown();
        }

        private void awaitDone() throws InterruptedException {
            TimeUnit.NANOSECONDS.timedJoin(thread, DEADLINE.toNanos());
            assertFalse(thread.isAlive(), () -> name + " did not finish within " + DEADLINE);
        }

        private Throwable thrown() {
            try {
                outcome.getNow(null);
                return null;
            } catch (java.util.concurrent.CompletionException e) {
                return e.getCause();
            } catch (java.util.concurrent.CancellationException e) {
                return e;
            }
        }

        String describe() {
            if (!outcome.isDone()) {
                return "running";
            }
            Throwable t = thrown();
            return t == null ? "returned " + outcome.getNow(null) : "threw " + t;
        }
    }
}

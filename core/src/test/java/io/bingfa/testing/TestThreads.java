package io.bingfa.testing;

import io.bingfa.Action;
import io.bingfa.Task;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads of one test: starts them, remembers what each returned or threw, and in
 * {@link #close()} joins every one of them and fails the test if one failed unexpectedly or did
 * not finish. Use it in try-with-resources so threads are joined even when the test fails.
 *
 * <p>Two ways to use it. Fork threads one by one and look at each outcome:
 *
 * <pre>{@code
 * try (var threads = new TestThreads()) {
 *     Forked<Integer> getter = threads.fork("getter", q::get);
 *     getter.awaitBlocked();
 *     q.put(1);
 *     assertEquals(1, getter.join());
 * }
 * }</pre>
 *
 * <p>Or, as lock_tests.py's {@code Bunch}, start N threads running one body, where whatever a
 * thread throws fails the test (rethrown in the test thread by {@link #join()} or {@link #close()}):
 *
 * <pre>{@code
 * try (TestThreads bunch = TestThreads.start(5, i -> lock.acquire())) {
 *     bunch.awaitParked();
 *     ...
 *     bunch.join();
 * }
 * }</pre>
 *
 * <p>A thread's exception counts as a failure unless the test looked at it with
 * {@link Forked#join()}, {@link Forked#joinThrowing(Class)} or {@link Forked#outcome()}; it is
 * reported once, by the first {@link #join()} or {@link #close()} after it. Threads are platform
 * daemon threads (a straggler that ignores even the interrupt cannot keep the test JVM alive).
 * Waiting is always for a state with a deadline ({@link Waits#PATIENCE}), never a bare sleep.
 */
public final class TestThreads implements AutoCloseable {
    /** After interrupting the threads still running at {@link #close()}, how long to let them end. */
    private static final Duration GRACE = Duration.ofSeconds(5);

    private static final AtomicInteger GROUPS = new AtomicInteger();

    /** A thread body that knows its index (0 to n - 1). */
    @FunctionalInterface
    public interface IndexedAction {
        void run(int index) throws Exception;
    }

    private final List<Forked<?>> forked = new CopyOnWriteArrayList<>();

    /** An empty group; add threads with {@link #fork}, {@link #run} and {@link #runAll}. */
    public TestThreads() {}

    /**
     * lock_tests.py's {@code Bunch}: a group of {@code n} threads named {@code group<k>-<index>}
     * running {@code body(index)}.
     */
    public static TestThreads start(int n, IndexedAction body) {
        return start("group" + GROUPS.incrementAndGet(), n, body);
    }

    /** A group of {@code n} threads named {@code <name>-<index>} running {@code body(index)}. */
    public static TestThreads start(String name, int n, IndexedAction body) {
        TestThreads threads = new TestThreads();
        try {
            threads.runAll(name, n, body);
        } catch (Throwable startFailed) { // the threads that did start are still joined
            try {
                threads.close();
            } catch (Throwable closeFailed) {
                startFailed.addSuppressed(closeFailed);
            }
            throw startFailed;
        }
        return threads;
    }

    // ------------------------------------------------------------------ starting threads

    /** Starts a thread named {@code name} running {@code body}; its result is in the handle. */
    public <V> Forked<V> fork(String name, Task<V> body) {
        Forked<V> f = new Forked<>(name, body);
        f.thread.start(); // then add: close() joins only threads that did start
        forked.add(f);
        return f;
    }

    /** Starts a thread named {@code name} running {@code body}. */
    public Forked<Void> run(String name, Action body) {
        return fork(name, () -> {
            body.run();
            return null;
        });
    }

    /** Starts {@code n} threads named {@code name-0 ... name-(n-1)}, each running {@code body(i)}. */
    public List<Forked<Void>> runAll(String name, int n, IndexedAction body) {
        List<Forked<Void>> started = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int index = i;
            started.add(run(name + "-" + i, () -> body.run(index)));
        }
        return started;
    }

    // ------------------------------------------------------------------ the group

    /** The {@code index}-th thread started in this group. */
    public Thread thread(int index) {
        return forked.get(index).thread;
    }

    /** The threads started in this group, in the order they were started. */
    public List<Thread> threads() {
        return forked.stream().map(f -> f.thread).toList();
    }

    /** The handles of the threads started in this group, in the order they were started. */
    public List<Forked<?>> forked() {
        return List.copyOf(forked);
    }

    /** Waits until every thread of the group is parked anywhere ({@link Waits#awaitParked}). */
    public void awaitParked() {
        Waits.awaitParked(threads().toArray(Thread[]::new));
    }

    /** Waits until every thread of the group is in a wait of its own ({@link Waits#awaitBlocked}). */
    public void awaitBlocked() {
        Waits.awaitBlocked(threads().toArray(Thread[]::new));
    }

    /** Waits until every thread given is in a wait of its own ({@link Forked#awaitBlocked()}). */
    public static void awaitAllBlocked(Collection<? extends Forked<?>> threads) {
        for (Forked<?> f : threads) {
            f.awaitBlocked();
        }
    }

    /**
     * Waits (up to {@link Waits#PATIENCE} in all) until every thread of the group has ended, then
     * rethrows, as one {@link AssertionError}, what the ones not examined yet threw. Fails, without
     * interrupting it, if a thread is still running at the deadline ({@link #close()} then does).
     */
    public void join() throws InterruptedException {
        long deadline = System.nanoTime() + Waits.PATIENCE.toNanos();
        for (int i = 0; i < forked.size(); i++) {
            Forked<?> f = forked.get(i);
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0 || !f.thread.join(Duration.ofNanos(remaining))) {
                throw new AssertionError(f.name + " did not end in " + Waits.PATIENCE + "; it is "
                        + f.thread.getState() + " at\n" + Waits.stack(f.thread));
            }
        }
        AssertionError failure = collectFailures(null);
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * Joins every thread, interrupting those still running after {@link Waits#PATIENCE} (a test
     * that failed half-way), and fails if one did not finish by itself or threw without the test
     * having looked at its outcome. If the test thread is interrupted meanwhile (a JUnit timeout),
     * it stops waiting, interrupts the stragglers at once and keeps its interrupt status.
     */
    @Override
    public void close() {
        boolean interrupted = false;
        long deadline = System.nanoTime() + Waits.PATIENCE.toNanos();
        List<AssertionError> stuck = new ArrayList<>();
        List<Forked<?>> interruptedThreads = new ArrayList<>();
        for (int i = 0; i < forked.size(); i++) { // by index: a thread may fork more meanwhile
            Forked<?> f = forked.get(i);
            if (!interrupted) {
                try {
                    f.thread.join(Duration.ofNanos(Math.max(1L, deadline - System.nanoTime())));
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (f.thread.isAlive()) {
                stuck.add(new AssertionError(f.name + " was still running at the end of the test"
                        + (interrupted ? " (the test thread was interrupted while joining it)" : "")
                        + "; interrupted it; it was " + f.thread.getState() + " at\n"
                        + Waits.stack(f.thread)));
                f.thread.interrupt();
                interruptedThreads.add(f);
            }
        }
        long graceEnd = System.nanoTime() + GRACE.toNanos();
        for (Forked<?> f : interruptedThreads) {
            try {
                f.thread.join(Duration.ofNanos(Math.max(1L, graceEnd - System.nanoTime())));
            } catch (InterruptedException e) {
                interrupted = true;
                break;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        AssertionError failure = null;
        for (AssertionError e : stuck) {
            failure = add(failure, e);
        }
        failure = collectFailures(failure);
        if (failure != null) {
            throw failure;
        }
    }

    /** Adds the failures of the ended, unexamined threads to {@code failure}, marking them examined. */
    private AssertionError collectFailures(AssertionError failure) {
        for (Forked<?> f : forked) {
            if (!f.examined && !f.thread.isAlive() && f.outcome.isCompletedExceptionally()) {
                f.examined = true;
                Throwable thrown = f.thrown();
                failure = add(failure, new AssertionError(f.name + " failed: " + thrown, thrown));
            }
        }
        return failure;
    }

    private static AssertionError add(AssertionError first, AssertionError next) {
        if (first == null) {
            return next;
        }
        first.addSuppressed(next);
        return first;
    }

    // ------------------------------------------------------------------ one thread

    /** One started thread and what it did. */
    public static final class Forked<V> {
        private final String name;
        private final Thread thread;
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

        public String name() {
            return name;
        }

        public Thread thread() {
            return thread;
        }

        /** Whether the body has returned or thrown. */
        public boolean isDone() {
            return outcome.isDone();
        }

        /** Waits until the thread is parked anywhere, lock queueing included ({@link Waits#awaitParked}). */
        public void awaitParked() {
            Waits.awaitParked(thread);
        }

        /** Waits until the thread is parked in a wait of its own, not on a lock ({@link Waits#awaitBlocked}). */
        public void awaitBlocked() {
            Waits.awaitBlocked(thread);
        }

        /** Asserts that the thread is still running a little later ({@link Waits#assertStaysBlocked}). */
        public void assertStaysBlocked() throws InterruptedException {
            thread.join(Waits.STAYS_BLOCKED);
            if (thread.isAlive()) {
                return;
            }
            throw new AssertionError(name + " should still be blocked but finished: " + describe(),
                    thrown());
        }

        /** Waits (up to the deadline) for the body to return and gives its value; fails if it threw. */
        public V join() throws InterruptedException {
            examined = true;
            awaitDone();
            try {
                return outcome.get();
            } catch (ExecutionException e) {
                throw new AssertionError(name + " threw instead of returning", e.getCause());
            }
        }

        /** Waits (up to the deadline) for the body to throw {@code type} and returns the exception. */
        public <X extends Throwable> X joinThrowing(Class<X> type) throws InterruptedException {
            examined = true;
            awaitDone();
            Throwable t = thrown();
            if (t == null) {
                throw new AssertionError(name + " returned " + outcome.getNow(null)
                        + " instead of throwing " + type.getSimpleName());
            }
            if (!type.isInstance(t)) {
                throw new AssertionError(name + " threw " + t + " instead of " + type.getSimpleName(), t);
            }
            return type.cast(t);
        }

        /** Waits (up to the deadline) for the body to end; returns what it threw, or null if it returned. */
        public Throwable outcome() throws InterruptedException {
            examined = true;
            awaitDone();
            return thrown();
        }

        /** "running", "returned x" or "threw e". */
        public String describe() {
            if (!outcome.isDone()) {
                return "running";
            }
            Throwable t = thrown();
            return t == null ? "returned " + outcome.getNow(null) : "threw " + t;
        }

        @Override
        public String toString() {
            return name + " (" + describe() + ")";
        }

        private void awaitDone() throws InterruptedException {
            if (!thread.join(Waits.PATIENCE)) {
                throw new AssertionError(name + " did not finish within " + Waits.PATIENCE
                        + "; it is " + thread.getState() + " at\n" + Waits.stack(thread));
            }
        }

        private Throwable thrown() {
            if (!outcome.isCompletedExceptionally()) {
                return null;
            }
            try {
                outcome.join();
                return null;
            } catch (CompletionException e) {
                return e.getCause();
            } catch (CancellationException e) {
                return e;
            }
        }
    }
}

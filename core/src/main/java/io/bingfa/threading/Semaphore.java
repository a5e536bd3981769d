package io.bingfa.threading;

import io.bingfa.internal.Timeouts;
import java.time.Duration;
import java.util.concurrent.locks.AbstractQueuedSynchronizer;

/**
 * Python's {@code threading.Semaphore}: a counter of permits. {@link #acquire()} takes one, waiting
 * while there is none; {@link #release()} gives one back (or {@link #release(int) n}, waking up to
 * n waiters). A plain semaphore may be released more often than acquired, raising its value; a
 * {@link BoundedSemaphore} refuses that.
 *
 * <pre>{@code
 * Semaphore slots = new Semaphore(3);
 * try (var held = slots.hold()) {    // with slots:
 *     download();
 * }
 * }</pre>
 *
 * <p>Not fair, as in CPython: a thread that arrives while a permit is free may take it ahead of
 * waiting ones. Semaphores have no owner and so are not in {@link Deadlocks}' graph.
 *
 * <p><b>Memory consistency effects:</b> actions before a {@code release()} happen-before actions
 * after a successful acquire that takes the released permit.
 */
public class Semaphore implements Acquirable {
    private final Sync sync;
    private final Held held = this::release;

    /** Creates a semaphore with one permit ({@code Semaphore()}). */
    public Semaphore() {
        this(1);
    }

    /**
     * Creates a semaphore with {@code value} permits.
     *
     * @param value the initial number of permits, {@code >= 0}
     * @throws IllegalArgumentException if {@code value} is negative
     */
    public Semaphore(int value) {
        this(value, Integer.MAX_VALUE);
    }

    Semaphore(int value, int bound) {
        if (value < 0) {
            throw new IllegalArgumentException(
                    "semaphore initial value: " + value + " (expected: >= 0)");
        }
        this.sync = new Sync(value, bound);
    }

    /**
     * Takes a permit, waiting until one is available. The thread lies dormant until it gets a
     * permit or is interrupted.
     *
     * @throws InterruptedException if interrupted while waiting
     */
    @Override
    public void acquire() throws InterruptedException {
        sync.acquireSharedInterruptibly(1);
    }

    /** Takes a permit only if one is available now. */
    @Override
    public boolean tryAcquire() {
        return sync.tryAcquireShared(1) >= 0;
    }

    /**
     * Takes a permit, waiting at most {@code timeout}. The thread lies dormant until it gets a
     * permit, the timeout elapses, or it is interrupted.
     *
     * @return {@code true} if a permit was taken, {@code false} if the timeout elapsed first
     * @throws InterruptedException if interrupted while waiting
     * @throws IllegalArgumentException if {@code timeout} is negative
     */
    @Override
    public boolean tryAcquire(Duration timeout) throws InterruptedException {
        return sync.tryAcquireSharedNanos(1, Timeouts.toNanos(timeout));
    }

    /**
     * Gives back one permit, waking a waiter if there is one.
     *
     * @throws IllegalStateException for a {@link BoundedSemaphore} at its initial value
     */
    @Override
    public void release() {
        sync.releaseShared(1);
    }

    /**
     * Gives back {@code n} permits, waking up to {@code n} waiters ({@code release(n)}).
     *
     * @param n how many, {@code >= 1}
     * @throws IllegalArgumentException if {@code n < 1}
     * @throws IllegalStateException for a {@link BoundedSemaphore} that would exceed its initial
     *     value (then no permit is given back)
     */
    public void release(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n: " + n + " (expected: >= 1)");
        }
        sync.releaseShared(n);
    }

    @Override
    public Held hold() throws InterruptedException {
        acquire();
        return held;
    }

    /** The number of permits available now. A snapshot. */
    public int value() {
        return sync.permits();
    }

    /** Shows the value: {@code Semaphore[value=2]}. */
    @Override
    public String toString() {
        return "Semaphore[value=" + value() + "]";
    }

    int bound() {
        return sync.bound;
    }

    private static final class Sync extends AbstractQueuedSynchronizer {
        private static final long serialVersionUID = 1L;
        final int bound;

        Sync(int permits, int bound) {
            this.bound = bound;
            setState(permits);
        }

        int permits() {
            return getState();
        }

        @Override
        protected int tryAcquireShared(int n) {
            while (true) {
                int available = getState();
                int remaining = available - n;
                if (remaining < 0 || compareAndSetState(available, remaining)) {
                    return remaining;
                }
            }
        }

        @Override
        protected boolean tryReleaseShared(int n) {
            while (true) {
                int current = getState();
                int next = current + n;
                if (next < current || next > bound) {
                    throw new IllegalStateException(bound == Integer.MAX_VALUE
                            ? "Semaphore value overflow: " + current + " + " + n
                            : "Semaphore released too many times (value=" + current + "/" + bound
                                    + ", release(" + n + "))");
                }
                if (compareAndSetState(current, next)) {
                    return true;
                }
            }
        }
    }
}

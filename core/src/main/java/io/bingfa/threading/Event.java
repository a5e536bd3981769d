package io.bingfa.threading;

import io.bingfa.internal.Timeouts;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Python's {@code threading.Event}: a flag that threads wait for. {@link #set()} sets it and wakes
 * every waiter; {@link #clear()} resets it; {@link #await()} returns at once while it is set.
 *
 * <pre>{@code
 * Event ready = new Event();
 * Threads.start(() -> { prepare(); ready.set(); });
 * ready.await();
 * }</pre>
 *
 * <p>A waiter woken by {@code set()} returns {@code true} even if another thread clears the flag
 * before it gets to run (CPython gh-57711).
 *
 * <p><b>Memory consistency effects:</b> actions before {@code set()} happen-before the return of
 * an {@code await} that it ends, and before any {@code isSet()} that returns {@code true}.
 */
/*
 * Implementation: a generation counter under a ReentrantLock (not a monitor, so waiting virtual
 * threads do not pin their carrier on JDK 21). A waiter records the generation and waits until the
 * flag is set or the generation moves on, which is what makes a set-then-clear wake it. isSet() is
 * a volatile read; set() on a set event takes no lock.
 */
public final class Event {
    private final ReentrantLock lock = new ReentrantLock();
    private final java.util.concurrent.locks.Condition changed = lock.newCondition();
    private volatile boolean flag;
    /** Guarded by lock. */
    private long generation;

    /** Creates an event whose flag is not set. */
    public Event() {}

    /** Whether the flag is set ({@code is_set()}). */
    public boolean isSet() {
        return flag;
    }

    /** Sets the flag and wakes every waiting thread. Idempotent. */
    public void set() {
        if (flag) {
            return;
        }
        lock.lock();
        try {
            if (!flag) {
                flag = true;
                generation++;
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Resets the flag; later {@code await} calls wait until the next {@code set()}. Idempotent. */
    public void clear() {
        lock.lock();
        try {
            flag = false;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until the flag is set, returning at once if it already is. The thread lies dormant until
     * another thread calls {@code set()} or it is interrupted.
     *
     * @throws InterruptedException if interrupted while waiting
     */
    public void await() throws InterruptedException {
        if (flag) {
            return;
        }
        lock.lockInterruptibly();
        try {
            long seen = generation;
            while (!flag && generation == seen) {
                changed.await();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until the flag is set or the timeout elapses. The thread lies dormant until another
     * thread calls {@code set()}, the timeout elapses, or it is interrupted.
     *
     * @param timeout how long to wait; {@code Duration.ZERO} does not wait
     * @return {@code true} if the flag was set (now or by a {@code set()} while waiting),
     *     {@code false} if the timeout elapsed first
     * @throws InterruptedException if interrupted while waiting
     * @throws IllegalArgumentException if {@code timeout} is negative
     */
    public boolean await(Duration timeout) throws InterruptedException {
        long nanos = Timeouts.toNanos(timeout);
        if (flag) {
            return true;
        }
        if (nanos == 0L) {
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            return flag;
        }
        long deadline = Timeouts.deadline(nanos);
        if (!lock.tryLock(nanos, TimeUnit.NANOSECONDS)) {
            return flag;
        }
        try {
            long seen = generation;
            while (!flag && generation == seen) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0L) {
                    return false;
                }
                changed.awaitNanos(remaining);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Shows the flag: {@code Event[set]} or {@code Event[unset]}. */
    @Override
    public String toString() {
        return flag ? "Event[set]" : "Event[unset]";
    }
}

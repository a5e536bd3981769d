package io.bingfa.threading;

import io.bingfa.internal.Timeouts;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.AbstractQueuedSynchronizer;
import java.util.function.BooleanSupplier;

/**
 * Python's {@code threading.Condition}: a condition variable over a {@link Lock} or {@link RLock}
 * (a new RLock by default). Threads {@link #await()} until another thread holding the lock calls
 * {@link #signal()}.
 *
 * <p>Unlike {@link java.util.concurrent.locks.Condition}, and as CPython's tests require:
 * <ul>
 * <li>waiters are woken in FIFO order, and {@link #signal(int) signal(n)} wakes exactly {@code n}
 *     of them (or all there are, if fewer);
 * <li>there are no spurious wake-ups: {@code await} returns only when signalled (or, for the timed
 *     form, when the timeout elapses, returning {@code false});
 * <li>a waiter that is signalled as its timeout elapses or as it is interrupted still counts as
 *     signalled: it returns {@code true} (keeping the interrupt pending), so no signal is lost.
 * </ul>
 *
 * <pre>{@code
 * Condition cond = new Condition();
 * try (var held = cond.hold()) {          // with cond:
 *     cond.awaitUntil(() -> ready, Duration.ofSeconds(5));
 * }
 * }</pre>
 *
 * <p>Waiting or signalling without holding the lock throws {@link IllegalMonitorStateException}
 * ("cannot wait on un-acquired lock", "cannot notify on un-acquired lock"). Over a plain
 * {@link Lock}, "holding" means the lock is locked, since a Lock has no owner.
 *
 * <p><b>Memory consistency effects:</b> those of the underlying lock: actions before
 * {@code signal} and the release that follows happen-before the signalled thread's return from
 * {@code await}, which re-acquires the lock.
 */
/*
 * Implementation: AQS's condition queue over the lock's synchronizer. Its waiters are a FIFO list;
 * signal moves the first live one to the lock's queue without waking it, so it wakes once when the
 * signaller releases the lock, not twice (on the signal, then again on the busy lock). A waiter
 * returns only once moved (signalled), interrupted, or timed out, and a signal that reaches it
 * before it has cancelled its timed wait wins (it returns true): CPython's "no spurious wake-ups",
 * FIFO order and exact notify(n) all follow. For an RLock, the owner's nested count is parked at 1
 * during the wait, so the condition's single full release frees the lock, and restored after.
 * The re-acquire at the end of a wait happens inside AQS, so the deadlock detector does not see it.
 */
public final class Condition implements Acquirable {
    private final Acquirable lock;
    private final TrackedSync sync;
    /** The RLock whose count a wait parks, or null over a Lock. */
    private final RLock reentrant;
    private final AbstractQueuedSynchronizer.ConditionObject queue;
    /** Threads inside await, for toString(). */
    private final AtomicInteger inWait = new AtomicInteger();

    /** Creates a condition over a new {@link RLock} ({@code Condition()}). */
    public Condition() {
        this(new RLock());
    }

    /**
     * Creates a condition over a {@link Lock} ({@code Condition(lock)}).
     *
     * @param lock the lock; acquiring the condition acquires it
     */
    public Condition(Lock lock) {
        this(lock, lock.sync, null);
    }

    /**
     * Creates a condition over an {@link RLock} ({@code Condition(rlock)}).
     *
     * @param lock the lock; acquiring the condition acquires it
     */
    public Condition(RLock lock) {
        this(lock, lock.sync, lock);
    }

    private Condition(Acquirable lock, TrackedSync sync, RLock reentrant) {
        this.lock = lock;
        this.sync = sync;
        this.reentrant = reentrant;
        this.queue = sync.newConditionQueue();
    }

    /** The underlying lock: a {@link Lock} or an {@link RLock}. */
    public Acquirable lock() {
        return lock;
    }

    @Override
    public void acquire() throws InterruptedException {
        lock.acquire();
    }

    @Override
    public boolean tryAcquire() {
        return lock.tryAcquire();
    }

    @Override
    public boolean tryAcquire(Duration timeout) throws InterruptedException {
        return lock.tryAcquire(timeout);
    }

    @Override
    public void release() {
        lock.release();
    }

    @Override
    public Held hold() throws InterruptedException {
        return lock.hold();
    }

    /**
     * Releases the lock and waits until signalled, then re-acquires the lock. The thread lies
     * dormant until another thread signals it or it is interrupted.
     *
     * @throws InterruptedException if interrupted while waiting (the lock is held again when it is
     *     thrown)
     * @throws IllegalMonitorStateException if the lock is not held
     */
    public void await() throws InterruptedException {
        doAwait(false, 0L);
    }

    /**
     * Releases the lock and waits until signalled or the timeout elapses, then re-acquires the
     * lock. The thread lies dormant until signalled, the timeout elapses, or it is interrupted.
     *
     * @param timeout how long to wait
     * @return {@code true} if signalled, {@code false} if the timeout elapsed first
     * @throws InterruptedException if interrupted while waiting (the lock is held again)
     * @throws IllegalMonitorStateException if the lock is not held
     * @throws IllegalArgumentException if {@code timeout} is negative
     */
    public boolean await(Duration timeout) throws InterruptedException {
        return doAwait(true, Timeouts.toNanos(timeout));
    }

    /**
     * Waits until {@code predicate} is true ({@code wait_for}): checks it, and while it is false
     * waits for a signal and checks again. Call it holding the lock.
     *
     * @param predicate the state to wait for; evaluated with the lock held
     * @return {@code true} once the predicate holds (at once if it already does)
     * @throws InterruptedException if interrupted while waiting
     */
    public boolean awaitUntil(BooleanSupplier predicate) throws InterruptedException {
        while (!predicate.getAsBoolean()) {
            await();
        }
        return true;
    }

    /**
     * Waits until {@code predicate} is true or the timeout elapses ({@code wait_for(pred, timeout)}).
     *
     * @param predicate the state to wait for; evaluated with the lock held
     * @param timeout the longest time to wait in all
     * @return the predicate's last value: {@code false} means the timeout elapsed first
     * @throws InterruptedException if interrupted while waiting
     * @throws IllegalArgumentException if {@code timeout} is negative
     */
    public boolean awaitUntil(BooleanSupplier predicate, Duration timeout)
            throws InterruptedException {
        long deadline = Timeouts.deadline(Timeouts.toNanos(timeout));
        boolean result = predicate.getAsBoolean();
        while (!result) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                break;
            }
            doAwait(true, remaining);
            result = predicate.getAsBoolean();
        }
        return result;
    }

    /**
     * Wakes the longest-waiting thread, if any ({@code notify()}). It returns from {@code await}
     * once it re-acquires the lock, so after this thread releases it.
     *
     * @throws IllegalMonitorStateException if the lock is not held
     */
    public void signal() {
        signal(1);
    }

    /**
     * Wakes exactly {@code n} waiting threads in the order they started waiting, or all if fewer
     * wait ({@code notify(n)}).
     *
     * @param n how many to wake, {@code >= 0}
     * @throws IllegalMonitorStateException if the lock is not held
     * @throws IllegalArgumentException if {@code n} is negative
     */
    public void signal(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n: " + n + " (expected: >= 0)");
        }
        if (!sync.heldByCaller()) {
            throw new IllegalMonitorStateException("cannot notify on un-acquired lock");
        }
        for (int i = 0; i < n && sync.hasWaiters(queue); i++) {
            queue.signal();
        }
    }

    /**
     * Wakes every waiting thread ({@code notify_all()}).
     *
     * @throws IllegalMonitorStateException if the lock is not held
     */
    public void signalAll() {
        if (!sync.heldByCaller()) {
            throw new IllegalMonitorStateException("cannot notify on un-acquired lock");
        }
        queue.signalAll();
    }

    /**
     * How many threads are inside {@code await} now: waiting for a signal, or signalled and not yet
     * holding the lock again. A snapshot, for monitoring and for starting a signaller only once a
     * waiter is there (a thread counted here has released the lock, or is about to: a signaller
     * that then acquires the lock finds it in the wait queue).
     */
    public int waiting() {
        return inWait.get();
    }

    /** Shows the lock and the number of waiters: {@code Condition[RLock[unlocked, count=0], 0 waiting]}. */
    @Override
    public String toString() {
        return "Condition[" + lock + ", " + inWait.get() + " waiting]";
    }

    private boolean doAwait(boolean timed, long nanos) throws InterruptedException {
        if (!sync.heldByCaller()) {
            throw new IllegalMonitorStateException("cannot wait on un-acquired lock");
        }
        int saved = reentrant == null ? 0 : reentrant.enterConditionWait();
        inWait.incrementAndGet();
        try {
            if (!timed) {
                queue.await();
                return true;
            }
            return queue.await(nanos, TimeUnit.NANOSECONDS);
        } finally {
            inWait.decrementAndGet();
            if (reentrant != null) {
                reentrant.exitConditionWait(saved);
            }
        }
    }
}

package io.bingfa.threading;

import io.bingfa.internal.Timeouts;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.concurrent.locks.LockSupport;

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
 * Implementation, as CPython's: a FIFO deque of waiter records, guarded by the condition's lock
 * (every caller that touches it holds the lock). await appends a record, releases the lock fully
 * (all RLock levels), parks until its record is marked signalled, then re-acquires uninterruptibly
 * and, if it was not signalled, removes its record. signal(n) marks and unparks the first n
 * records. The `signalled` flag is set under the lock and read after re-acquiring it, so the
 * waiter's verdict and the signaller's count always agree.
 */
public final class Condition implements Acquirable {
    private final Acquirable lock;
    private final LockOps ops;
    /** Guarded by the lock. */
    private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();

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
        Objects.requireNonNull(lock, "lock");
        this.lock = lock;
        this.ops = new PlainOps(lock);
    }

    /**
     * Creates a condition over an {@link RLock} ({@code Condition(rlock)}).
     *
     * @param lock the lock; acquiring the condition acquires it
     */
    public Condition(RLock lock) {
        Objects.requireNonNull(lock, "lock");
        this.lock = lock;
        this.ops = new ReentrantOps(lock);
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
        if (!ops.isHeld()) {
            throw new IllegalMonitorStateException("cannot notify on un-acquired lock");
        }
        for (int i = 0; i < n; i++) {
            Waiter waiter = waiters.pollFirst();
            if (waiter == null) {
                return;
            }
            waiter.signalled = true;
            LockSupport.unpark(waiter.thread);
        }
    }

    /**
     * Wakes every waiting thread ({@code notify_all()}).
     *
     * @throws IllegalMonitorStateException if the lock is not held
     */
    public void signalAll() {
        signal(Integer.MAX_VALUE);
    }

    /** Shows the lock and the number of waiters: {@code Condition[RLock[unlocked, count=0], 0 waiting]}. */
    @Override
    public String toString() {
        return "Condition[" + lock + ", " + waiters.size() + " waiting]";
    }

    private boolean doAwait(boolean timed, long nanos) throws InterruptedException {
        if (!ops.isHeld()) {
            throw new IllegalMonitorStateException("cannot wait on un-acquired lock");
        }
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        Waiter waiter = new Waiter(Thread.currentThread());
        waiters.addLast(waiter);
        int saved = ops.releaseForWait();
        boolean interrupted = false;
        long deadline = timed ? Timeouts.deadline(nanos) : 0L;
        while (!waiter.signalled) {
            if (timed) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0L) {
                    break;
                }
                LockSupport.parkNanos(this, remaining);
            } else {
                LockSupport.park(this);
            }
            if (Thread.interrupted()) {
                interrupted = true;
                break;
            }
        }
        ops.restore(saved);
        boolean signalled = waiter.signalled;
        if (!signalled) {
            waiters.remove(waiter);
        }
        if (interrupted) {
            if (!signalled) {
                throw new InterruptedException();
            }
            Thread.currentThread().interrupt();
        }
        return signalled;
    }

    private static final class Waiter {
        final Thread thread;
        volatile boolean signalled;

        Waiter(Thread thread) {
            this.thread = thread;
        }
    }

    /** What a wait needs from the lock: is it held, release it fully, take it back. */
    private interface LockOps {
        boolean isHeld();

        int releaseForWait();

        void restore(int saved);
    }

    private record PlainOps(Lock lock) implements LockOps {
        @Override
        public boolean isHeld() {
            return lock.isLocked();
        }

        @Override
        public int releaseForWait() {
            lock.release();
            return 1;
        }

        @Override
        public void restore(int saved) {
            lock.sync().acquireAfterWait();
        }
    }

    private record ReentrantOps(RLock lock) implements LockOps {
        @Override
        public boolean isHeld() {
            return lock.isOwnedByCurrentThread();
        }

        @Override
        public int releaseForWait() {
            return lock.releaseAll();
        }

        @Override
        public void restore(int saved) {
            lock.restore(saved);
        }
    }
}

package io.bingfa.threading;

import io.bingfa.internal.Timeouts;
import java.time.Duration;

/**
 * Python's {@code threading.RLock}: a re-entrant lock owned by the thread that acquired it. The
 * owner may acquire it again; it is free once released as many times as acquired. Only the owner
 * may release it: anyone else gets {@link IllegalMonitorStateException} ("cannot release
 * un-acquired lock", Python's {@code RuntimeError}), as does a release beyond the acquires.
 *
 * <pre>{@code
 * RLock lock = new RLock();
 * try (var outer = lock.hold(); var inner = lock.hold()) {   // nested with-blocks
 *     assert lock.holdCount() == 2;
 * }
 * }</pre>
 *
 * <p>Blocked acquires are visible to {@link Deadlocks}.
 *
 * <p><b>Memory consistency effects:</b> as for {@link Lock}: a release that frees the lock
 * happens-before a subsequent acquire by any thread.
 */
/*
 * Implementation: AQS state is 0 (free) or 1 (held) and the exclusive-owner slot the owner, as in
 * ReentrantLock's non-fair sync. Unlike ReentrantLock, the nested count lives in a plain field that
 * only the owner writes, so a nested acquire or release touches no shared (volatile) state: only the
 * outermost pair does.
 */
public final class RLock implements Acquirable {
    private final Sync sync;
    private final Held held = this::release;

    /** Creates an unlocked re-entrant lock. */
    public RLock() {
        this(null);
    }

    /**
     * Creates an unlocked re-entrant lock with a name, shown in {@link #toString()} and deadlock
     * reports.
     *
     * @param name the name, or {@code null} for none
     */
    public RLock(String name) {
        this.sync = new Sync(TrackedSync.describe("RLock", name, this));
    }

    /**
     * Acquires the lock, waiting until it is free or returning at once if the current thread owns
     * it (the count goes up by one). The thread lies dormant until it acquires or is interrupted.
     *
     * @throws InterruptedException if the current thread is interrupted while waiting
     * @throws DeadlockException if detection is on and this acquire would close a cycle
     */
    @Override
    public void acquire() throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        if (!sync.tryAcquire(1)) {
            sync.acquireBlocking();
        }
    }

    /** Acquires only if free or owned by the current thread, without waiting. */
    @Override
    public boolean tryAcquire() {
        return sync.tryAcquire(1);
    }

    /**
     * Acquires, waiting at most {@code timeout}. The thread lies dormant until it acquires, the
     * timeout elapses, or it is interrupted.
     *
     * @return {@code true} if acquired, {@code false} if the timeout elapsed first
     * @throws InterruptedException if the current thread is interrupted while waiting
     * @throws IllegalArgumentException if {@code timeout} is negative
     */
    @Override
    public boolean tryAcquire(Duration timeout) throws InterruptedException {
        long nanos = Timeouts.toNanos(timeout);
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        return sync.tryAcquire(1) || (nanos > 0 && sync.acquireTimed(nanos));
    }

    /**
     * Releases one acquisition; the lock is free when the count reaches zero.
     *
     * @throws IllegalMonitorStateException if the current thread does not own the lock
     */
    @Override
    public void release() {
        sync.release(1);
    }

    @Override
    public Held hold() throws InterruptedException {
        acquire();
        return held;
    }

    /** Whether any thread holds the lock ({@code locked()}). A snapshot. */
    public boolean isLocked() {
        return sync.isLocked();
    }

    /** Whether the current thread owns the lock ({@code _is_owned()}). */
    public boolean isOwnedByCurrentThread() {
        return sync.holder() == Thread.currentThread();
    }

    /** How many times the current thread holds the lock; 0 if it does not own it. */
    public int holdCount() {
        return isOwnedByCurrentThread() ? sync.getCount() : 0;
    }

    /** Shows the state: {@code RLock[unlocked, count=0]}, {@code RLock[locked by "main", count=2]}. */
    @Override
    public String toString() {
        String name = sync.describe().startsWith("RLock@") ? "RLock" : sync.describe();
        int count = sync.getCount();
        Thread owner = sync.holder();
        return count == 0
                ? name + "[unlocked, count=0]"
                : name + "[locked by \"" + (owner == null ? "?" : owner.getName())
                        + "\", count=" + count + "]";
    }

    TrackedSync sync() {
        return sync;
    }

    /**
     * Before a condition wait: makes the owner's count 1, so that the condition releases the lock
     * fully with one release, and returns the count to restore. Call only as the owner.
     */
    int enterConditionWait() {
        return sync.swapCount(1);
    }

    /** After a condition wait, holding the lock again: restores the owner's count. */
    void exitConditionWait(int count) {
        sync.swapCount(count);
    }

    private static final class Sync extends TrackedSync {
        private static final long serialVersionUID = 1L;

        /**
         * The owner's hold count. Only the owner writes it (plain writes: the AQS state, 0 or 1,
         * publishes it to the next owner); other threads read it as a snapshot.
         */
        private int holds;

        Sync(String description) {
            super(description);
        }

        @Override
        protected boolean tryAcquire(int acquires) {
            Thread current = Thread.currentThread();
            if (getState() == 0) {
                if (compareAndSetState(0, 1)) {
                    holds = acquires;
                    acquired(current);
                    return true;
                }
            } else if (getExclusiveOwnerThread() == current) {
                if (holds == Integer.MAX_VALUE) {
                    throw new IllegalStateException("RLock: maximum recursion count exceeded");
                }
                holds += acquires;
                return true;
            }
            return false;
        }

        @Override
        protected boolean tryRelease(int releases) {
            if (getExclusiveOwnerThread() != Thread.currentThread()) {
                throw new IllegalMonitorStateException("cannot release un-acquired lock");
            }
            int remaining = holds - releases;
            if (remaining > 0) {
                holds = remaining;
                return false;
            }
            holds = 0;
            setExclusiveOwnerThread(null);
            setState(0);
            return true;
        }

        @Override
        protected boolean isHeldExclusively() {
            return getExclusiveOwnerThread() == Thread.currentThread();
        }

        boolean isLocked() {
            return getState() != 0;
        }

        /** The hold count: exact for the owner, a snapshot for other threads. */
        int getCount() {
            return getState() == 0 ? 0 : holds;
        }

        int swapCount(int count) {
            int previous = holds;
            holds = count;
            return previous;
        }
    }
}

package io.bingfa.threading;

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
public final class RLock extends SyncLock<RLock.Sync> {
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
        super(new Sync(name));
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
        String name = sync.displayName();
        int count = sync.getCount();
        Thread owner = sync.holder();
        return count == 0
                ? name + "[unlocked, count=0]"
                : name + "[locked by \"" + (owner == null ? "?" : owner.getName())
                        + "\", count=" + count + "]";
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

    static final class Sync extends TrackedSync {
        private static final long serialVersionUID = 1L;

        /**
         * The owner's hold count. Only the owner writes it (plain writes: the AQS state, 0 or 1,
         * publishes it to the next owner); other threads read it as a snapshot.
         */
        private int holds;

        Sync(String name) {
            super("RLock", name);
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

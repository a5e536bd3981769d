package io.bingfa.threading;

/**
 * Python's {@code threading.Lock}: a mutual-exclusion lock with no owner. Any thread may release
 * it, and a thread that holds it and acquires it again blocks until some other thread releases it
 * (use {@link RLock} to re-enter). Not fair: a thread that arrives while the lock is free may take it
 * ahead of the waiting ones, as in CPython.
 *
 * <pre>{@code
 * Lock mutex = new Lock("account");
 * try (var held = mutex.hold()) {   // with mutex:
 *     balance += 1;
 * }
 * }</pre>
 *
 * <p>Blocked acquires are visible to {@link Deadlocks}: for the detector the lock is held by the
 * thread that last acquired it. Releasing an unlocked lock throws
 * {@link IllegalMonitorStateException} ("release unlocked lock", Python's {@code RuntimeError});
 * any thread may release it, not only the one that acquired.
 *
 * <p><b>Memory consistency effects:</b> actions before a {@code release()} happen-before actions
 * after a subsequent successful acquire by any thread (see the
 * <a href="package-summary.html#memory">package summary</a>).
 */
/*
 * Implementation: AQS state 0 (unlocked) or 1 (locked); acquire is test-and-CAS like ReentrantLock's
 * non-fair path, release a CAS 1 -> 0 so that a second release of the same acquisition is caught.
 * The AQS exclusive-owner slot records the last acquirer for the deadlock detector only.
 */
public final class Lock extends SyncLock<Lock.Sync> {
    /** Creates an unlocked lock. */
    public Lock() {
        this(null);
    }

    /**
     * Creates an unlocked lock with a name, shown in {@link #toString()} and deadlock reports.
     *
     * @param name the name, or {@code null} for none
     */
    public Lock(String name) {
        super(new Sync(name));
    }

    /** Shows the state: {@code Lock[unlocked]}, {@code Lock("noodle")[locked]}. */
    @Override
    public String toString() {
        return sync.displayName() + (isLocked() ? "[locked]" : "[unlocked]");
    }

    static final class Sync extends TrackedSync {
        private static final long serialVersionUID = 1L;

        Sync(String name) {
            super("Lock", name);
        }

        @Override
        protected boolean tryAcquire(int ignored) {
            if (getState() == 0 && compareAndSetState(0, 1)) {
                acquired(Thread.currentThread());
                return true;
            }
            return false;
        }

        @Override
        protected boolean tryRelease(int ignored) {
            // Clear the holder before the lock is free, so a new holder's record is never erased.
            // If the CAS fails the lock was already free: there is no holder to restore.
            setExclusiveOwnerThread(null);
            if (!compareAndSetState(1, 0)) {
                throw new IllegalMonitorStateException("release unlocked lock");
            }
            return true;
        }

        @Override
        protected boolean isHeldExclusively() {
            return isLocked();
        }
    }
}

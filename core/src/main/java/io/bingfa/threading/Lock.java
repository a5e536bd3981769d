package io.bingfa.threading;

import io.bingfa.internal.Timeouts;
import java.time.Duration;

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
 * {@link IllegalMonitorStateException} ("release unlocked lock", Python's {@code RuntimeError}).
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
public final class Lock implements Acquirable {
    private final Sync sync;
    private final Held held = this::release;

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
        this.sync = new Sync(TrackedSync.describe("Lock", name, this));
    }

    /**
     * Acquires the lock, waiting until it is free. The thread lies dormant until it acquires the
     * lock or is interrupted.
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

    /** Acquires the lock only if it is free now ({@code acquire(blocking=False)}). */
    @Override
    public boolean tryAcquire() {
        return sync.tryAcquire(1);
    }

    /**
     * Acquires the lock, waiting at most {@code timeout} ({@code acquire(timeout=t)}). The thread lies
     * dormant until it acquires the lock, the timeout elapses, or it is interrupted.
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
     * Releases the lock. Any thread may call it, not only the one that acquired.
     *
     * @throws IllegalMonitorStateException if the lock is not locked ("release unlocked lock")
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

    /** Whether some thread holds the lock ({@code locked()}). A snapshot: it may change at once. */
    public boolean isLocked() {
        return sync.isLocked();
    }

    /** Shows the state: {@code Lock[unlocked]}, {@code Lock("noodle")[locked]}. */
    @Override
    public String toString() {
        String name = sync.describe().startsWith("Lock@") ? "Lock" : sync.describe();
        return name + (isLocked() ? "[locked]" : "[unlocked]");
    }

    TrackedSync sync() {
        return sync;
    }

    private static final class Sync extends TrackedSync {
        private static final long serialVersionUID = 1L;

        Sync(String description) {
            super(description);
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
            Thread holder = getExclusiveOwnerThread();
            setExclusiveOwnerThread(null);
            if (!compareAndSetState(1, 0)) {
                setExclusiveOwnerThread(holder);
                throw new IllegalMonitorStateException("release unlocked lock");
            }
            return true;
        }

        boolean isLocked() {
            return getState() != 0;
        }

        @Override
        protected boolean isHeldExclusively() {
            return isLocked();
        }
    }
}

package io.bingfa.threading;

import java.util.List;
import java.util.concurrent.locks.AbstractQueuedSynchronizer;

/**
 * The synchronizer under {@link Lock} and {@link RLock}: AQS for the queueing and the condition
 * queues, plus what the deadlock detector needs (the holder, where it acquired, a name) and the slow
 * paths that register a blocked thread in the wait-for graph.
 */
abstract class TrackedSync extends AbstractQueuedSynchronizer implements TrackedLock {
    private static final long serialVersionUID = 1L;

    private final String kind;
    private final String name;
    /** Where the holder acquired; written only when sites are tracked. Racy reads are fine. */
    private transient List<StackTraceElement> site;

    TrackedSync(String kind, String name) {
        this.kind = kind;
        this.name = name;
    }

    /** Takes the lock if it can at once; redeclared so the package's lock classes can call it. */
    @Override
    protected abstract boolean tryAcquire(int acquires);

    final boolean isLocked() {
        return getState() != 0;
    }

    /** How the lock's toString() starts: {@code Lock} or {@code Lock("noodle")}. */
    final String displayName() {
        return name == null ? kind : kind + "(\"" + name + "\")";
    }

    /** Call on every successful first acquisition. */
    final void acquired(Thread holder) {
        setExclusiveOwnerThread(holder);
        if (WaitRegistry.mode != WaitRegistry.OFF) {
            site = WaitRegistry.siteIfTracked();
        }
    }

    /** Blocks until acquired; registered in the wait-for graph meanwhile. */
    final void acquireBlocking() throws InterruptedException {
        WaitRegistry.Wait wait = WaitRegistry.begin(this, false);
        try {
            acquireInterruptibly(1);
        } finally {
            WaitRegistry.end(wait);
        }
    }

    /** Blocks at most {@code nanos}; registered (as a timed wait) meanwhile. */
    final boolean acquireTimed(long nanos) throws InterruptedException {
        WaitRegistry.Wait wait = WaitRegistry.begin(this, true);
        try {
            return tryAcquireNanos(1, nanos);
        } finally {
            WaitRegistry.end(wait);
        }
    }

    /**
     * Whether the calling thread may wait on or signal a condition of this lock: for an RLock, it
     * owns it; for a Lock, which has no owner, it is locked (CPython's {@code _is_owned}).
     */
    @Override
    protected abstract boolean isHeldExclusively();

    final boolean heldByCaller() {
        return isHeldExclusively();
    }

    /** A condition queue over this lock (AQS's: FIFO, waiters moved to the lock's queue on signal). */
    final ConditionObject newConditionQueue() {
        return new ConditionObject();
    }

    @Override
    public final Thread holder() {
        return getExclusiveOwnerThread();
    }

    @Override
    public final List<StackTraceElement> acquiredAt() {
        List<StackTraceElement> recorded = site;
        return recorded == null ? List.of() : recorded;
    }

    @Override
    public final String describe() {
        return name == null
                ? kind + "@" + Integer.toHexString(System.identityHashCode(this))
                : displayName();
    }
}

package io.bingfa.threading;

import io.bingfa.internal.Timeouts;
import java.time.Duration;

/**
 * What {@link Lock} and {@link RLock} share: acquiring through a {@link TrackedSync} (a fast path,
 * then a slow path registered with the deadlock detector), releasing, holding, and the state test.
 * Each lock's own rules (ownership, re-entrance, messages) live in its synchronizer.
 *
 * @param <S> the lock's synchronizer
 */
abstract class SyncLock<S extends TrackedSync> implements Acquirable {
    final S sync;
    private final Held held = this::release;

    SyncLock(S sync) {
        this.sync = sync;
    }

    /**
     * Acquires the lock, waiting until it can. The thread lies dormant until it acquires the lock
     * or is interrupted.
     *
     * @throws InterruptedException if the current thread is interrupted while waiting
     * @throws DeadlockException if detection is on and this acquire would close a cycle
     */
    @Override
    public final void acquire() throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        if (!sync.tryAcquire(1)) {
            sync.acquireBlocking();
        }
    }

    /** Acquires the lock only if it can at once ({@code acquire(blocking=False)}). */
    @Override
    public final boolean tryAcquire() {
        return sync.tryAcquire(1);
    }

    /**
     * Acquires the lock, waiting at most {@code timeout} ({@code acquire(timeout=t)}). The thread
     * lies dormant until it acquires the lock, the timeout elapses, or it is interrupted.
     *
     * @return {@code true} if acquired, {@code false} if the timeout elapsed first
     * @throws InterruptedException if the current thread is interrupted while waiting
     * @throws IllegalArgumentException if {@code timeout} is negative
     */
    @Override
    public final boolean tryAcquire(Duration timeout) throws InterruptedException {
        long nanos = Timeouts.toNanos(timeout);
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        return sync.tryAcquire(1) || (nanos > 0 && sync.acquireTimed(nanos));
    }

    /**
     * Releases the lock (one level of an {@link RLock}).
     *
     * @throws IllegalMonitorStateException if the lock is not locked (a {@link Lock}), or not owned
     *     by the current thread (an {@link RLock})
     */
    @Override
    public final void release() {
        sync.release(1);
    }

    @Override
    public final Held hold() throws InterruptedException {
        acquire();
        return held;
    }

    /** Whether some thread holds the lock ({@code locked()}). A snapshot: it may change at once. */
    public final boolean isLocked() {
        return sync.isLocked();
    }
}

package io.bingfa.multiprocessing;

import io.bingfa.threading.Acquirable;
import java.time.Duration;

/**
 * The lock protocol of a proxy to a lock served by a {@link Manager}: every method is a call to
 * the manager, which runs it on the real lock. Subclasses say how an acquiring call travels
 * ({@link LockPins} for a reentrant lock, whose owner is the thread on a pinned connection). A
 * proxy serialises as its {@link ProxyRef}, so a copy sent to a child JVM reaches the same lock.
 */
abstract class ServedLock implements Acquirable, java.io.Serializable {
    private static final long serialVersionUID = 1L;

    final transient ProxyObject handle;

    ServedLock(ProxyRef ref) {
        this.handle = new Handle(ref);
    }

    /** Makes an acquiring call ({@code acquire}, {@code tryAcquire}) to the manager. */
    abstract Object acquiring(String method, Object... args) throws InterruptedException;

    /**
     * Acquires, waiting until it is available. The thread lies dormant until it acquires or is
     * interrupted.
     *
     * @throws InterruptedException if interrupted while waiting; the interrupt status is cleared
     */
    @Override
    public void acquire() throws InterruptedException {
        acquiring("acquire");
    }

    /** Acquires only if available at the time of the call, without waiting. */
    @Override
    public boolean tryAcquire() {
        try {
            return (Boolean) acquiring("tryAcquire");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RemoteException("interrupted during tryAcquire on " + handle.where());
        }
    }

    /**
     * Acquires, waiting at most {@code timeout}. The thread lies dormant until it acquires, the
     * timeout elapses, or it is interrupted.
     *
     * @return {@code true} if acquired, {@code false} if the timeout elapsed first
     * @throws InterruptedException if interrupted while waiting; the interrupt status is cleared
     * @throws IllegalArgumentException if {@code timeout} is negative
     */
    @Override
    public boolean tryAcquire(Duration timeout) throws InterruptedException {
        ProcessQueue.checkTimeout(timeout);
        return (Boolean) acquiring("tryAcquire", timeout);
    }

    /**
     * Releases once.
     *
     * @throws IllegalMonitorStateException as the served lock does when it is not held (by this
     *     thread, for a reentrant lock)
     */
    @Override
    public void release() {
        LockPins.release(handle);
    }

    /** Whether the lock is held now, by any thread of any process (not for semaphores). A snapshot. */
    public boolean isLocked() {
        return (Boolean) handle.call("isLocked");
    }

    final Object writeReplace() {
        return handle.ref;
    }

    private static final class Handle extends ProxyObject {
        private static final long serialVersionUID = 1L;

        Handle(ProxyRef ref) {
            super(ref);
        }
    }
}

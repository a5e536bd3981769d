package io.bingfa.multiprocessing;

import io.bingfa.threading.Acquirable;
import java.time.Duration;

/**
 * A lock, reentrant lock or semaphore served by a {@link Manager} (Python's {@code AcquirerProxy}):
 * {@link #acquire()}, {@link #tryAcquire()}, {@link #tryAcquire(Duration)}, {@link #release()} and
 * {@link #hold()} are calls to the manager, which runs them on the real {@link
 * io.bingfa.threading.Lock}, {@link io.bingfa.threading.RLock} or {@link
 * io.bingfa.threading.Semaphore}. Misuse raises there and comes back here with the same type
 * ({@link IllegalMonitorStateException} "cannot release un-acquired lock").
 *
 * <p>An RLock's owner is the calling thread: while a thread holds it, its calls go through one
 * connection of its own, which the manager serves on one thread. If the process holding a lock
 * ends without releasing it, the lock stays held, as in CPython.
 *
 * <p><b>Memory consistency effects:</b> only the lock state is shared between processes; values
 * are copied, not shared, so the lock orders the calls that reach shared objects, not memory.
 */
public final class ProxyLock implements Acquirable, java.io.Serializable {
    private static final long serialVersionUID = 1L;

    private final transient Handle handle;

    ProxyLock(ProxyRef ref) {
        this.handle = new Handle(ref);
    }

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
     * Releases.
     *
     * @throws IllegalMonitorStateException as the served lock does ("cannot release un-acquired
     *     lock")
     */
    @Override
    public void release() {
        LockPins.release(handle);
    }

    /** Whether a lock is held now (not for semaphores). A snapshot. */
    public boolean isLocked() {
        return (Boolean) handle.call("isLocked");
    }

    private Object acquiring(String method, Object... args) throws InterruptedException {
        if (!handle.ref.kind().equals("rlock")) {
            return handle.callWaiting(method, args);
        }
        return LockPins.acquire(handle, method, args);
    }

    /** {@code ProxyLock[rlock at unix:/...#3]}. */
    @Override
    public String toString() {
        return "ProxyLock[" + handle.ref.kind() + " at " + handle.where() + "]";
    }

    private Object writeReplace() {
        return handle.ref;
    }

    private static final class Handle extends ProxyObject {
        private static final long serialVersionUID = 1L;

        Handle(ProxyRef ref) {
            super(ref);
        }
    }
}

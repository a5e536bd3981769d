package io.bingfa.multiprocessing;

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
public final class ProxyLock extends ServedLock {
    private static final long serialVersionUID = 1L;

    ProxyLock(ProxyRef ref) {
        super(ref);
    }

    @Override
    Object acquiring(String method, Object... args) throws InterruptedException {
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
}

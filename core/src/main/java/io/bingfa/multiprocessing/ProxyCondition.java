package io.bingfa.multiprocessing;

import io.bingfa.internal.Timeouts;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * A condition variable served by a {@link Manager} (Python's {@code manager.Condition()}): the
 * manager runs a {@link io.bingfa.threading.Condition} over its own {@link
 * io.bingfa.threading.RLock}, and threads of any process that holds a proxy wait on it and signal
 * it. Serialisable: a copy sent to a child JVM reaches the same condition.
 *
 * <pre>{@code
 * ProxyCondition cond = manager.condition();
 * Map<String, Integer> state = manager.dict();
 * new JvmProcess(() -> {
 *     try (var held = cond.hold()) {
 *         state.put("n", 4);
 *         cond.signalAll();
 *     }
 * }).start();
 * try (var held = cond.hold()) {
 *     cond.awaitUntil(() -> state.getOrDefault("n", 0) == 4, Duration.ofSeconds(5));
 * }
 * }</pre>
 *
 * <p>The semantics are those of {@link io.bingfa.threading.Condition}, across processes: waiters
 * are woken in FIFO order, {@link #signal(int) signal(n)} wakes exactly {@code n} of them (or all
 * there are), there are no spurious wake-ups, and a timed wait returns {@code false} when the
 * timeout elapses. Waiting or signalling without holding the lock throws {@link
 * IllegalMonitorStateException} ("cannot wait on un-acquired lock", "cannot notify on un-acquired
 * lock"), raised by the manager and rethrown here.
 *
 * <p>The lock is reentrant and its owner is the calling thread: while a thread holds it, its
 * calls go through one connection of its own, which the manager serves on one thread, so that a
 * wait releases the lock on the manager and re-takes it for the same thread. If the process
 * holding the lock ends without releasing it, the lock stays held, as in CPython; a thread
 * interrupted in a wait gets {@link InterruptedException} holding the lock again, as in one JVM.
 * If the manager goes away, calls fail with {@link UncheckedIOException}.
 *
 * <p><b>Memory consistency effects:</b> only the lock and the wait queue are shared between
 * processes; values are copied, not shared, so the condition orders the calls that reach shared
 * objects (a manager's dict, a {@link SharedValue}), not memory.
 */
/*
 * Design note. The pinned connections are LockPins' (one map per JVM, shared with ProxyLock).
 * A client interrupted in a wait closes its connection; the server then gives the lock up (see
 * RemoteCondition), and this side re-takes it, as many times as it was held, on a new connection.
 */
public final class ProxyCondition extends ServedLock {
    private static final long serialVersionUID = 1L;

    ProxyCondition(ProxyRef ref) {
        super(ref);
    }

    /**
     * Releases the lock and waits until signalled, then re-acquires the lock ({@code wait()}). The
     * thread lies dormant until a thread of any process signals it or it is interrupted.
     *
     * @throws InterruptedException if interrupted while waiting (the lock is held again when it is
     *     thrown)
     * @throws IllegalMonitorStateException if the calling thread does not hold the lock
     */
    public void await() throws InterruptedException {
        awaiting("await");
    }

    /**
     * Releases the lock and waits until signalled or the timeout elapses, then re-acquires the
     * lock ({@code wait(timeout)}). The thread lies dormant until signalled, the timeout elapses,
     * or it is interrupted.
     *
     * @param timeout how long to wait
     * @return {@code true} if signalled, {@code false} if the timeout elapsed first
     * @throws InterruptedException if interrupted while waiting (the lock is held again)
     * @throws IllegalMonitorStateException if the calling thread does not hold the lock
     * @throws IllegalArgumentException if {@code timeout} is negative
     */
    public boolean await(Duration timeout) throws InterruptedException {
        ProcessQueue.checkTimeout(timeout);
        return (Boolean) awaiting("await", timeout);
    }

    /**
     * Waits until {@code predicate} is true ({@code wait_for(predicate)}): checks it, and while it
     * is false waits for a signal and checks again. The thread lies dormant until the predicate
     * holds after a signal, or it is interrupted. Call it holding the lock.
     *
     * @param predicate the state to wait for; evaluated in this JVM with the lock held, so it
     *     should read shared state (a manager's dict or namespace, a {@link SharedValue})
     * @return {@code true} once the predicate holds (at once if it already does)
     * @throws InterruptedException if interrupted while waiting (the lock is held again)
     * @throws IllegalMonitorStateException if the predicate is false and the lock is not held
     */
    public boolean awaitUntil(BooleanSupplier predicate) throws InterruptedException {
        while (!predicate.getAsBoolean()) {
            await();
        }
        return true;
    }

    /**
     * Waits until {@code predicate} is true or the timeout elapses ({@code wait_for(predicate,
     * timeout)}). The thread lies dormant until the predicate holds after a signal, the timeout
     * elapses, or it is interrupted. Call it holding the lock.
     *
     * @param predicate the state to wait for; evaluated in this JVM with the lock held
     * @param timeout the longest time to wait in all
     * @return the predicate's last value: {@code false} means the timeout elapsed first
     * @throws InterruptedException if interrupted while waiting (the lock is held again)
     * @throws IllegalArgumentException if {@code timeout} is negative
     */
    public boolean awaitUntil(BooleanSupplier predicate, Duration timeout) throws InterruptedException {
        long deadline = Timeouts.deadline(Timeouts.toNanos(timeout));
        boolean result = predicate.getAsBoolean();
        while (!result) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                break;
            }
            awaiting("await", Duration.ofNanos(remaining));
            result = predicate.getAsBoolean();
        }
        return result;
    }

    /**
     * Wakes the longest-waiting thread, of any process, if any ({@code notify()}); does not wait.
     * It returns from its wait once it re-acquires the lock, so after this thread releases it.
     *
     * @throws IllegalMonitorStateException if the calling thread does not hold the lock
     */
    public void signal() {
        signal(1);
    }

    /**
     * Wakes exactly {@code n} waiting threads in the order they started waiting, or all if fewer
     * wait ({@code notify(n)}); does not wait.
     *
     * @param n how many to wake, {@code >= 0}
     * @throws IllegalMonitorStateException if the calling thread does not hold the lock
     * @throws IllegalArgumentException if {@code n} is negative
     */
    public void signal(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n: " + n + " (expected: >= 0)");
        }
        holding("signal", n);
    }

    /**
     * Wakes every waiting thread, of every process ({@code notify_all()}); does not wait.
     *
     * @throws IllegalMonitorStateException if the calling thread does not hold the lock
     */
    public void signalAll() {
        holding("signalAll");
    }

    /**
     * How many threads, of all processes, are inside a wait now: waiting for a signal, or
     * signalled and not yet holding the lock again. A snapshot, for monitoring and for tests.
     */
    public int waiting() {
        return (Integer) handle.call("waiting");
    }

    /** {@code ProxyCondition[unix:/...#3]}. */
    @Override
    public String toString() {
        return "ProxyCondition[" + handle.where() + "]";
    }

    @Override
    Object acquiring(String method, Object... args) throws InterruptedException {
        return LockPins.acquire(handle, method, args);
    }

    /** A call that needs the lock: on this thread's own connection, else refused by the server. */
    private Object holding(String method, Object... args) {
        return LockPins.holding(handle, method, args);
    }

    private Object awaiting(String method, Object... args) throws InterruptedException {
        LockPins.Pin pin = LockPins.get(handle.ref);
        if (pin == null) {
            return handle.callWaiting(method, args); // refused there: this thread holds nothing
        }
        try {
            return handle.client.invokeOn(pin.conn, handle.ref.id(), method, args);
        } catch (InterruptedException interrupted) {
            // The connection is closed and the manager gave the lock up: take it back.
            LockPins.remove(handle.ref);
            retake(pin.depth);
            throw interrupted;
        } catch (RuntimeException e) {
            if (!pin.conn.framed.isOpen()) {
                LockPins.remove(handle.ref);
            }
            throw e;
        }
    }

    /** Acquires {@code depth} times on a new pinned connection, ignoring interrupts meanwhile. */
    private void retake(int depth) {
        LockPins.Pin pin = null;
        while (pin == null || pin.depth < depth) {
            if (pin == null) {
                pin = LockPins.newPin(handle);
            }
            try {
                handle.client.invokeOn(pin.conn, handle.ref.id(), "acquire");
                pin.depth++;
            } catch (InterruptedException again) {
                // The connection was closed before the acquire was known to succeed; if it did, the
                // manager let it go with the connection. Start over on a new one.
                pin = null;
            }
        }
        LockPins.put(handle.ref, pin);
    }
}

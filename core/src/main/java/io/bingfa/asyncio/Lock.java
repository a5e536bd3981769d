package io.bingfa.asyncio;

import io.bingfa.threading.Held;
import java.util.ArrayDeque;
import java.util.concurrent.CancellationException;

/**
 * Python's {@code asyncio.Lock}: a mutual-exclusion lock for the tasks of one {@link EventLoop},
 * handed over in strict first-come, first-served order. It is not thread-safe and not reentrant; it
 * has no owner (any task of the loop may release it).
 *
 * <table class="striped">
 * <caption>Method forms</caption>
 * <tr><th>Python</th><th>Java</th><th>waits</th></tr>
 * <tr><td>{@code await lock.acquire()}</td><td>{@link #acquire()}</td><td>yes, in a task</td></tr>
 * <tr><td>{@code async with lock:}</td><td>{@code try (var held = lock.hold()) { ... }}</td><td>yes</td></tr>
 * <tr><td>{@code lock.release()}, {@code lock.locked()}</td><td>{@link #release()}, {@link #locked()}</td><td>no</td></tr>
 * </table>
 *
 * <p>{@link #acquire()} suspends the calling task (the loop runs others) until one of two things
 * happens: the lock is handed to it, or the task is cancelled. A release hands the lock to the
 * longest-waiting task; a newcomer never overtakes it. A waiter that is cancelled after the lock was
 * handed to it, but before it ran, passes the lock on to the next waiter: a cancellation never
 * swallows a release, and there are never two holders at once.
 *
 * <p>The lock binds to the loop of its first use; using it from another thread or another loop's task
 * throws {@link IllegalStateException}. {@link #locked()} and {@code toString()} may be called
 * anywhere (a snapshot). {@code toString()} shows the state: {@code Lock[locked, waiters:2]}.
 *
 * <p><b>Memory consistency effects:</b> everything a task does before {@link #release()}
 * happens-before the next holder returns from {@link #acquire()}; see the package documentation.
 */
/*
 * As CPython: release() clears locked and completes the first waiter's future; the woken task sets
 * locked when it runs. Until then the woken future is done (not cancelled) and still queued, so a
 * newcomer sees a live waiter and queues behind it (FIFO). A woken waiter that ends by cancellation
 * wakes the next one if the lock is still free.
 */
public final class Lock extends LoopBound {
    private final ArrayDeque<Future<Boolean>> waiters = new ArrayDeque<>();
    private boolean locked;

    /** Creates an unlocked lock, bound to a loop at its first use. */
    public Lock() {}

    /**
     * Acquires the lock, waiting for it to be released if it is locked or others are waiting
     * (Python's {@code await lock.acquire()}). The task lies dormant until the lock is handed to it
     * or the task is cancelled.
     *
     * @return {@code true}, as Python does
     * @throws CancellationException if the task is cancelled while waiting (the lock is not held)
     * @throws IllegalStateException if the lock must wait and the caller is not a task of the loop,
     *     or if the lock is bound to another loop
     */
    public boolean acquire() {
        EventLoop loop = checkLoop();
        if (!locked && allCancelled(waiters)) {
            locked = true;
            return true;
        }
        Future<Boolean> waiter = loop.createFuture();
        waiters.addLast(waiter);
        try {
            try {
                await(waiter, "Lock.acquire()");
            } finally {
                waiters.remove(waiter);
            }
        } catch (RuntimeException e) {
            if (!locked) {
                wakeUpFirst(); // pass on a hand-over this task can no longer take
            }
            throw e;
        }
        locked = true;
        return true;
    }

    /**
     * Acquires as {@link #acquire()} does and returns a handle whose {@code close()} releases:
     * {@code try (var held = lock.hold()) { ... }} is Python's {@code async with lock:}.
     */
    public Held hold() {
        acquire();
        return this::release;
    }

    /**
     * Releases the lock, never waiting; the longest-waiting task (if any) gets it next.
     *
     * @throws IllegalMonitorStateException "Lock is not acquired." if it is unlocked
     * @throws IllegalStateException if used outside the lock's loop
     */
    public void release() {
        checkLoop();
        if (!locked) {
            throw new IllegalMonitorStateException("Lock is not acquired.");
        }
        locked = false;
        wakeUpFirst();
    }

    /** Whether the lock is held (a snapshot outside the loop). */
    public boolean locked() {
        return locked;
    }

    /** The number of tasks waiting (a snapshot outside the loop). */
    int waiterCount() {
        return waiters.size();
    }

    private void wakeUpFirst() {
        Future<Boolean> first = waiters.peekFirst();
        if (first != null && !first.isDone()) {
            first.setResult(Boolean.TRUE);
        }
    }

    /** Shows the state: {@code Lock[unlocked]}, {@code Lock[locked, waiters:1]}. */
    @Override
    public String toString() {
        int n = waiters.size();
        return "Lock[" + (locked ? "locked" : "unlocked") + (n > 0 ? ", waiters:" + n : "") + "]";
    }
}

package io.bingfa.asyncio;

import io.bingfa.threading.Held;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * Python's {@code asyncio.Condition}: a {@link Lock} plus a queue of tasks of one {@link EventLoop}
 * waiting to be notified. Names follow {@link io.bingfa.threading.Condition} ({@code wait} and
 * {@code notify} are {@link Object}'s in Java).
 *
 * <table class="striped">
 * <caption>Method forms</caption>
 * <tr><th>Python</th><th>Java</th><th>waits</th></tr>
 * <tr><td>{@code await cond.acquire()}, {@code async with cond:}, {@code release()}, {@code locked()}</td>
 *     <td>{@link #acquire()}, {@link #hold()}, {@link #release()}, {@link #locked()}</td><td>as {@link Lock}</td></tr>
 * <tr><td>{@code await cond.wait()}</td><td>{@link #await()}</td><td>yes, in a task</td></tr>
 * <tr><td>{@code await cond.wait_for(pred)}</td><td>{@link #awaitUntil(BooleanSupplier)}</td><td>until {@code pred} holds</td></tr>
 * <tr><td>{@code notify(n=1)}, {@code notify_all()}</td><td>{@link #signal()}, {@link #signal(int)}, {@link #signalAll()}</td><td>no</td></tr>
 * </table>
 *
 * <p>{@link #await()} releases the lock and suspends the task until one of two things happens: it is
 * notified, or the task is cancelled. Either way it re-acquires the lock before it returns or throws
 * (also when cancelled again meanwhile), so the caller always holds the lock afterwards. Notification
 * wakes waiters in the order they started waiting, exactly {@code n} of them; a woken waiter runs only
 * once the notifier has released the lock. A waiter that fails after being notified passes the
 * notification on (a spurious wake-up for someone else, which the protocol allows).
 *
 * <p>The condition binds to the loop of its first use; its lock must belong to the same loop
 * ({@link IllegalStateException} "is bound to a different event loop"). {@code toString()} shows
 * {@code Condition[locked, waiters:1]}.
 *
 * <p><b>Memory consistency effects:</b> as for {@link Lock}; see the package documentation.
 */
public final class Condition extends LoopBound {
    private final Lock lock;
    private final ArrayDeque<Future<Boolean>> waiters = new ArrayDeque<>();

    /** Creates a condition with a new {@link Lock}. */
    public Condition() {
        this(new Lock());
    }

    /** Creates a condition sharing {@code lock}: locking either locks both. */
    public Condition(Lock lock) {
        this.lock = Objects.requireNonNull(lock, "lock");
    }

    @Override
    void checkCompatible(EventLoop candidate) {
        EventLoop lockLoop = lock.boundLoop();
        if (lockLoop != null && lockLoop != candidate) {
            throw new IllegalStateException("loop argument: " + lock + " is bound to a different event loop");
        }
    }

    /** The lock. */
    public Lock lock() {
        return lock;
    }

    /** Acquires the lock, as {@link Lock#acquire()}. */
    public boolean acquire() {
        checkLoop();
        return lock.acquire();
    }

    /** Acquires the lock and returns a handle that releases it: Python's {@code async with cond:}. */
    public Held hold() {
        acquire();
        return lock::release;
    }

    /** Releases the lock, as {@link Lock#release()}. */
    public void release() {
        checkLoop();
        lock.release();
    }

    /** Whether the lock is held. */
    public boolean locked() {
        return lock.locked();
    }

    /**
     * Releases the lock and waits until notified, then re-acquires the lock (Python's
     * {@code await cond.wait()}). The task lies dormant until it is notified or cancelled; in both
     * cases it holds the lock again when this returns or throws.
     *
     * @return {@code true}, as Python does
     * @throws IllegalMonitorStateException "cannot wait on un-acquired lock" if the lock is not held
     * @throws CancellationException if the task is cancelled (the lock is held again)
     * @throws IllegalStateException if the caller is not a task of the condition's loop
     */
    public boolean await() {
        EventLoop loop = checkLoop();
        if (!lock.locked()) {
            throw new IllegalMonitorStateException("cannot wait on un-acquired lock");
        }
        if (Task.current() == null) {
            throw new IllegalStateException("Condition.await() waits: call it from a task of the event loop");
        }
        lock.release();
        try {
            try {
                Future<Boolean> waiter = loop.createFuture();
                waiters.addLast(waiter);
                try {
                    await(waiter, "Condition.await()");
                    return true;
                } finally {
                    waiters.remove(waiter);
                }
            } finally {
                CancellationException again = null;
                while (true) { // re-acquire even if cancelled, as often as it takes
                    try {
                        lock.acquire();
                        break;
                    } catch (CancellationException c) {
                        again = c;
                    }
                }
                if (again != null) {
                    throw again;
                }
            }
        } catch (RuntimeException | Error e) {
            wakeUp(1); // we may have been notified: hand the notification to someone else
            throw e;
        }
    }

    /**
     * Waits until {@code predicate} holds (Python's {@code await cond.wait_for(pred)}): evaluates it,
     * and {@link #await()}s as long as it is false. Returns at once, without needing the lock, if it
     * holds already.
     *
     * @return {@code true}
     * @throws IllegalMonitorStateException if it must wait and the lock is not held
     * @throws CancellationException if the task is cancelled (the lock is held again)
     */
    public boolean awaitUntil(BooleanSupplier predicate) {
        Objects.requireNonNull(predicate, "predicate");
        boolean result = predicate.getAsBoolean();
        while (!result) {
            await();
            result = predicate.getAsBoolean();
        }
        return true;
    }

    /** Wakes one waiting task (Python's {@code notify()}); see {@link #signal(int)}. */
    public void signal() {
        signal(1);
    }

    /**
     * Wakes up to {@code n} waiting tasks, longest-waiting first, never waiting (Python's
     * {@code notify(n)}). They run once the caller releases the lock.
     *
     * @throws IllegalMonitorStateException "cannot notify on un-acquired lock" if the lock is not held
     * @throws IllegalArgumentException if {@code n} is negative
     */
    public void signal(int n) {
        checkLoop();
        if (n < 0) {
            throw new IllegalArgumentException("n: " + n + " (expected: >= 0)");
        }
        if (!lock.locked()) {
            throw new IllegalMonitorStateException("cannot notify on un-acquired lock");
        }
        wakeUp(n);
    }

    /** Wakes every waiting task (Python's {@code notify_all()}); see {@link #signal(int)}. */
    public void signalAll() {
        signal(waiters.size());
    }

    /** The number of tasks waiting to be notified (a snapshot outside the loop). */
    public int waiting() {
        return waiters.size();
    }

    /** Wakes up to n waiters not yet woken. Does not check the lock (Barrier and failure paths). */
    void wakeUp(int n) {
        int woken = 0;
        for (Future<Boolean> w : waiters) {
            if (woken >= n) {
                break;
            }
            if (!w.isDone()) {
                woken++;
                w.setResult(Boolean.FALSE);
            }
        }
    }

    /** Shows the state: {@code Condition[unlocked]}, {@code Condition[locked, waiters:1]}. */
    @Override
    public String toString() {
        int n = waiters.size();
        return "Condition[" + (lock.locked() ? "locked" : "unlocked") + (n > 0 ? ", waiters:" + n : "") + "]";
    }
}

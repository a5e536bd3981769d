package io.bingfa.asyncio;

import io.bingfa.threading.Held;
import java.util.ArrayDeque;
import java.util.concurrent.CancellationException;

/**
 * Python's {@code asyncio.Semaphore}: a counter of permits for the tasks of one {@link EventLoop},
 * handed out in strict first-come, first-served order. {@link #acquire()} takes a permit, waiting
 * while there is none (or others wait before it); {@link #release()} returns one. It is not
 * thread-safe.
 *
 * <table class="striped">
 * <caption>Method forms</caption>
 * <tr><th>Python</th><th>Java</th><th>waits</th></tr>
 * <tr><td>{@code await sem.acquire()}</td><td>{@link #acquire()}</td><td>yes, in a task</td></tr>
 * <tr><td>{@code async with sem:}</td><td>{@code try (var held = sem.hold()) { ... }}</td><td>yes</td></tr>
 * <tr><td>{@code sem.release()}, {@code sem.locked()}</td><td>{@link #release()}, {@link #locked()}</td><td>no</td></tr>
 * </table>
 *
 * <p>{@link #acquire()} suspends the task until one of two things happens: a permit is handed to it,
 * or the task is cancelled. A waiter cancelled after a permit was handed to it gives the permit back
 * and passes it to the next waiter: a cancellation never swallows a release.
 *
 * <p>The semaphore binds to the loop of its first use; using it from another thread or another loop
 * throws {@link IllegalStateException}. {@code toString()} shows
 * {@code Semaphore[unlocked, value:1]} or {@code Semaphore[locked, waiters:2]}.
 *
 * <p><b>Memory consistency effects:</b> everything a task does before {@link #release()}
 * happens-before the return of the {@link #acquire()} that the permit goes to; see the package
 * documentation.
 */
/*
 * As CPython 3.12+: a release increments value and, if a live waiter exists, takes the permit back
 * out on its behalf (value--) while completing its future, so nobody can overtake it. A woken waiter
 * that is cancelled before it runs puts that permit back (value++). Whoever leaves acquire() wakes as
 * many waiters as there are free permits.
 */
public class Semaphore extends LoopBound {
    private final ArrayDeque<Future<Boolean>> waiters = new ArrayDeque<>();
    int value;

    /** Creates a semaphore with one permit. */
    public Semaphore() {
        this(1);
    }

    /**
     * Creates a semaphore with {@code value} permits.
     *
     * @throws IllegalArgumentException if {@code value} is negative
     */
    public Semaphore(int value) {
        if (value < 0) {
            throw new IllegalArgumentException("Semaphore initial value must be >= 0 (value: " + value + ")");
        }
        this.value = value;
    }

    /**
     * Whether {@link #acquire()} would wait: no permit is free, or a live task waits already.
     */
    public boolean locked() {
        if (value == 0) {
            return true;
        }
        for (Future<Boolean> w : waiters) {
            if (!w.isCancelled()) {
                return true;
            }
        }
        return false;
    }

    /** The number of free permits (a snapshot outside the loop). */
    public int value() {
        return value;
    }

    /**
     * Takes a permit, waiting while none is free or other tasks wait first. The task lies dormant
     * until a permit is handed to it or the task is cancelled.
     *
     * @return {@code true}, as Python does
     * @throws CancellationException if the task is cancelled while waiting (no permit is taken)
     * @throws IllegalStateException if it must wait and the caller is not a task of the loop, or if
     *     the semaphore is bound to another loop
     */
    public boolean acquire() {
        EventLoop loop = checkLoop();
        if (!locked()) {
            value--;
            return true;
        }
        Future<Boolean> waiter = loop.createFuture();
        waiters.addLast(waiter);
        try {
            try {
                await(waiter, getClass().getSimpleName() + ".acquire()");
            } finally {
                waiters.remove(waiter);
            }
        } catch (RuntimeException e) {
            if (waiter.isDone() && !waiter.isCancelled()) {
                value++; // handed a permit we will not take: give it back
            }
            throw e;
        } finally {
            while (value > 0 && wakeUpNext()) {
                // later waiters had to queue behind us: let as many in as there are permits
            }
        }
        return true;
    }

    /**
     * Acquires as {@link #acquire()} does and returns a handle whose {@code close()} releases:
     * {@code try (var held = sem.hold()) { ... }} is Python's {@code async with sem:}.
     */
    public Held hold() {
        acquire();
        return this::release;
    }

    /**
     * Returns a permit, never waiting; the longest-waiting task (if any) gets it.
     *
     * @throws IllegalStateException if used outside the semaphore's loop
     */
    public void release() {
        checkLoop();
        value++;
        wakeUpNext();
    }

    /** Hands a permit to the first live waiter; false if there is none. */
    final boolean wakeUpNext() {
        for (Future<Boolean> w : waiters) {
            if (!w.isDone()) {
                value--;
                w.setResult(Boolean.TRUE);
                return true;
            }
        }
        return false;
    }

    /** The number of tasks waiting (a snapshot outside the loop). */
    final int waiterCount() {
        return waiters.size();
    }

    /** Shows the state: {@code Semaphore[unlocked, value:1]}, {@code Semaphore[locked, waiters:2]}. */
    @Override
    public String toString() {
        int n = waiters.size();
        return getClass().getSimpleName() + "[" + (locked() ? "locked" : "unlocked, value:" + value)
                + (n > 0 ? ", waiters:" + n : "") + "]";
    }
}

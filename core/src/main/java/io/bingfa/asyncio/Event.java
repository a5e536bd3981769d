package io.bingfa.asyncio;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;

/**
 * Python's {@code asyncio.Event}: a flag that tasks of one {@link EventLoop} wait to be set. It is
 * not thread-safe: another thread sets it with {@code loop.callSoonThreadsafe(event::set)}.
 *
 * <table class="striped">
 * <caption>Method forms</caption>
 * <tr><th>Python</th><th>Java</th><th>waits</th></tr>
 * <tr><td>{@code await event.wait()}</td><td>{@link #await()}</td><td>yes, in a task, unless set</td></tr>
 * <tr><td>{@code wait_for(event.wait(), t)}</td><td>{@code Asyncio.waitFor(event::await, t)}</td><td>up to {@code t}</td></tr>
 * <tr><td>{@code set()}, {@code clear()}, {@code is_set()}</td><td>{@link #set()}, {@link #clear()}, {@link #isSet()}</td><td>no</td></tr>
 * </table>
 *
 * <p>{@link #await()} returns at once if the flag is set; otherwise the task lies dormant until one of
 * two things happens: another task or callback calls {@link #set()}, or the task is cancelled. Every
 * task waiting when {@code set()} is called is woken, even if the flag is cleared again before it
 * runs. ({@code wait} is {@link Object#wait()} in Java, hence the name {@code await}.)
 *
 * <p>The event binds to the loop of its first use; using it from another thread or another loop
 * throws {@link IllegalStateException}. {@code toString()} shows {@code Event[unset, waiters:1]}.
 *
 * <p><b>Memory consistency effects:</b> everything done before {@link #set()} happens-before the
 * return of every {@link #await()} it ends; see the package documentation.
 */
public final class Event extends LoopBound {
    private final List<Future<Boolean>> waiters = new ArrayList<>();
    private boolean value;

    /** Creates an unset event, bound to a loop at its first use. */
    public Event() {}

    /** Sets the flag before the event is bound to a loop (a Queue's "finished" event). */
    void initSet() {
        value = true;
    }

    /** Whether the flag is set (Python's {@code is_set()}; a snapshot outside the loop). */
    public boolean isSet() {
        return value;
    }

    /** Sets the flag and wakes every waiting task, never waiting. */
    public void set() {
        checkLoop();
        if (!value) {
            value = true;
            for (Future<Boolean> w : waiters) {
                if (!w.isDone()) {
                    w.setResult(Boolean.TRUE);
                }
            }
        }
    }

    /** Clears the flag, never waiting; later {@link #await()} calls wait for the next {@link #set()}. */
    public void clear() {
        checkLoop();
        value = false;
    }

    /**
     * Waits until the flag is set (Python's {@code await event.wait()}); returns at once if it is set.
     * The task lies dormant until the event is set or the task is cancelled.
     *
     * @return {@code true}, as Python does
     * @throws CancellationException if the task is cancelled while waiting (it leaves no waiter)
     * @throws IllegalStateException if it must wait and the caller is not a task of the loop
     */
    public boolean await() {
        EventLoop loop = checkLoop();
        if (value) {
            return true;
        }
        Future<Boolean> waiter = loop.createFuture();
        waiters.add(waiter);
        try {
            await(waiter, "Event.await()");
            return true;
        } finally {
            waiters.remove(waiter);
        }
    }

    /** The number of tasks waiting (a snapshot outside the loop). */
    int waiterCount() {
        return waiters.size();
    }

    /** Shows the state: {@code Event[set]}, {@code Event[unset, waiters:1]}. */
    @Override
    public String toString() {
        int n = waiters.size();
        return "Event[" + (value ? "set" : "unset") + (n > 0 ? ", waiters:" + n : "") + "]";
    }
}

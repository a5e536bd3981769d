package io.bingfa.asyncio;

import io.bingfa.queue.QueueEmptyException;
import io.bingfa.queue.QueueFullException;
import io.bingfa.queue.QueueShutDownException;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.CancellationException;

/**
 * Python's {@code asyncio.Queue} (3.13): a first-in, first-out queue for the tasks of one
 * {@link EventLoop}, bounded when {@code maxsize > 0}, with task accounting ({@link #taskDone()},
 * {@link #join()}) and {@link #shutdown(boolean) shutdown}. It is not thread-safe: another thread
 * hands items in with {@code loop.callSoonThreadsafe(() -> q.putNowait(x))} (or uses
 * {@link io.bingfa.queue.Queue}).
 *
 * <table class="striped">
 * <caption>Method forms</caption>
 * <tr><th></th><th>Python</th><th>waits (in a task)</th><th>throws at once</th><th>times out</th></tr>
 * <tr><td>insert</td><td>{@code await put}, {@code put_nowait}</td><td>{@link #put(Object)}</td>
 *     <td>{@link #putNowait(Object)}: {@link QueueFullException}</td>
 *     <td>{@code Asyncio.waitFor(() -> q.put(x), t)}</td></tr>
 * <tr><td>remove</td><td>{@code await get}, {@code get_nowait}</td><td>{@link #get()}</td>
 *     <td>{@link #getNowait()}: {@link QueueEmptyException}</td>
 *     <td>{@code Asyncio.waitFor(q::get, t)}</td></tr>
 * <tr><td>tasks</td><td>{@code task_done}, {@code await join}</td><td>{@link #join()}</td>
 *     <td>{@link #taskDone()}</td><td>{@code Asyncio.waitFor(q::join, t)}</td></tr>
 * <tr><td>state</td><td>{@code qsize}, {@code empty}, {@code full}, {@code maxsize}</td>
 *     <td colspan="3">{@link #qsize()}, {@link #empty()}, {@link #full()}, {@link #maxsize()}</td></tr>
 * <tr><td>end</td><td>{@code shutdown(immediate=False)}</td>
 *     <td colspan="3">{@link #shutdown()}, {@link #shutdown(boolean)}, {@link #isShutdown()}</td></tr>
 * </table>
 *
 * <p>{@link #put(Object)} waits while the queue is full, {@link #get()} while it is empty; the task
 * lies dormant until there is room (or an item), the queue is shut down, or the task is cancelled.
 * Blocked putters and getters are served first-come, first-served. A cancelled getter never loses an
 * item (an item it was woken for stays for the next getter), and a cancelled putter never inserts.
 *
 * <p>After {@link #shutdown()}: every put throws {@link QueueShutDownException}; gets return the items
 * left and then throw it; blocked putters and (once empty) getters are woken with it; {@link #join()}
 * keeps waiting for the outstanding tasks. After {@code shutdown(true)} the items left are discarded
 * (and their tasks retired), every get throws, and joiners are released when nothing else is
 * outstanding. {@code join()} never throws {@code QueueShutDownException}.
 *
 * <p>The queue binds to the loop of its first use; using it from another thread or another loop
 * throws {@link IllegalStateException}. The state queries may be called anywhere (snapshots).
 * {@code toString()} shows {@code Queue[maxsize=0 tasks=2 _queue=[1, 2] _getters[1]]}.
 * Null elements are refused with {@link NullPointerException}.
 *
 * <p><b>Memory consistency effects:</b> everything a task does before putting an item happens-before
 * the task that takes it continues; see the package documentation.
 *
 * @param <E> the element type
 */
/*
 * As CPython 3.13: waiters are futures completed with null by whoever makes room or adds an item;
 * each woken task re-checks in a loop (put: while full; get: while empty). A waiter that ends with an
 * exception but had been woken (its future done, not cancelled) passes the wake-up on. Subclasses
 * change the order through insert/extract/size (Python's _put/_get/qsize).
 */
public class Queue<E> extends LoopBound {
    private final int maxsize;
    private final ArrayDeque<Future<Void>> getters = new ArrayDeque<>();
    private final ArrayDeque<Future<Void>> putters = new ArrayDeque<>();
    private final Event finished = new Event();
    final ArrayDeque<E> items = new ArrayDeque<>();
    private int unfinishedTasks;
    private boolean isShutdown;

    /** Creates an unbounded queue. */
    public Queue() {
        this(0);
    }

    /** Creates a queue holding at most {@code maxsize} items ({@code <= 0}: unbounded). */
    public Queue(int maxsize) {
        this.maxsize = maxsize;
        finished.initSet();
    }

    // ------------------------------------------------------------------ storage hooks

    /** Python's {@code _put}: stores {@code item}. Loop only. */
    void insert(E item) {
        items.addLast(item);
    }

    /** Python's {@code _get}: removes and returns the next item. Loop only; the queue is not empty. */
    E extract() {
        return items.pollFirst();
    }

    /** The number of stored items. */
    int size() {
        return items.size();
    }

    /** The stored items in their order, for toString. */
    String describeItems() {
        return items.toString();
    }

    // ------------------------------------------------------------------ state

    /** The number of items in the queue. */
    public final int qsize() {
        return size();
    }

    /** The bound given at construction ({@code <= 0}: unbounded). */
    public final int maxsize() {
        return maxsize;
    }

    /** Whether the queue holds no item. */
    public final boolean empty() {
        return size() == 0;
    }

    /** Whether the queue holds {@code maxsize} items; an unbounded queue is never full. */
    public final boolean full() {
        return maxsize > 0 && size() >= maxsize;
    }

    /** Whether {@link #shutdown(boolean)} has been called. */
    public final boolean isShutdown() {
        return isShutdown;
    }

    // ------------------------------------------------------------------ insert

    /**
     * Inserts the item, waiting for space to become available if the queue is full. The task lies
     * dormant until there is room, the queue is shut down, or the task is cancelled.
     *
     * @throws QueueShutDownException if the queue is or becomes shut down
     * @throws CancellationException if the task is cancelled while waiting (nothing is inserted)
     * @throws IllegalStateException if it must wait and the caller is not a task of the loop
     */
    public final void put(E item) {
        Objects.requireNonNull(item, "item");
        EventLoop loop = checkLoop();
        while (full()) {
            if (isShutdown) {
                throw new QueueShutDownException("put() on a shut-down queue");
            }
            Future<Void> putter = loop.createFuture();
            putters.addLast(putter);
            try {
                await(putter, "Queue.put()");
            } catch (RuntimeException e) {
                putter.cancel();
                putters.remove(putter);
                if (!full() && !putter.isCancelled()) {
                    wakeUpNext(putters); // woken for room we will not use
                }
                throw e;
            }
        }
        putNowait(item);
    }

    /**
     * Inserts the item if there is room, never waiting.
     *
     * @throws QueueFullException if the queue is full
     * @throws QueueShutDownException if the queue is shut down
     */
    public final void putNowait(E item) {
        Objects.requireNonNull(item, "item");
        checkLoop();
        if (isShutdown) {
            throw new QueueShutDownException("put_nowait() on a shut-down queue");
        }
        if (full()) {
            throw new QueueFullException("put_nowait() on a full queue (maxsize=" + maxsize + ")");
        }
        insert(item);
        unfinishedTasks++;
        finished.clear();
        wakeUpNext(getters);
    }

    // ------------------------------------------------------------------ remove

    /**
     * Removes and returns the next item, waiting for one to become available if the queue is empty.
     * The task lies dormant until an item arrives, the queue is shut down, or the task is cancelled.
     *
     * @throws QueueShutDownException if the queue is shut down and empty (or shut down immediately)
     * @throws CancellationException if the task is cancelled while waiting (no item is lost)
     * @throws IllegalStateException if it must wait and the caller is not a task of the loop
     */
    public final E get() {
        EventLoop loop = checkLoop();
        while (empty()) {
            if (isShutdown) {
                throw new QueueShutDownException("get() on a shut-down, empty queue");
            }
            Future<Void> getter = loop.createFuture();
            getters.addLast(getter);
            try {
                await(getter, "Queue.get()");
            } catch (RuntimeException e) {
                getter.cancel();
                getters.remove(getter);
                if (!empty() && !getter.isCancelled()) {
                    wakeUpNext(getters); // woken for an item we will not take
                }
                throw e;
            }
        }
        return getNowait();
    }

    /**
     * Removes and returns the next item if there is one, never waiting.
     *
     * @throws QueueEmptyException if the queue is empty
     * @throws QueueShutDownException if the queue is shut down and empty
     */
    public final E getNowait() {
        checkLoop();
        if (empty()) {
            if (isShutdown) {
                throw new QueueShutDownException("get_nowait() on a shut-down, empty queue");
            }
            throw new QueueEmptyException("get_nowait() on an empty queue");
        }
        E item = extract();
        wakeUpNext(putters);
        return item;
    }

    // ------------------------------------------------------------------ tasks

    /**
     * Marks one fetched item's work as done, never waiting; when none is outstanding, every
     * {@link #join()} returns.
     *
     * @throws IllegalStateException "task_done() called too many times" (Python's ValueError) if no
     *     task is outstanding
     */
    public final void taskDone() {
        checkLoop();
        if (unfinishedTasks <= 0) {
            throw new IllegalStateException("task_done() called too many times");
        }
        unfinishedTasks--;
        if (unfinishedTasks == 0) {
            finished.set();
        }
    }

    /**
     * Waits until every item ever put has been marked done with {@link #taskDone()}; returns at once
     * if none is outstanding. The task lies dormant until then or until it is cancelled.
     *
     * @throws CancellationException if the task is cancelled while waiting
     * @throws IllegalStateException if it must wait and the caller is not a task of the loop
     */
    public final void join() {
        checkLoop();
        if (unfinishedTasks > 0) {
            finished.await();
        }
    }

    // ------------------------------------------------------------------ shutdown

    /** {@link #shutdown(boolean) shutdown(false)}: gets may still drain the items left. */
    public final void shutdown() {
        shutdown(false);
    }

    /**
     * Shuts the queue down, never waiting: puts throw {@link QueueShutDownException} from now on, and
     * so do gets once the queue is empty; blocked putters and getters are woken to find out. With
     * {@code immediate} the items left are discarded first, retiring one task each.
     */
    public final void shutdown(boolean immediate) {
        checkLoop();
        isShutdown = true;
        if (immediate) {
            while (!empty()) {
                extract();
                if (unfinishedTasks > 0) {
                    unfinishedTasks--;
                }
            }
            if (unfinishedTasks == 0) {
                finished.set();
            }
        }
        wakeAll(getters);
        wakeAll(putters);
    }

    // ------------------------------------------------------------------ internals

    /** Wakes the first waiter that is not done yet, dropping the ones before it. */
    private static void wakeUpNext(ArrayDeque<Future<Void>> waiters) {
        Future<Void> w;
        while ((w = waiters.pollFirst()) != null) {
            if (!w.isDone()) {
                w.setResult(null);
                return;
            }
        }
    }

    private static void wakeAll(ArrayDeque<Future<Void>> waiters) {
        Future<Void> w;
        while ((w = waiters.pollFirst()) != null) {
            if (!w.isDone()) {
                w.setResult(null);
            }
        }
    }

    /** Python's {@code _format()}: {@code maxsize=0 tasks=2 shutdown}. */
    final String format() {
        StringBuilder sb = new StringBuilder("maxsize=").append(maxsize);
        if (size() > 0) {
            sb.append(" _queue=").append(describeItems());
        }
        if (!getters.isEmpty()) {
            sb.append(" _getters[").append(getters.size()).append(']');
        }
        if (!putters.isEmpty()) {
            sb.append(" _putters[").append(putters.size()).append(']');
        }
        if (unfinishedTasks > 0) {
            sb.append(" tasks=").append(unfinishedTasks);
        }
        if (isShutdown) {
            sb.append(" shutdown");
        }
        return sb.toString();
    }

    /** Shows the state: {@code Queue[maxsize=1 _queue=[1] _putters[1] tasks=1]}. */
    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + format() + "]";
    }
}

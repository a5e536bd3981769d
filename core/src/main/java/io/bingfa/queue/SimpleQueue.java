package io.bingfa.queue;

import io.bingfa.internal.Timeouts;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.TimeUnit;

/**
 * Python's {@code queue.SimpleQueue}: an unbounded FIFO queue with no task accounting and no
 * shutdown, whose put never blocks. Lighter than {@link Queue} when those are not needed.
 *
 * <table class="striped">
 * <caption>Method forms</caption>
 * <tr><th>Python</th><th>blocks</th><th>throws at once</th><th>times out (throws)</th></tr>
 * <tr><td>{@code put}, {@code put_nowait}</td><td colspan="3">{@link #put(Object)}, {@link #putNowait(Object)}: never wait</td></tr>
 * <tr><td>{@code get}, {@code get_nowait}</td><td>{@link #get()}</td>
 *     <td>{@link #getNowait()}: {@link QueueEmptyException}</td><td>{@link #get(Duration)}</td></tr>
 * <tr><td>{@code qsize}, {@code empty}</td><td colspan="3">{@link #qsize()}, {@link #isEmpty()} (snapshots)</td></tr>
 * </table>
 *
 * <p><b>Memory consistency effects:</b> actions before putting an item happen-before actions after
 * it is taken in another thread.
 *
 * @param <E> the element type
 */
/* Implementation: a LinkedTransferQueue, lock-free for both ends. */
public final class SimpleQueue<E> {
    private final LinkedTransferQueue<E> items = new LinkedTransferQueue<>();

    /** Creates an empty queue. */
    public SimpleQueue() {}

    /**
     * Inserts the element. Never waits.
     *
     * @throws NullPointerException if {@code item} is null
     */
    public void put(E item) {
        items.add(Objects.requireNonNull(item, "item"));
    }

    /** Same as {@link #put(Object)} ({@code put_nowait}). */
    public void putNowait(E item) {
        put(item);
    }

    /**
     * Removes and returns the next item, waiting until one is available. The thread lies dormant
     * until an item arrives or it is interrupted.
     *
     * @throws InterruptedException if interrupted while waiting
     */
    public E get() throws InterruptedException {
        return items.take();
    }

    /**
     * Removes and returns the next item, waiting at most {@code timeout}.
     *
     * @throws QueueEmptyException if the timeout elapses first
     * @throws InterruptedException if interrupted while waiting
     * @throws IllegalArgumentException if {@code timeout} is negative
     */
    public E get(Duration timeout) throws InterruptedException {
        E item = items.poll(Timeouts.toNanos(timeout), TimeUnit.NANOSECONDS);
        if (item == null) {
            throw new QueueEmptyException("SimpleQueue is empty");
        }
        return item;
    }

    /**
     * Removes and returns the next item if there is one now.
     *
     * @throws QueueEmptyException if the queue is empty
     */
    public E getNowait() {
        E item = items.poll();
        if (item == null) {
            throw new QueueEmptyException("SimpleQueue is empty");
        }
        return item;
    }

    /** The number of items now. A snapshot. */
    public int qsize() {
        return items.size();
    }

    /** Whether the queue is empty now. A snapshot. */
    public boolean isEmpty() {
        return items.isEmpty();
    }

    @Override
    public String toString() {
        return "SimpleQueue[size=" + items.size() + "]";
    }
}

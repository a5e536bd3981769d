package io.bingfa.queue;

import io.bingfa.internal.Timeouts;
import java.time.Duration;
import java.util.AbstractQueue;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Python's {@code queue.Queue}: a first-in, first-out queue for handing items between threads,
 * bounded when {@code maxsize > 0}, with task accounting ({@link #taskDone()}, {@link #join()}) and
 * Python 3.13's {@link #shutdown(boolean) shutdown}. It is also a
 * {@link java.util.concurrent.BlockingQueue}, so it fits any JDK API that takes one.
 *
 * <table class="striped">
 * <caption>Method forms</caption>
 * <tr><th></th><th>Python</th><th>blocks</th><th>throws at once</th><th>times out (throws)</th><th>returns a value (JDK)</th></tr>
 * <tr><td>insert</td><td>{@code put}, {@code put_nowait}</td><td>{@link #put(Object)}</td>
 *     <td>{@link #putNowait(Object)}: {@link QueueFullException}</td><td>{@link #put(Object, Duration)}</td>
 *     <td>{@link #offer(Object)}, {@link #offer(Object, long, TimeUnit)}</td></tr>
 * <tr><td>remove</td><td>{@code get}, {@code get_nowait}</td><td>{@link #get()}, {@link #take()}</td>
 *     <td>{@link #getNowait()}: {@link QueueEmptyException}</td><td>{@link #get(Duration)}</td>
 *     <td>{@link #poll()}, {@link #poll(long, TimeUnit)}</td></tr>
 * <tr><td>tasks</td><td>{@code task_done}, {@code join}</td><td>{@link #join()}</td>
 *     <td>{@link #taskDone()}</td><td>{@link #join(Duration)}</td><td></td></tr>
 * <tr><td>state</td><td>{@code qsize}, {@code empty}, {@code full}, {@code maxsize}</td>
 *     <td colspan="4">{@link #qsize()}, {@link #isEmpty()}, {@link #isFull()}, {@link #maxsize()}, {@link #setMaxsize(int)}</td></tr>
 * <tr><td>end</td><td>{@code shutdown(immediate)}, {@code is_shutdown}</td>
 *     <td colspan="4">{@link #shutdown()}, {@link #shutdown(boolean)}, {@link #isShutdown()}</td></tr>
 * </table>
 *
 * <p>Every insertion, by any method, adds an unfinished task that {@link #taskDone()} retires;
 * {@link #join()} waits until none is left. {@code qsize()}, {@code isEmpty()} and {@code isFull()}
 * are snapshots: another thread may change the answer before it is used ("not reliable", as
 * Python's documentation says), so do not branch on them to decide whether a get will block.
 *
 * <p>After {@link #shutdown()}: every put throws {@link QueueShutDownException}; gets return the
 * items left and then throw it; blocked putters and (once empty) getters are woken with it;
 * {@code join} keeps waiting for the remaining tasks. After {@link #shutdown(boolean) shutdown(true)}
 * the items left are discarded (and their tasks retired), every get throws, and joiners are released.
 * The JDK forms keep their contracts: {@code poll} returns {@code null} on a shut-down empty queue.
 *
 * <p>Null elements are refused with {@link NullPointerException}. Subclasses change the order by
 * passing their own storage to the protected constructor, and may override {@link #insert} and
 * {@link #extract} (Python's {@code _put}/{@code _get}); both are called with the queue's lock held,
 * and an exception from them leaves the queue consistent and propagates to the caller.
 *
 * <p><b>Memory consistency effects:</b> as in other concurrent collections, actions in a thread
 * before putting an item happen-before actions after that item is taken in another thread, and
 * actions before {@code taskDone()} happen-before the return of a {@code join()} that it ends.
 *
 * @param <E> the element type
 */
/*
 * Implementation: one ReentrantLock with three conditions (not empty, not full, all tasks done), as
 * CPython's queue.py and ArrayBlockingQueue; signals are skipped by the JDK when nobody waits, so a
 * put/get pair with no waiter costs a lock round trip and a deque operation. maxsize is volatile
 * because isFull()/remainingCapacity() read it without the lock.
 */
public class Queue<E> extends AbstractQueue<E> implements BlockingQueue<E> {
    private final ReentrantLock mutex = new ReentrantLock();
    private final java.util.concurrent.locks.Condition notEmpty = mutex.newCondition();
    private final java.util.concurrent.locks.Condition notFull = mutex.newCondition();
    private final java.util.concurrent.locks.Condition allTasksDone = mutex.newCondition();
    /** Guarded by mutex. */
    private final java.util.Queue<E> items;
    private volatile int maxsize;
    /** Guarded by mutex. */
    private long unfinishedTasks;
    private volatile boolean shutdown;

    /** Creates an unbounded queue ({@code Queue()}). */
    public Queue() {
        this(0);
    }

    /**
     * Creates a queue that holds at most {@code maxsize} items ({@code Queue(maxsize)}).
     *
     * @param maxsize the capacity; 0 or less means unbounded
     */
    public Queue(int maxsize) {
        this(maxsize, new ArrayDeque<>());
    }

    /**
     * Creates a queue over the given storage, which decides the order items come out in. The
     * storage is used only with the queue's lock held; it must be empty and not used elsewhere.
     *
     * @param maxsize the capacity; 0 or less means unbounded
     * @param storage an empty queue that holds the items ({@code _init})
     */
    protected Queue(int maxsize, java.util.Queue<E> storage) {
        if (!storage.isEmpty()) {
            throw new IllegalArgumentException("storage: " + storage.size() + " items (expected: empty)");
        }
        this.maxsize = maxsize;
        this.items = storage;
    }

    // ------------------------------------------------------------------ Python's methods

    /**
     * Inserts the element, waiting for space to become available if the queue is full. The thread
     * lies dormant until there is space, the queue is shut down, or it is interrupted.
     *
     * @throws InterruptedException if interrupted while waiting
     * @throws QueueShutDownException if the queue is (or becomes) shut down
     * @throws NullPointerException if {@code item} is null
     */
    @Override
    public void put(E item) throws InterruptedException {
        Objects.requireNonNull(item, "item");
        mutex.lockInterruptibly();
        try {
            checkNotShutdown();
            while (isFullLocked()) {
                notFull.await();
                checkNotShutdown();
            }
            enqueue(item);
        } finally {
            mutex.unlock();
        }
    }

    /**
     * Inserts the element, waiting at most {@code timeout} for space ({@code put(item, timeout=t)}).
     * The thread lies dormant until there is space, the timeout elapses, the queue is shut down, or
     * it is interrupted.
     *
     * @throws QueueFullException if the timeout elapses first
     * @throws QueueShutDownException if the queue is (or becomes) shut down
     * @throws InterruptedException if interrupted while waiting
     * @throws IllegalArgumentException if {@code timeout} is negative
     */
    public void put(E item, Duration timeout) throws InterruptedException {
        if (!offerNanos(item, Timeouts.toNanos(timeout))) {
            throw full();
        }
    }

    /**
     * Inserts the element only if there is space now ({@code put_nowait}).
     *
     * @throws QueueFullException if the queue is full
     * @throws QueueShutDownException if the queue is shut down
     */
    public void putNowait(E item) {
        if (!offer(item)) {
            throw full();
        }
    }

    /**
     * Removes and returns the next item, waiting until one is available. The thread lies dormant
     * until an item arrives, the queue is shut down while empty, or it is interrupted.
     *
     * @throws InterruptedException if interrupted while waiting
     * @throws QueueShutDownException if the queue is shut down and empty
     */
    public E get() throws InterruptedException {
        mutex.lockInterruptibly();
        try {
            while (items.isEmpty()) {
                checkNotShutdown();
                notEmpty.await();
            }
            return dequeue();
        } finally {
            mutex.unlock();
        }
    }

    /**
     * Removes and returns the next item, waiting at most {@code timeout} ({@code get(timeout=t)}).
     *
     * @throws QueueEmptyException if the timeout elapses first
     * @throws QueueShutDownException if the queue is shut down and empty
     * @throws InterruptedException if interrupted while waiting
     * @throws IllegalArgumentException if {@code timeout} is negative
     */
    public E get(Duration timeout) throws InterruptedException {
        long nanos = Timeouts.toNanos(timeout);
        mutex.lockInterruptibly();
        try {
            while (items.isEmpty()) {
                checkNotShutdown();
                if (nanos <= 0L) {
                    throw empty();
                }
                nanos = notEmpty.awaitNanos(nanos);
            }
            return dequeue();
        } finally {
            mutex.unlock();
        }
    }

    /**
     * Removes and returns the next item only if one is available now ({@code get_nowait}).
     *
     * @throws QueueEmptyException if the queue is empty
     * @throws QueueShutDownException if the queue is shut down and empty
     */
    public E getNowait() {
        mutex.lock();
        try {
            if (items.isEmpty()) {
                checkNotShutdown();
                throw empty();
            }
            return dequeue();
        } finally {
            mutex.unlock();
        }
    }

    /**
     * Marks one task done ({@code task_done()}): a consumer calls it once per item it got, after
     * processing it. When no unfinished task is left, every {@link #join()} returns.
     *
     * @throws IllegalStateException if called more times than items were put
     *     ("task_done() called too many times")
     */
    public void taskDone() {
        mutex.lock();
        try {
            if (unfinishedTasks <= 0) {
                throw new IllegalStateException("task_done() called too many times");
            }
            if (--unfinishedTasks == 0) {
                allTasksDone.signalAll();
            }
        } finally {
            mutex.unlock();
        }
    }

    /**
     * Waits until every item put has been taken and marked done ({@code join()}). The thread lies
     * dormant until the count of unfinished tasks reaches zero or it is interrupted. Never throws
     * {@link QueueShutDownException}.
     *
     * @throws InterruptedException if interrupted while waiting
     */
    public void join() throws InterruptedException {
        mutex.lockInterruptibly();
        try {
            while (unfinishedTasks > 0) {
                allTasksDone.await();
            }
        } finally {
            mutex.unlock();
        }
    }

    /**
     * Waits at most {@code timeout} until every item put has been taken and marked done.
     *
     * @return {@code true} if all tasks are done, {@code false} if the timeout elapsed first
     * @throws InterruptedException if interrupted while waiting
     * @throws IllegalArgumentException if {@code timeout} is negative
     */
    public boolean join(Duration timeout) throws InterruptedException {
        long nanos = Timeouts.toNanos(timeout);
        mutex.lockInterruptibly();
        try {
            while (unfinishedTasks > 0) {
                if (nanos <= 0L) {
                    return false;
                }
                nanos = allTasksDone.awaitNanos(nanos);
            }
            return true;
        } finally {
            mutex.unlock();
        }
    }

    /** Shuts the queue down, letting getters take the items left ({@code shutdown()}). */
    public void shutdown() {
        shutdown(false);
    }

    /**
     * Shuts the queue down ({@code shutdown(immediate)}): puts throw {@link QueueShutDownException}
     * from now on, and blocked putters are woken with it. If {@code immediate}, the items left are
     * discarded, their tasks retired (so joiners are released), and every get throws; otherwise gets
     * return the items left and then throw. Calling it again is allowed.
     *
     * @param immediate whether to discard the items left
     */
    public void shutdown(boolean immediate) {
        mutex.lock();
        try {
            shutdown = true;
            if (immediate) {
                // through the hook, as CPython's shutdown discards with _get()
                while (!items.isEmpty()) {
                    extract();
                    if (unfinishedTasks > 0) {
                        unfinishedTasks--;
                    }
                }
            }
        } finally {
            // every waiter re-checks, even if a storage hook failed while discarding
            if (immediate) {
                allTasksDone.signalAll();
            }
            notEmpty.signalAll();
            notFull.signalAll();
            mutex.unlock();
        }
    }

    /** Whether {@link #shutdown(boolean)} has been called ({@code is_shutdown}). */
    public boolean isShutdown() {
        return shutdown;
    }

    /** The number of items now ({@code qsize()}). A snapshot. */
    public int qsize() {
        mutex.lock();
        try {
            return items.size();
        } finally {
            mutex.unlock();
        }
    }

    /** Whether the queue is empty now ({@code empty()}). A snapshot. */
    @Override
    public boolean isEmpty() {
        return qsize() == 0;
    }

    /** Whether the queue is bounded and full now ({@code full()}). A snapshot. */
    public boolean isFull() {
        mutex.lock();
        try {
            return isFullLocked();
        } finally {
            mutex.unlock();
        }
    }

    /** The capacity; 0 or less means unbounded ({@code maxsize}). */
    public int maxsize() {
        return maxsize;
    }

    /**
     * Changes the capacity, as assigning Python's {@code q.maxsize} does. Items beyond a smaller
     * capacity stay; puts wait until the queue shrinks below it. A larger one wakes waiting putters.
     *
     * @param maxsize the new capacity; 0 or less means unbounded
     */
    public void setMaxsize(int maxsize) {
        mutex.lock();
        try {
            this.maxsize = maxsize;
            notFull.signalAll();
        } finally {
            mutex.unlock();
        }
    }

    /** The number of unfinished tasks ({@code unfinished_tasks}): put but not yet marked done. */
    public long unfinishedTasks() {
        mutex.lock();
        try {
            return unfinishedTasks;
        } finally {
            mutex.unlock();
        }
    }

    // ------------------------------------------------------------------ storage hooks

    /**
     * Adds an item to the storage ({@code _put}). Call only when holding the queue's lock; the
     * queue's bookkeeping happens only after it returns normally.
     *
     * @param item the item, not null
     */
    protected void insert(E item) {
        items.add(item);
    }

    /**
     * Removes the next item from the storage ({@code _get}). Call only when holding the queue's
     * lock, and only when the storage is not empty. {@link #shutdown(boolean) shutdown(true)} also
     * discards the items left through it.
     *
     * @return the item
     */
    protected E extract() {
        return items.remove();
    }

    // ------------------------------------------------------------------ BlockingQueue

    /**
     * Inserts the element if there is space now.
     *
     * @return {@code true} if inserted, {@code false} if the queue is full
     * @throws QueueShutDownException if the queue is shut down
     */
    @Override
    public boolean offer(E item) {
        Objects.requireNonNull(item, "item");
        mutex.lock();
        try {
            checkNotShutdown();
            if (isFullLocked()) {
                return false;
            }
            enqueue(item);
            return true;
        } finally {
            mutex.unlock();
        }
    }

    /**
     * Inserts the element, waiting up to the timeout for space.
     *
     * @return {@code true} if inserted, {@code false} if the timeout elapsed first
     * @throws QueueShutDownException if the queue is (or becomes) shut down
     */
    @Override
    public boolean offer(E item, long timeout, TimeUnit unit) throws InterruptedException {
        return offerNanos(item, Math.max(0L, unit.toNanos(timeout)));
    }

    /** Inserts the element, throwing {@link QueueFullException} if the queue is full. */
    @Override
    public boolean add(E item) {
        putNowait(item);
        return true;
    }

    /** Same as {@link #get()}. */
    @Override
    public E take() throws InterruptedException {
        return get();
    }

    /** Removes the next item if there is one now; {@code null} otherwise (also when shut down). */
    @Override
    public E poll() {
        mutex.lock();
        try {
            return items.isEmpty() ? null : dequeue();
        } finally {
            mutex.unlock();
        }
    }

    /**
     * Removes the next item, waiting up to the timeout; {@code null} if none came (or the queue is
     * shut down and empty).
     */
    @Override
    public E poll(long timeout, TimeUnit unit) throws InterruptedException {
        long nanos = Math.max(0L, unit.toNanos(timeout));
        mutex.lockInterruptibly();
        try {
            while (items.isEmpty()) {
                if (nanos <= 0L || shutdown) {
                    return null;
                }
                nanos = notEmpty.awaitNanos(nanos);
            }
            return dequeue();
        } finally {
            mutex.unlock();
        }
    }

    /** Removes the next item, throwing {@link QueueEmptyException} if there is none. */
    @Override
    public E remove() {
        E item = poll();
        if (item == null) {
            throw empty();
        }
        return item;
    }

    @Override
    public E peek() {
        mutex.lock();
        try {
            return items.peek();
        } finally {
            mutex.unlock();
        }
    }

    @Override
    public int size() {
        return qsize();
    }

    @Override
    public int remainingCapacity() {
        mutex.lock();
        try {
            int max = maxsize;
            return max <= 0 ? Integer.MAX_VALUE : Math.max(0, max - items.size());
        } finally {
            mutex.unlock();
        }
    }

    @Override
    public int drainTo(Collection<? super E> target) {
        return drainTo(target, Integer.MAX_VALUE);
    }

    @Override
    public int drainTo(Collection<? super E> target, int maxElements) {
        Objects.requireNonNull(target, "target");
        if (target == this) {
            throw new IllegalArgumentException("target: this queue (expected: another collection)");
        }
        mutex.lock();
        try {
            int n = 0;
            while (n < maxElements && !items.isEmpty()) {
                target.add(dequeue());
                n++;
            }
            return n;
        } finally {
            mutex.unlock();
        }
    }

    /**
     * Removes one occurrence of the element. Its task stays unfinished (call {@link #taskDone()} if
     * the removal completes it).
     */
    @Override
    public boolean remove(Object item) {
        mutex.lock();
        try {
            boolean removed = items.remove(item);
            if (removed) {
                notFull.signal();
            }
            return removed;
        } finally {
            mutex.unlock();
        }
    }

    @Override
    public boolean contains(Object item) {
        mutex.lock();
        try {
            return items.contains(item);
        } finally {
            mutex.unlock();
        }
    }

    /** Removes every item, as {@link #drainTo} would; their tasks stay unfinished. */
    @Override
    public void clear() {
        mutex.lock();
        try {
            items.clear();
            notFull.signalAll();
        } finally {
            mutex.unlock();
        }
    }

    @Override
    public Object[] toArray() {
        mutex.lock();
        try {
            return items.toArray();
        } finally {
            mutex.unlock();
        }
    }

    @Override
    public <T> T[] toArray(T[] array) {
        mutex.lock();
        try {
            return items.toArray(array);
        } finally {
            mutex.unlock();
        }
    }

    /**
     * Iterates over a snapshot of the items, in storage order, taken when this is called. Its
     * {@code remove()} removes the item from the queue.
     */
    @Override
    public Iterator<E> iterator() {
        @SuppressWarnings("unchecked")
        List<E> snapshot = (List<E>) List.of(toArray());
        Iterator<E> it = snapshot.iterator();
        return new Iterator<>() {
            private E last;

            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public E next() {
                last = it.next();
                return last;
            }

            @Override
            public void remove() {
                if (last == null) {
                    throw new IllegalStateException("next() has not been called");
                }
                Queue.this.remove(last);
                last = null;
            }
        };
    }

    /** Shows the state: {@code Queue[size=3, maxsize=5, unfinished=4]}, with {@code shut down} when it is. */
    @Override
    public String toString() {
        mutex.lock();
        try {
            return getClass().getSimpleName() + "[size=" + items.size() + ", maxsize=" + maxsize
                    + ", unfinished=" + unfinishedTasks + (shutdown ? ", shut down" : "") + "]";
        } finally {
            mutex.unlock();
        }
    }

    // ------------------------------------------------------------------ internals

    private boolean offerNanos(E item, long nanos) throws InterruptedException {
        Objects.requireNonNull(item, "item");
        mutex.lockInterruptibly();
        try {
            checkNotShutdown();
            while (isFullLocked()) {
                if (nanos <= 0L) {
                    return false;
                }
                nanos = notFull.awaitNanos(nanos);
                checkNotShutdown();
            }
            enqueue(item);
            return true;
        } finally {
            mutex.unlock();
        }
    }

    /** Call only when holding mutex. */
    private boolean isFullLocked() {
        int max = maxsize;
        return max > 0 && items.size() >= max;
    }

    /** Call only when holding mutex. */
    private void enqueue(E item) {
        insert(item);
        unfinishedTasks++;
        notEmpty.signal();
    }

    /** Call only when holding mutex, with the storage not empty. */
    private E dequeue() {
        E item = extract();
        notFull.signal();
        return item;
    }

    /** Call only when holding mutex. */
    private void checkNotShutdown() {
        if (shutdown) {
            throw new QueueShutDownException(getClass().getSimpleName() + " is shut down");
        }
    }

    private QueueFullException full() {
        return new QueueFullException(getClass().getSimpleName() + " is full (maxsize=" + maxsize + ")");
    }

    private QueueEmptyException empty() {
        return new QueueEmptyException(getClass().getSimpleName() + " is empty");
    }
}

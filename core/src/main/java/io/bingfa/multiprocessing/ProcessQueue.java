package io.bingfa.multiprocessing;

import io.bingfa.queue.Queue;
import io.bingfa.queue.QueueEmptyException;
import io.bingfa.queue.QueueFullException;
import io.bingfa.queue.QueueShutDownException;
import java.io.IOException;
import java.io.ObjectStreamException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Python's {@code multiprocessing.Queue}: a first-in, first-out queue shared by processes, bounded
 * when {@code maxsize > 0}. Hand it to a {@link JvmProcess} target (it is serialisable) and the
 * child's puts and gets reach the same queue.
 *
 * <table class="striped">
 * <caption>Method forms</caption>
 * <tr><th></th><th>Python</th><th>blocks</th><th>throws at once</th><th>times out (throws)</th></tr>
 * <tr><td>insert</td><td>{@code put}, {@code put_nowait}</td><td>{@link #put(Object)}</td>
 *     <td>{@link #putNowait(Object)}: {@link QueueFullException}</td><td>{@link #put(Object, Duration)}</td></tr>
 * <tr><td>remove</td><td>{@code get}, {@code get_nowait}</td><td>{@link #get()}</td>
 *     <td>{@link #getNowait()}: {@link QueueEmptyException}</td><td>{@link #get(Duration)}</td></tr>
 * <tr><td>state</td><td>{@code qsize}, {@code empty}, {@code full}</td>
 *     <td colspan="3">{@link #qsize()}, {@link #isEmpty()}, {@link #isFull()}, {@link #maxsize()}</td></tr>
 * <tr><td>end</td><td>{@code close}, {@code shutdown(immediate)}</td>
 *     <td colspan="3">{@link #close()}, {@link #shutdown()}, {@link #shutdown(boolean)}, {@link #isShutdown()}</td></tr>
 * </table>
 *
 * <p>The process that creates the queue hosts it (in its node, a server on a private socket that
 * only processes holding its auth key may use: its children); a deserialised copy in another JVM
 * is a proxy whose calls go to the host, and one deserialised in the host is the queue itself.
 * Items are <b>copied</b>, never shared: an item is serialised when it is put (also in the host),
 * so changing it afterwards does not change what a getter receives, and each getter receives its
 * own copy. Items must be serialisable and their classes on the {@link AllowList} of the getter.
 *
 * <p>Puts to an unbounded queue from another process do not wait for the host: as CPython's
 * feeder thread, a background thread sends the buffered items in batches, in the order this
 * process put them. Unlike CPython, an item that cannot be serialised fails {@code put} at once
 * ({@link UncheckedIOException} whose cause is the {@link java.io.NotSerializableException})
 * instead of being dropped by the feeder and reported later. Every other call of a process first
 * waits until its own buffered puts have reached the queue, so a process sees its own puts; a
 * child JVM delivers what it buffered before it exits. Puts to a bounded queue are round trips:
 * the putter waits for room. A pipelined put cannot learn of a {@link #shutdown()} made by
 * another process until this process's next round trip on the queue: until then the host
 * discards such items (once this handle has seen the shutdown, its puts throw).
 *
 * <p>{@link #qsize()}, {@link #isEmpty()} and {@link #isFull()} are snapshots ("not reliable").
 * {@link #close()} says that this process will use the queue no more: later calls through this
 * handle throw {@link IllegalStateException} "is closed"; other processes are not affected.
 * {@link #shutdown(boolean)} is Python 3.13's: it affects every process.
 *
 * <p>If the host ends, calls through a proxy fail with {@link UncheckedIOException} (a get blocked
 * there is woken with it); the queue and its items are gone with the host.
 *
 * <p><b>Memory consistency effects:</b> actions in a process before it puts an item happen-before
 * the getter's return with (a copy of) that item; values are copied between processes, not shared.
 *
 * @param <E> the element type
 */
public class ProcessQueue<E> implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final Map<ProxyRef, ProcessQueue<?>> PROXIES = new ConcurrentHashMap<>();

    private final int maxsize;
    private final transient Queue<Object> local;
    private final transient ProxyQueue remote;
    private final transient ProxyRef ref;
    private transient volatile boolean closed;
    private transient volatile boolean used;

    /** Creates an unbounded queue hosted by this process ({@code Queue()}). */
    public ProcessQueue() {
        this(0);
    }

    /**
     * Creates a queue hosted by this process that holds at most {@code maxsize} items
     * ({@code Queue(maxsize)}); 0 or less means unbounded.
     */
    public ProcessQueue(int maxsize) {
        this.maxsize = Math.max(0, maxsize);
        this.local = new Queue<>(this.maxsize);
        Node node = Node.get();
        long id = node.host(this, new RemoteQueue(local));
        this.ref = new ProxyRef(node.endpoint(), id, kind(), this.maxsize);
        this.remote = null;
    }

    /** A proxy to the queue {@code ref} names. */
    ProcessQueue(ProxyRef ref) {
        this.maxsize = ref.maxsize();
        this.local = null;
        this.ref = ref;
        this.remote = new ProxyQueue(ProxyClient.of(ref.endpoint()), ref.id(), ref.maxsize() <= 0);
    }

    String kind() {
        return "queue";
    }

    /** Returns the queue {@code ref} names: this JVM's own, or a proxy (one per queue and JVM). */
    static Object resolve(ProxyRef ref) {
        Node node = Node.existing();
        if (node != null && node.endpoint().equals(ref.endpoint())) {
            ProcessQueue<?> own = node.hosted(ref.id());
            if (own != null) {
                return own;
            }
        }
        return PROXIES.computeIfAbsent(ref, r -> r.kind().equals("joinable")
                ? new JoinableProcessQueue<>(r) : new ProcessQueue<>(r));
    }

    /** A new proxy to {@code queue} even in its host (for tests: the remote path in one JVM). */
    static <T extends ProcessQueue<?>> T proxyOf(T queue) {
        ProxyRef r = ((ProcessQueue<?>) queue).ref;
        @SuppressWarnings("unchecked")
        T proxy = (T) (r.kind().equals("joinable") ? new JoinableProcessQueue<>(r) : new ProcessQueue<>(r));
        return proxy;
    }

    /**
     * Inserts the item, waiting for space to become available if the queue is full. Into an
     * unbounded queue of another process the item is sent in the background and this call
     * returns at once.
     *
     * @throws InterruptedException if interrupted while waiting; the interrupt status is cleared
     * @throws QueueShutDownException if the queue is shut down
     * @throws UncheckedIOException if the item is not serialisable, or the host is gone
     * @throws IllegalStateException if this handle is closed
     */
    public void put(E item) throws InterruptedException {
        Objects.requireNonNull(item, "item");
        open();
        if (local != null) {
            local.put(copy(item));
        } else {
            remote.put(item);
        }
    }

    /**
     * Inserts the item, waiting at most {@code timeout} for space to become available.
     *
     * @throws QueueFullException if the queue is still full when the timeout elapses
     * @throws InterruptedException if interrupted while waiting; the interrupt status is cleared
     * @throws IllegalArgumentException if {@code timeout} is negative
     * @throws QueueShutDownException if the queue is shut down
     */
    public void put(E item, Duration timeout) throws InterruptedException {
        Objects.requireNonNull(item, "item");
        checkTimeout(timeout);
        open();
        if (local != null) {
            local.put(copy(item), timeout);
        } else if (maxsize <= 0) {
            remote.put(item);
        } else {
            remote.call("put", item, timeout);
        }
    }

    /**
     * Inserts the item if there is space now, without waiting.
     *
     * @throws QueueFullException if the queue is full
     * @throws QueueShutDownException if the queue is shut down
     */
    public void putNowait(E item) {
        Objects.requireNonNull(item, "item");
        open();
        if (local != null) {
            local.putNowait(copy(item));
        } else if (maxsize <= 0) {
            try {
                remote.put(item);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RemoteException("interrupted during putNowait");
            }
        } else {
            remote.callQuick("putNowait", item);
        }
    }

    /**
     * Removes and returns the next item, waiting until one is available. The thread lies dormant
     * until an item arrives, the queue is shut down, or it is interrupted.
     *
     * @throws InterruptedException if interrupted while waiting; the interrupt status is cleared
     * @throws QueueShutDownException if the queue is shut down and empty
     * @throws UncheckedIOException if the host is gone
     */
    public E get() throws InterruptedException {
        open();
        return cast(local != null ? local.get() : remote.call("get"));
    }

    /**
     * Removes and returns the next item, waiting at most {@code timeout} for one.
     *
     * @throws QueueEmptyException if no item arrived within the timeout
     * @throws InterruptedException if interrupted while waiting; the interrupt status is cleared
     * @throws IllegalArgumentException if {@code timeout} is negative
     * @throws QueueShutDownException if the queue is shut down and empty
     */
    public E get(Duration timeout) throws InterruptedException {
        checkTimeout(timeout);
        open();
        return cast(local != null ? local.get(timeout) : remote.call("get", timeout));
    }

    /**
     * Removes and returns the next item if there is one now, without waiting.
     *
     * @throws QueueEmptyException if the queue is empty
     */
    public E getNowait() {
        open();
        return cast(local != null ? local.getNowait() : remote.callQuick("getNowait"));
    }

    /** The number of items now ({@code qsize()}). A snapshot. */
    public int qsize() {
        open();
        return local != null ? local.qsize() : (Integer) remote.callQuick("qsize");
    }

    /**
     * Whether the queue is empty now ({@code empty()}). A snapshot. Works on a closed handle that
     * was never used, as CPython's does.
     */
    public boolean isEmpty() {
        if (closed && !used) {
            return local != null ? local.isEmpty() : (Boolean) remote.client.invokeQuick(ref.id(), "isEmpty");
        }
        open();
        return local != null ? local.isEmpty() : (Boolean) remote.callQuick("isEmpty");
    }

    /** Whether the queue is bounded and full now ({@code full()}). A snapshot. */
    public boolean isFull() {
        open();
        return local != null ? local.isFull() : (Boolean) remote.callQuick("isFull");
    }

    /** The capacity; 0 means unbounded ({@code maxsize}). */
    public int maxsize() {
        return maxsize;
    }

    /** Shuts the queue down for every process, letting getters take the items left. */
    public void shutdown() {
        shutdown(false);
    }

    /**
     * Shuts the queue down for every process ({@code shutdown(immediate)}): puts throw {@link
     * QueueShutDownException}; gets return the items left and then throw it, or with {@code
     * immediate} the items left are discarded. Blocked putters and getters are woken with it.
     */
    public void shutdown(boolean immediate) {
        if (local != null) {
            local.shutdown(immediate);
        } else {
            remote.callQuick("shutdown", immediate);
        }
    }

    /** Whether the queue has been shut down ({@code is_shutdown}). */
    public boolean isShutdown() {
        return local != null ? local.isShutdown() : (Boolean) remote.callQuick("isShutdown");
    }

    /**
     * Says that this process will use the queue no more ({@code close()}), waiting until the
     * items it put have been delivered. Later calls through this handle throw {@link
     * IllegalStateException}; the queue itself and other processes' handles are unaffected.
     * Closing twice does nothing.
     */
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (remote != null) {
            try {
                remote.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Shows where the queue is: {@code ProcessQueue[host, maxsize=0, size=3]} or a proxy. */
    @Override
    public String toString() {
        String name = getClass().getSimpleName();
        if (local != null) {
            return name + "[host " + ref.endpoint() + ", maxsize=" + maxsize + ", size="
                    + local.qsize() + (closed ? ", closed" : "") + "]";
        }
        return name + "[proxy to " + ref.endpoint() + "#" + ref.id() + ", maxsize=" + maxsize
                + (closed ? ", closed" : "") + "]";
    }

    /** Call only from the queue methods: counts a use and refuses a closed handle. */
    final void open() {
        if (closed) {
            throw new IllegalStateException("Queue " + this + " is closed");
        }
        used = true;
    }

    final Queue<Object> local() {
        return local;
    }

    final ProxyQueue remote() {
        return remote;
    }

    /** Package-private, not private, so that it applies to the subclass too. */
    final Object writeReplace() throws ObjectStreamException {
        return ref;
    }

    @SuppressWarnings("unchecked")
    private static <E> E cast(Object item) {
        return (E) item;
    }

    static void checkTimeout(Duration timeout) {
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout: " + timeout + " (expected: >= 0)");
        }
    }

    /** The copy a put stores: immutable values as they are, anything else serialised and back. */
    static Object copy(Object item) {
        if (ProxyBatch.isValue(item)) {
            return item;
        }
        try {
            return Codec.standard().decode(Codec.standard().encode(item));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot put " + item.getClass().getName()
                    + ": not serialisable (" + e + ")", e);
        }
    }
}

package io.bingfa.multiprocessing;

import io.bingfa.internal.Timeouts;
import java.io.EOFException;
import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectStreamException;
import java.io.Serial;
import java.io.Serializable;
import java.net.ProtocolException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One end of a {@link Pipe}: Python's {@code multiprocessing.connection.Connection}. Sends and
 * receives whole messages, either objects ({@link #send}, {@link #recv}) or byte arrays
 * ({@link #sendBytes}, {@link #recvBytes}); a message is never merged with another or split, and
 * an empty byte array is a message too.
 *
 * <table class="striped">
 * <caption>Methods and their Python names</caption>
 * <tr><th>Python</th><th>Java</th><th>waits</th></tr>
 * <tr><td>{@code send(obj)}</td><td>{@link #send(Object)}</td><td>only while the peer is not reading and the system's buffer is full</td></tr>
 * <tr><td>{@code recv()}</td><td>{@link #recv()}</td><td>until a message or end of file arrives</td></tr>
 * <tr><td>{@code send_bytes(buf, offset, size)}</td><td>{@link #sendBytes(byte[], int, int)}</td><td>as {@code send}</td></tr>
 * <tr><td>{@code recv_bytes()}</td><td>{@link #recvBytes()}</td><td>as {@code recv}</td></tr>
 * <tr><td>{@code poll(timeout)}</td><td>{@link #poll()}, {@link #poll(Duration)}</td><td>up to the timeout</td></tr>
 * <tr><td>{@code close()}, {@code closed}, {@code readable}, {@code writable}</td>
 *     <td>{@link #close()}, {@link #isClosed()}, {@link #isReadable()}, {@link #isWritable()}</td><td>no</td></tr>
 * </table>
 *
 * <p>Errors: receiving after the other end was closed (or its process exited) throws
 * {@link EOFException}, once the messages sent before are consumed. Using an end that was closed
 * here throws {@link IllegalStateException} {@code "handle is closed"} (Python's {@code OSError});
 * receiving on a send-only end throws {@code IllegalStateException("connection is write-only")}
 * and sending on a receive-only end {@code "connection is read-only"}. {@link #recv()} decodes
 * with the {@link AllowList}: a refused class is a {@link NotAllowedClassException}, the message
 * is consumed and the connection stays usable.
 *
 * <p><b>Passing an end to another process.</b> A connection is {@link Serializable}: pass it to a
 * {@link JvmProcess} as part of its target, or send it through a pipe or a process queue. Only an
 * end that was never used in this JVM can be passed ({@code NotSerializableException} "a
 * Connection that is already in use cannot be sent to another process"); afterwards the copy left
 * here cannot be used ({@code IllegalStateException}), and closing it does not affect the peer,
 * so CPython's habit of closing the child's end after {@code start()} works. An end lives in one
 * process: handing the same unused end to two processes makes the second one's first operation
 * fail with {@code IllegalStateException}.
 *
 * <p><b>Not supported:</b> Python's {@code recv_bytes_into} and {@code fileno()} (Java has no
 * writable buffer protocol nor portable file descriptors), and {@code recv_bytes(maxlength)}.
 * A thread interrupted while blocked in {@code send} closes the connection, as every JDK
 * interruptible channel does. A process that receives an end and is killed before its JVM has
 * read its target leaves the peer waiting (the peer notices the death of any process that has
 * received an end, and of the process that created the pipe).
 *
 * <p><b>Memory consistency effects:</b> messages are copies: the receiver gets a new object
 * decoded from the bytes, never the sender's object, even when both ends are in the same JVM.
 * Within a JVM, actions before {@code send} happen-before the return of the {@code recv} that
 * receives the message. See the {@linkplain io.bingfa.multiprocessing package documentation}.
 */
/*
 * Design. A pipe is a socket pair that is set up lazily, because Java cannot hand a file
 * descriptor to a child JVM. PipeRendezvous is a directory in the creator's runtime directory.
 * The first operation on an end (in whatever JVM it lives) moves it FRESH -> CONNECTING and starts
 * its driver, a virtual thread: the left end binds left.sock (or a loopback TCP port published in
 * left.port) and accepts, the right end waits for the socket and connects, both polling every 1 ms
 * growing to 20 ms, and between polls asking PipeRendezvous.peerStatus whether the peer was closed
 * unconnected (tombstone) or its process died (claim pid, else creator pid). Both sides then run
 * Auth with the pipe's own key (the TCP port is open to every local user), and the driver flushes
 * the messages sent meanwhile (sends never wait for the peer to show up: a.send(x); b.recv() in
 * one thread must work), moves the frames that arrived with the handshake into the inbox, puts
 * the socket in non-blocking mode. From then on the callers use the socket themselves: send
 * writes it, recv and poll read it, recv spinning up to SPIN_NANOS and then waiting on a selector
 * of this end. The driver stays only to read one frame ahead while nobody has received for
 * IDLE_NANOS (readAheadWhileIdle), so a peer's big send completes as it did when the driver read
 * every frame. So a message costs at most one wake-up (the receiving thread's), an interrupted recv or
 * poll leaves the connection usable (a non-blocking channel is not closed by an interrupt, and
 * the selector only wakes up), and poll never consumes part of a message: it reads into this
 * end's buffer and keeps a whole frame in the one-message slot, ready, which recv takes first.
 *
 * States: FRESH -> CONNECTING -> CONNECTED -> CLOSED; FRESH -> SHIPPED (serialised) -> CLOSED;
 * FRESH or CONNECTING -> CLOSED. Closing a CONNECTING end writes the messages not yet sent to
 * <side>.spill and then the tombstone, so the peer still receives them, then EOF (a child may send
 * and exit before the parent ever touches its end); child JVMs close their unconnected ends in an
 * ExitHook. A CONNECTED end is an ordinary socket: the kernel keeps what was sent.
 *
 * Locks: sendLock orders frames and covers the handshake and flush, so close() cannot write a
 * spill file while the peer is being connected (it would never read it). readLock makes recv and
 * poll take turns on the socket. lock guards the state, inbox, socket and selectors; order is
 * readLock -> lock and sendLock -> lock, and nothing waits for I/O while holding lock.
 */
public final class Connection implements AutoCloseable, Serializable {
    @Serial
    private static final long serialVersionUID = 1L;
    private static final System.Logger LOG = System.getLogger(Connection.class.getName());
    private static final long MIN_PAUSE_NANOS = 1_000_000L;
    private static final long MAX_PAUSE_NANOS = 20_000_000L;
    /** Ends of this JVM that are connecting: closed (spilled) when a child JVM exits. */
    private static final Set<Connection> CONNECTING = ConcurrentHashMap.newKeySet();
    private static final AtomicBoolean EXIT_HOOK_ADDED = new AtomicBoolean();
    private static final int BUFFER = 64 << 10;
    /** How long an end must go without recv or poll before its driver reads a frame ahead. */
    private static final long IDLE_NANOS = 10_000_000L;
    /**
     * How long recv retries the socket before sleeping: waking a thread on another, idle CPU
     * costs tens of microseconds on some machines, about what a quick peer takes to answer.
     * Only with two CPUs or more, and only while spinning pays (see spinFailures).
     */
    private static final long SPIN_NANOS = Runtime.getRuntime().availableProcessors() > 1 ? 20_000L : 0L;
    /** After this many long waits in a row, recv spins only now and then. */
    private static final int SPIN_GIVE_UP = 8;
    /** A recv that waited longer than this did not gain from spinning. */
    private static final long SPIN_PAYS_NANOS = 10 * SPIN_NANOS;
    /**
     * Written by every send and read by every recv: the socket gives no happens-before edge in the
     * memory model, this volatile does (the write precedes the read in real time). Its value does
     * not matter.
     */
    private static volatile long messagesSent;

    private enum State { FRESH, CONNECTING, CONNECTED, SHIPPED, CLOSED }

    private final transient PipeRendezvous rendezvous;
    private final transient boolean left;
    private final transient boolean readable;
    private final transient boolean writable;
    /** Non-zero: this copy arrived after another live process had received the same end. */
    private final transient long takenBy;
    private final transient ReentrantLock sendLock = new ReentrantLock();
    private final transient ReentrantLock lock = new ReentrantLock();
    private final transient Condition changed = lock.newCondition();
    /** Guarded by lock. */
    private transient State state = State.FRESH;
    /** Guarded by lock: frames received and not yet taken. */
    private final transient ArrayDeque<byte[]> inbox = new ArrayDeque<>();
    /** Guarded by lock: why no frame will follow those in the inbox. */
    private transient IOException inputEnd;
    /** Guarded by lock: why sending fails. */
    private transient IOException outputEnd;
    /** Guarded by sendLock: frames sent before the connection existed. */
    private final transient List<byte[]> unsent = new ArrayList<>();
    /** Guarded by lock; set once, when CONNECTED. */
    private transient FramedChannel channel;
    /** Guarded by lock; set once, when CONNECTED: channel's socket, in non-blocking mode. */
    private transient SocketChannel socket;
    /** Guarded by lock: woken when the socket is readable or writable; created on first wait. */
    private transient Selector readSelector;
    private transient Selector writeSelector;
    /** Guarded by lock. */
    private transient Thread driver;
    private final transient ReentrantLock readLock = new ReentrantLock();
    /** Guarded by readLock: bytes read from the socket and not yet framed (kept flipped). */
    private transient ByteBuffer readBuffer;
    /** Guarded by readLock: the frame being assembled, and how much of it arrived. */
    private transient byte[] partial;
    private transient int partialFilled;
    /** Guarded by readLock: recv's long waits in a row, and its waits. */
    private transient int spinFailures;
    private transient int waits;
    /** Guarded by lock, written holding readLock: a whole frame read ahead, not yet taken. */
    private transient byte[] ready;
    /** Guarded by lock: threads in recv or poll, and how many ever entered (read-ahead helper). */
    private transient int readers;
    private transient long readerVisits;
    /** Guarded by lock: the helper waits for the readers to leave or the slot to be taken. */
    private transient boolean helperWaiting;
    /** Guarded by lock: the helper's selector. */
    private transient Selector idleSelector;
    /** Guarded by sendLock: the frame being written. */
    private transient ByteBuffer writeBuffer;

    Connection(PipeRendezvous rendezvous, boolean left, boolean readable, boolean writable, long takenBy) {
        this.rendezvous = rendezvous;
        this.left = left;
        this.readable = readable;
        this.writable = writable;
        this.takenBy = takenBy;
    }

    PipeRendezvous rendezvous() {
        return rendezvous;
    }

    // ------------------------------------------------------------------ sending

    /**
     * Sends a copy of {@code message}, encoded with {@link Codec#standard()}; waits only while the
     * peer does not read and the system's buffer is full. A message sent before the peer has
     * connected is kept here and delivered once it does.
     *
     * @param message the object, which must be serialisable; {@code null} is allowed
     * @throws java.io.NotSerializableException if the message is not serialisable
     * @throws IOException if the peer is gone ("broken pipe") or the connection fails
     * @throws IllegalArgumentException if the encoded message is over 256 MiB
     * @throws IllegalStateException if this end is closed, read-only or was sent to another process
     */
    public void send(Object message) throws IOException {
        checkUsable(false);
        byte[] bytes = Codec.standard().encode(message);
        sendFrame(bytes, 0, bytes.length, false);
    }

    /**
     * Sends {@code bytes} as one message; waits as {@link #send(Object)} does.
     *
     * @throws IOException if the peer is gone or the connection fails
     * @throws IllegalStateException if this end is closed, read-only or was sent to another process
     */
    public void sendBytes(byte[] bytes) throws IOException {
        sendBytes(bytes, 0, bytes.length);
    }

    /**
     * Sends {@code bytes[offset, offset + size)} as one message (Python's
     * {@code send_bytes(buf, offset, size)}); waits as {@link #send(Object)} does.
     *
     * @throws IllegalArgumentException if {@code offset} or {@code size} is negative or the range
     *     is outside the array (CPython's messages: "offset is negative", "buffer length &lt;
     *     offset", "size is negative", "buffer length &lt; offset + size")
     * @throws IOException if the peer is gone or the connection fails
     * @throws IllegalStateException if this end is closed, read-only or was sent to another process
     */
    public void sendBytes(byte[] bytes, int offset, int size) throws IOException {
        checkUsable(false);
        int n = bytes.length;
        if (offset < 0) {
            throw new IllegalArgumentException("offset is negative: " + offset);
        }
        if (n < offset) {
            throw new IllegalArgumentException("buffer length < offset: " + n + " < " + offset);
        }
        if (size < 0) {
            throw new IllegalArgumentException("size is negative: " + size);
        }
        if ((long) offset + size > n) {
            throw new IllegalArgumentException("buffer length < offset + size: " + n + " < "
                    + offset + " + " + size);
        }
        sendFrame(bytes, offset, size, true);
    }

    private void sendFrame(byte[] bytes, int offset, int size, boolean copy) throws IOException {
        if (size > FramedChannel.DEFAULT_MAX_FRAME) {
            throw new IllegalArgumentException("message of " + size + " bytes (expected: at most "
                    + FramedChannel.DEFAULT_MAX_FRAME + ")");
        }
        sendLock.lock();
        try {
            SocketChannel sc;
            lock.lock();
            try {
                checkUsableLocked(false);
                startLocked();
                if (outputEnd != null) {
                    throw copyOf(outputEnd);
                }
                sc = socket;
                if (sc == null) {
                    unsent.add(copy || offset != 0 || size != bytes.length
                            ? java.util.Arrays.copyOfRange(bytes, offset, offset + size) : bytes);
                    return;
                }
            } finally {
                lock.unlock();
            }
            messagesSent++;
            writeFrame(sc, bytes, offset, size);
        } finally {
            sendLock.unlock();
        }
    }

    /**
     * Writes one frame through writeBuffer, in pieces of at most its size (a heap buffer handed to
     * a non-blocking channel would be copied whole at every partial write). Call holding sendLock.
     */
    private void writeFrame(SocketChannel sc, byte[] bytes, int offset, int size) throws IOException {
        ByteBuffer out = writeBuffer;
        if (out == null) {
            out = writeBuffer = ByteBuffer.allocateDirect(BUFFER);
        }
        out.clear().putInt(size);
        int done = 0;
        while (true) {
            int n = Math.min(size - done, out.remaining());
            out.put(bytes, offset + done, n);
            done += n;
            out.flip();
            while (out.hasRemaining()) {
                if (sc.write(out) == 0) {
                    awaitWritable(sc);
                }
            }
            if (done == size) {
                return;
            }
            out.clear();
        }
    }

    /**
     * Waits until the socket can take more bytes. An interrupt closes the connection, as it
     * would close any JDK interruptible channel blocked in a write: part of a frame may be sent.
     */
    private void awaitWritable(SocketChannel sc) throws IOException {
        if (Thread.currentThread().isInterrupted()) {
            abandon(sc);
            throw new ClosedByInterruptException();
        }
        try {
            selector(sc, false).select(key -> { }, 0);
        } catch (ClosedSelectorException closing) {
            throw new AsynchronousCloseException();
        }
    }

    // ------------------------------------------------------------------ receiving

    /**
     * Receives the next message and decodes it, waiting until one arrives. The thread lies
     * dormant until a message arrives, the peer is closed or its process exits, or the thread is
     * interrupted.
     *
     * @return the decoded copy of the message ({@code null} if {@code null} was sent)
     * @throws EOFException if there is nothing left to receive and the peer is closed or gone
     * @throws NotAllowedClassException if the message names a class outside the {@link AllowList}
     *     (the message is consumed; the connection stays usable)
     * @throws IOException if the message cannot be decoded or the connection fails
     * @throws InterruptedException if the current thread is interrupted while waiting
     * @throws IllegalStateException if this end is closed, write-only or was sent to another process
     */
    public Object recv() throws IOException, InterruptedException {
        byte[] frame = recvFrame();
        return Codec.standard().decode(frame);
    }

    /**
     * Receives the next message as bytes, waiting as {@link #recv()} does.
     *
     * @return the message, possibly empty
     * @throws EOFException if there is nothing left to receive and the peer is closed or gone
     * @throws IOException if the connection fails
     * @throws InterruptedException if the current thread is interrupted while waiting
     * @throws IllegalStateException if this end is closed, write-only or was sent to another process
     */
    public byte[] recvBytes() throws IOException, InterruptedException {
        return recvFrame();
    }

    private byte[] recvFrame() throws IOException, InterruptedException {
        enterReader();
        try {
            readLock.lockInterruptibly();
        } catch (InterruptedException e) {
            leaveReader();
            throw e;
        }
        try {
            awaitFrame(0, false);
            byte[] frame;
            lock.lock();
            try {
                frame = inbox.poll();
                if (frame == null) {
                    frame = ready;
                    if (frame == null) {
                        throw copyOf(inputEnd);
                    }
                    ready = null;
                    if (helperWaiting) {
                        changed.signalAll();
                    }
                }
            } finally {
                lock.unlock();
            }
            seeSends();
            return frame;
        } finally {
            readLock.unlock();
            leaveReader();
        }
    }

    /** Counts a thread into recv or poll, so the driver does not read ahead meanwhile. */
    private void enterReader() {
        lock.lock();
        try {
            checkUsableLocked(true);
            readers++;
            readerVisits++;
        } finally {
            lock.unlock();
        }
    }

    private void leaveReader() {
        lock.lock();
        try {
            readers--;
            if (helperWaiting) {
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until a frame is in the inbox or the slot, or the input has ended; false if
     * {@code nanos} elapsed first (when timed). Reads the socket once connected. Call holding
     * readLock.
     */
    private boolean awaitFrame(long nanos, boolean timed) throws InterruptedException {
        long deadline = System.nanoTime() + nanos;
        SocketChannel sc;
        lock.lock();
        try {
            checkUsableLocked(true);
            startLocked();
            while (inbox.isEmpty() && inputEnd == null && socket == null) {
                if (!timed) {
                    changed.await();
                } else {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return false;
                    }
                    changed.awaitNanos(left);
                }
                checkUsableLocked(true);
            }
            if (!inbox.isEmpty() || inputEnd != null || ready != null) {
                return true;
            }
            sc = socket;
        } finally {
            lock.unlock();
        }
        long waitedSince = 0;
        while (true) {
            byte[] frame;
            try {
                frame = readFrameNow(sc);
            } catch (IOException e) {
                lock.lock();
                try {
                    checkUsableLocked(true); // closed here: "handle is closed", not the channel's error
                    if (inputEnd == null) {
                        inputEnd = e;
                    }
                    changed.signalAll();
                } finally {
                    lock.unlock();
                }
                return true;
            }
            if (frame != null) {
                lock.lock();
                try {
                    ready = frame;
                } finally {
                    lock.unlock();
                }
                if (waitedSince != 0) {
                    spinFailures = System.nanoTime() - waitedSince > SPIN_PAYS_NANOS ? spinFailures + 1 : 0;
                }
                return true;
            }
            long now = System.nanoTime();
            long left = deadline - now;
            if (timed && left <= 0) {
                return false;
            }
            if (!timed && waitedSince == 0) {
                waitedSince = now;
                if (spinFor(sc)) {
                    continue;
                }
            }
            awaitReadable(sc, timed ? left : -1);
        }
    }

    /**
     * Retries the socket for up to SPIN_NANOS; true if it became readable (or failed), false if
     * the caller should sleep. Spins unless the last SPIN_GIVE_UP waits were all long (a slow
     * peer), then once in 64 waits to notice a peer that became quick. Call holding readLock.
     */
    private boolean spinFor(SocketChannel sc) {
        if (SPIN_NANOS == 0 || (spinFailures >= SPIN_GIVE_UP && (++waits & 63) != 0)) {
            return false;
        }
        ByteBuffer in = readBuffer;
        long start = System.nanoTime();
        do {
            Thread.onSpinWait();
            in.compact();
            int read;
            try {
                read = sc.read(in);
            } catch (IOException e) {
                return true; // the next readFrameNow reports it
            } finally {
                in.flip();
            }
            if (read != 0) {
                return true;
            }
        } while (System.nanoTime() - start < SPIN_NANOS);
        return false;
    }

    /**
     * Returns the next frame if the bytes buffered and those the socket has now complete it, else
     * null; never waits. Call holding readLock.
     */
    private byte[] readFrameNow(SocketChannel sc) throws IOException {
        ByteBuffer in = readBuffer;
        if (in == null) {
            in = readBuffer = ByteBuffer.allocateDirect(BUFFER).flip();
        }
        while (true) {
            if (partial == null && in.remaining() >= 4) {
                int length = in.getInt();
                if (length < 0 || length > FramedChannel.DEFAULT_MAX_FRAME) {
                    abandon(sc);
                    throw new ProtocolException("frame length " + Integer.toUnsignedString(length)
                            + " is over the limit of " + FramedChannel.DEFAULT_MAX_FRAME
                            + " bytes; connection closed");
                }
                partial = new byte[length];
                partialFilled = 0;
            }
            if (partial != null) {
                int n = Math.min(partial.length - partialFilled, in.remaining());
                in.get(partial, partialFilled, n);
                partialFilled += n;
                if (partialFilled == partial.length) {
                    byte[] frame = partial;
                    partial = null;
                    return frame;
                }
            }
            in.compact();
            int read;
            try {
                read = sc.read(in);
            } finally {
                in.flip();
            }
            if (read < 0) {
                if (partial == null && !in.hasRemaining()) {
                    throw new EOFException("connection closed");
                }
                throw new EOFException("connection closed inside a frame (got "
                        + (partial == null ? in.remaining() : partialFilled) + " of "
                        + (partial == null ? 4 : partial.length) + " bytes)");
            }
            if (read == 0) {
                return null;
            }
        }
    }

    /** Waits up to nanos (negative: no limit) for the socket to be readable, or a wake-up. */
    private void awaitReadable(SocketChannel sc, long nanos) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        long millis = nanos < 0 ? 0 : Math.max(1, (nanos + 999_999) / 1_000_000);
        try {
            selector(sc, true).select(key -> { }, millis);
        } catch (ClosedSelectorException | IOException closing) {
            checkUsable(true); // closed: the caller's next read fails or sees the state
        }
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
    }

    /** The volatile read that pairs with the senders' write (see messagesSent). */
    @SuppressWarnings("unused")
    private static void seeSends() {
        long ignored = messagesSent;
    }

    /**
     * This end's selector for reading or writing (the driver has its own for reading), registered
     * with the socket.
     */
    private Selector selector(SocketChannel sc, boolean reading) throws ClosedSelectorException {
        return selector(sc, reading, false);
    }

    private Selector selector(SocketChannel sc, boolean reading, boolean forDriver) {
        lock.lock();
        try {
            Selector selector = forDriver ? idleSelector : reading ? readSelector : writeSelector;
            if (selector != null) {
                return selector;
            }
            if (state == State.CLOSED) {
                throw new ClosedSelectorException();
            }
            try {
                selector = Selector.open();
                sc.register(selector, reading ? SelectionKey.OP_READ : SelectionKey.OP_WRITE);
            } catch (IOException e) {
                closeQuietly(selector);
                throw new java.io.UncheckedIOException("cannot wait for a pipe: " + e.getMessage(), e);
            }
            if (forDriver) {
                idleSelector = selector;
            } else if (reading) {
                readSelector = selector;
            } else {
                writeSelector = selector;
            }
            return selector;
        } finally {
            lock.unlock();
        }
    }

    /** Closes the socket and the selectors, which also releases the socket's descriptor. */
    private void abandon(SocketChannel sc) {
        Selector r;
        Selector w;
        Selector d;
        lock.lock();
        try {
            r = readSelector;
            w = writeSelector;
            d = idleSelector;
            closeQuietly(sc);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        closeQuietly(r);
        closeQuietly(w);
        closeQuietly(d);
    }

    /**
     * Returns whether a message (or end of file) is ready to receive, without waiting.
     *
     * @return {@code true} if {@link #recv()} would return or throw {@link EOFException} at once
     * @throws IOException never in this implementation (declared for symmetry with Python's
     *     {@code poll}, which can fail)
     * @throws IllegalStateException if this end is closed, write-only or was sent to another process
     */
    public boolean poll() throws IOException {
        try {
            return poll(Duration.ZERO);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // poll() does not wait, so it cannot be interrupted
            return readyNow();
        }
    }

    /**
     * Returns whether a message (or end of file) is ready to receive, waiting up to
     * {@code timeout} for one. The thread lies dormant until a whole message arrives, the peer is
     * closed or gone, the timeout elapses, or the thread is interrupted. Never consumes a message
     * or part of one. Python's {@code poll(-1)} (do not wait) is {@code poll(Duration.ZERO)} or
     * {@link #poll()}: a negative timeout is refused, as everywhere in bingfa.
     *
     * @param timeout how long to wait; {@code Duration.ZERO} does not wait
     * @return {@code true} if {@link #recv()} would return or throw {@link EOFException} at once,
     *     {@code false} if the timeout elapsed first
     * @throws IOException never in this implementation
     * @throws InterruptedException if the current thread is interrupted while waiting
     * @throws IllegalStateException if this end is closed, write-only or was sent to another process
     * @throws IllegalArgumentException if {@code timeout} is negative
     */
    public boolean poll(Duration timeout) throws IOException, InterruptedException {
        long nanos = Timeouts.toNanos(timeout);
        long deadline = System.nanoTime() + nanos;
        enterReader();
        try {
            boolean locked = nanos == 0 ? readLock.tryLock() : readLock.tryLock(nanos, TimeUnit.NANOSECONDS);
            if (!locked) { // a recv or poll in another thread, or the driver, is reading
                return readyNow();
            }
            try {
                return awaitFrame(deadline - System.nanoTime(), true);
            } finally {
                readLock.unlock();
            }
        } finally {
            leaveReader();
        }
    }

    /** Whether the inbox holds a frame or the input has ended; starts connecting if fresh. */
    private boolean readyNow() {
        lock.lock();
        try {
            checkUsableLocked(true);
            startLocked();
            return !inbox.isEmpty() || inputEnd != null || ready != null;
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------ state

    /**
     * Closes this end, without waiting for the peer. Messages sent before are still delivered;
     * the peer's receives then throw {@link EOFException}. Closing the copy of an end that was sent
     * to another process only marks the copy closed. Closing twice does nothing.
     */
    @Override
    public void close() {
        SocketChannel connected = null;
        lock.lock();
        try {
            if (state == State.CLOSED) {
                return;
            }
            if (state == State.CONNECTED) { // the kernel has what was sent; no files to write
                state = State.CLOSED;
                changed.signalAll();
                connected = socket;
            }
        } finally {
            lock.unlock();
        }
        if (connected != null) {
            abandon(connected); // also wakes a recv, poll or send waiting on a selector
            return;
        }
        sendLock.lock(); // no handshake or flush in progress from here on
        try {
            lock.lock();
            try {
                State was = state;
                if (was == State.CLOSED) {
                    return;
                }
                state = State.CLOSED;
                changed.signalAll();
                if (was == State.CONNECTED) {
                    connected = socket;
                } else {
                    if (driver != null) {
                        driver.interrupt(); // cut its pause short; it only sleeps, polls and connects
                    }
                    CONNECTING.remove(this);
                    boolean peerEnded = outputEnd != null;
                    if (was == State.SHIPPED || takenBy != 0 || peerEnded) {
                        return;
                    }
                }
            } finally {
                lock.unlock();
            }
            if (connected != null) {
                abandon(connected);
                return;
            }
            try {
                rendezvous.closeUnconnected(left, unsent);
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "cannot mark a pipe end closed in "
                        + rendezvous.dir() + "; its peer will wait until this process exits", e);
            }
            unsent.clear();
        } finally {
            sendLock.unlock();
        }
    }

    /** Whether {@link #close()} was called on this end (Python's {@code closed}). */
    public boolean isClosed() {
        lock.lock();
        try {
            return state == State.CLOSED;
        } finally {
            lock.unlock();
        }
    }

    /** Whether this end can receive (Python's {@code readable}). */
    public boolean isReadable() {
        return readable;
    }

    /** Whether this end can send (Python's {@code writable}). */
    public boolean isWritable() {
        return writable;
    }

    /** Shows which end this is and its state: {@code Connection[left, connected, read-write]}. */
    @Override
    public String toString() {
        State s;
        lock.lock();
        try {
            s = state;
        } finally {
            lock.unlock();
        }
        String mode = readable && writable ? "read-write" : readable ? "read-only" : "write-only";
        return "Connection[" + PipeRendezvous.side(left) + ", " + s.name().toLowerCase(java.util.Locale.ROOT)
                + ", " + mode + "]";
    }

    private void checkUsable(boolean receiving) {
        lock.lock();
        try {
            checkUsableLocked(receiving);
        } finally {
            lock.unlock();
        }
    }

    /** Call only when holding lock. */
    private void checkUsableLocked(boolean receiving) {
        if (state == State.CLOSED) {
            throw new IllegalStateException("handle is closed");
        }
        if (receiving && !readable) {
            throw new IllegalStateException("connection is write-only");
        }
        if (!receiving && !writable) {
            throw new IllegalStateException("connection is read-only");
        }
        if (state == State.SHIPPED) {
            throw new IllegalStateException("this end of the pipe was sent to another process;"
                    + " use it there");
        }
        if (takenBy != 0) {
            throw new IllegalStateException("this end of the pipe was already received by process "
                    + takenBy + "; an end can be used by one process only");
        }
    }

    private static IOException copyOf(IOException end) {
        if (end instanceof EOFException) {
            return new EOFException(end.getMessage());
        }
        return new IOException(end.getMessage(), end);
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c != null) {
            try {
                c.close();
            } catch (Exception ignored) {
                // closing
            }
        }
    }

    // ------------------------------------------------------------------ the driver

    /** Starts connecting on the first operation. Call only when holding lock. */
    private void startLocked() {
        if (state != State.FRESH) {
            return;
        }
        state = State.CONNECTING;
        CONNECTING.add(this);
        if (EXIT_HOOK_ADDED.compareAndSet(false, true)) {
            ExitHooks.add(Connection::closeConnecting);
        }
        driver = Thread.ofVirtual().name("bingfa-pipe-" + PipeRendezvous.side(left)).start(this::drive);
    }

    /** At a child JVM's exit: hands over what unconnected ends still hold, and closes them. */
    private static void closeConnecting() {
        for (Connection c : List.copyOf(CONNECTING)) {
            c.close();
        }
    }

    private boolean isClosedNow() {
        lock.lock();
        try {
            return state == State.CLOSED;
        } finally {
            lock.unlock();
        }
    }

    private void drive() {
        try {
            connect();
        } catch (IOException | RuntimeException e) {
            IOException failure = e instanceof IOException io ? io
                    : new IOException("cannot connect the pipe: " + e, e);
            end(failure, failure, List.of());
            return;
        }
        SocketChannel sc;
        lock.lock();
        try {
            sc = socket;
        } finally {
            lock.unlock();
        }
        if (sc != null) {
            readAheadWhileIdle(sc);
        }
    }

    /**
     * Reads one frame ahead into the slot while nobody has called recv or poll for IDLE_NANOS, as
     * a peer's send of a message larger than the system's buffer must complete even if this end
     * receives only later (a.send(big); b.recv() in one thread; a child that sends its result and
     * exits before the parent receives). It never holds readLock while waiting, and stays out of
     * the way of a busy end: at most two wake-ups per IDLE_NANOS then, none while idle.
     */
    private void readAheadWhileIdle(SocketChannel sc) {
        long seen = -1;
        boolean rested = false;
        while (true) {
            lock.lock();
            try {
                while (true) {
                    if (state == State.CLOSED || inputEnd != null) {
                        return;
                    }
                    boolean busy = readers > 0 || ready != null;
                    if (busy && rested) { // wait for the last reader to leave or the slot to empty
                        helperWaiting = true;
                        changed.awaitUninterruptibly();
                        helperWaiting = false;
                        rested = false;
                    } else if (!busy && readerVisits == seen) {
                        break; // quiet for IDLE_NANOS
                    } else {
                        seen = readerVisits;
                        try {
                            changed.awaitNanos(IDLE_NANOS);
                        } catch (InterruptedException ignored) {
                            // nobody interrupts this thread once connected; the loop re-checks
                        }
                        rested = true;
                    }
                }
            } finally {
                lock.unlock();
            }
            try {
                selector(sc, true, true).select(key -> { }, 0);
            } catch (ClosedSelectorException | IOException closing) {
                return;
            }
            lock.lock();
            try {
                if (readers > 0 || readerVisits != seen || ready != null) {
                    continue;
                }
            } finally {
                lock.unlock();
            }
            if (!readLock.tryLock()) {
                continue;
            }
            try {
                byte[] frame = readFrameNow(sc);
                if (frame != null) {
                    lock.lock();
                    try {
                        ready = frame;
                    } finally {
                        lock.unlock();
                    }
                }
            } catch (IOException e) {
                lock.lock();
                try {
                    if (state != State.CLOSED && inputEnd == null) {
                        inputEnd = e;
                        changed.signalAll();
                    }
                } finally {
                    lock.unlock();
                }
                return;
            } finally {
                readLock.unlock();
            }
        }
    }

    /** Returns the connected channel, or null if this end was closed or the peer ended first. */
    private FramedChannel connect() throws IOException {
        long pause = MIN_PAUSE_NANOS;
        ServerSocketChannel server = null;
        Endpoint bound = null;
        try {
            while (!isClosedNow()) {
                SocketChannel candidate = null;
                if (left) {
                    if (server == null) {
                        bound = rendezvous.listenEndpoint();
                        server = bound.bind();
                        server.configureBlocking(false);
                        if (!bound.isUnix()) {
                            rendezvous.publishPort(Endpoint.of(server).port());
                        }
                    }
                    candidate = server.accept();
                    if (candidate != null) {
                        candidate.configureBlocking(true);
                        if (!bound.isUnix()) {
                            candidate.setOption(StandardSocketOptions.TCP_NODELAY, true);
                        }
                    }
                } else {
                    Endpoint at = rendezvous.connectEndpoint();
                    if (at != null) {
                        try {
                            candidate = at.connect();
                        } catch (IOException notListeningYet) {
                            candidate = null; // bound but not listening, or just closed
                        }
                    }
                }
                if (candidate != null) {
                    FramedChannel ch = handshake(candidate);
                    if (ch != null) {
                        return ch;
                    }
                }
                var status = rendezvous.peerStatus(left);
                if (status != PipeRendezvous.PeerStatus.WAITING) {
                    peerEnded(status);
                    return null;
                }
                try {
                    Thread.sleep(Duration.ofNanos(pause));
                } catch (InterruptedException closing) {
                    // close() interrupts; the loop condition sees it
                }
                pause = Math.min(pause * 2, MAX_PAUSE_NANOS);
            }
            return null;
        } finally {
            closeQuietly(server);
            if (bound != null) {
                bound.unlink();
            }
        }
    }

    /** Authenticates a fresh connection and flushes the unsent frames; null to keep waiting. */
    private FramedChannel handshake(SocketChannel candidate) throws IOException {
        sendLock.lock();
        try {
            if (isClosedNow()) {
                closeQuietly(candidate);
                return null;
            }
            var ch = new FramedChannel(candidate);
            try {
                if (left) {
                    Auth.accept(ch, rendezvous.key());
                } else {
                    Auth.connect(ch, rendezvous.key());
                }
            } catch (AuthenticationException wrongPeer) {
                closeQuietly(candidate);
                if (left) {
                    return null; // a stranger on the TCP port; keep listening
                }
                throw wrongPeer;
            } catch (IOException peerWentAway) {
                closeQuietly(candidate);
                return null; // the peer closed or died meanwhile: peerStatus will say so
            }
            try {
                for (byte[] frame : unsent) {
                    ch.write(frame);
                }
            } catch (IOException peerWentAway) {
                closeQuietly(candidate);
                end(new EOFException("connection closed"), peerWentAway, List.of());
                unsent.clear();
                throw peerWentAway;
            }
            unsent.clear();
            // Frames that arrived with the handshake are in ch's buffer: move them to the inbox,
            // then recv reads the socket itself, from a frame boundary.
            List<byte[]> early = new ArrayList<>();
            try {
                while (ch.hasBuffered()) {
                    early.add(ch.read());
                }
                candidate.configureBlocking(false);
            } catch (IOException e) {
                closeQuietly(candidate);
                end(e, new IOException("broken pipe: " + e.getMessage(), e), early);
                return ch; // ends the driver; recv sees the frames, then the error
            }
            lock.lock();
            try {
                if (state == State.CLOSED) {
                    closeQuietly(candidate);
                    return null;
                }
                inbox.addAll(early);
                channel = ch;
                socket = candidate;
                state = State.CONNECTED;
                CONNECTING.remove(this);
                changed.signalAll();
            } finally {
                lock.unlock();
            }
            if (!left) {
                rendezvous.remove(); // both ends are connected: the files have served
            }
            return ch;
        } finally {
            sendLock.unlock();
        }
    }

    private void peerEnded(PipeRendezvous.PeerStatus status) {
        ArrayDeque<byte[]> spilled = new ArrayDeque<>();
        IOException in;
        if (status == PipeRendezvous.PeerStatus.CLOSED) {
            in = new EOFException("the other end of the pipe was closed");
            try {
                spilled = rendezvous.readSpill(left);
            } catch (IOException e) {
                in = e;
            }
        } else {
            in = new EOFException("the process holding the other end of the pipe has exited");
        }
        sendLock.lock();
        try {
            unsent.clear();
        } finally {
            sendLock.unlock();
        }
        end(in, new IOException("broken pipe: " + in.getMessage()), spilled);
    }

    private void end(IOException in, IOException out, java.util.Collection<byte[]> frames) {
        lock.lock();
        try {
            inbox.addAll(frames);
            if (inputEnd == null) {
                inputEnd = in;
            }
            if (outputEnd == null) {
                outputEnd = out;
            }
            CONNECTING.remove(this);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------ serialisation

    @Serial
    private Object writeReplace() throws ObjectStreamException {
        lock.lock();
        try {
            switch (state) {
                case FRESH, SHIPPED -> {
                    state = State.SHIPPED;
                    return new ConnSerialForm(rendezvous, left, readable, writable, PipeRendezvous.PID);
                }
                case CLOSED -> throw new NotSerializableException(
                        "a closed Connection cannot be sent to another process");
                default -> throw new NotSerializableException(
                        "a Connection that is already in use cannot be sent to another process");
            }
        } finally {
            lock.unlock();
        }
    }

    @Serial
    private void readObject(ObjectInputStream in) throws IOException {
        throw new InvalidObjectException("a Connection is deserialised through its serial form");
    }
}

package io.bingfa.asyncio;

import java.io.IOException;
import java.util.concurrent.CancellationException;

/**
 * Python's {@code asyncio.StreamReader}: the bytes a connection has received, read by one task of
 * its loop at a time. Made by {@link Asyncio#openConnection} and {@link Asyncio#startServer}; a
 * reader made with {@code new StreamReader()} is fed by hand ({@link #feedData}, {@link #feedEof}).
 *
 * <table class="striped">
 * <caption>Method forms</caption>
 * <tr><th>Python</th><th>Java</th><th>returns, at the end of the stream</th></tr>
 * <tr><td>{@code await read(n)}</td><td>{@link #read(int)}</td><td>what is left, then an empty array</td></tr>
 * <tr><td>{@code await readline()}</td><td>{@link #readLine()}</td><td>the partial last line, then an empty array</td></tr>
 * <tr><td>{@code await readexactly(n)}</td><td>{@link #readExactly(int)}</td><td>throws {@link IncompleteReadException}</td></tr>
 * <tr><td>{@code await readuntil(sep)}</td><td>{@link #readUntil(byte[])}</td><td>throws {@link IncompleteReadException}</td></tr>
 * <tr><td>{@code at_eof()}, {@code exception()}</td><td>{@link #atEof()}, {@link #exception()}</td><td>no wait</td></tr>
 * </table>
 *
 * <p>Each read waits only when the buffer cannot answer it yet: the task lies dormant until data or
 * the end of the stream arrives, the connection fails (the read throws that {@link IOException}), or
 * the task is cancelled. A cancelled read consumes nothing: what arrived stays in the buffer for the
 * next read, and the connection stays usable.
 *
 * <p>The limit (default {@value #DEFAULT_LIMIT} bytes) bounds {@link #readLine()} and
 * {@link #readUntil(byte[])} (a longer line is a {@link LimitOverrunException}) and is the flow-control
 * mark: when more than twice the limit is buffered, the loop stops reading the socket until a read
 * brings it down to the limit. {@link #read(int)} and {@link #readExactly(int)} are not bounded by it.
 *
 * <p>A reader is loop-confined: it binds to the loop that made it (or, for {@code new StreamReader()},
 * to the loop of its first use); any other thread gets an {@link IllegalStateException}.
 * {@code toString()} shows the state: {@code StreamReader[12 bytes, eof]}.
 *
 * <p><b>Memory consistency effects:</b> as for the package's other loop-confined types; see the
 * package documentation.
 */
/*
 * One waiter at most (Python's rule: two tasks reading one stream at once is a bug), created per wait
 * and woken by feedData/feedEof/setException; a failure is stored and rethrown by the read, not set on
 * the waiter, so a waiter is only ever given a plain result. Flow control goes through the transport:
 * pauseReading when the buffer passes 2 x limit, resumeReading when a read brings it to the limit or
 * when a read must wait for more.
 */
public final class StreamReader extends LoopBound {
    /** The default limit, 64 KiB (Python's {@code _DEFAULT_LIMIT}). */
    public static final int DEFAULT_LIMIT = 64 * 1024;
    private static final byte[] EMPTY = new byte[0];
    private static final byte[] NEWLINE = {'\n'};

    private final int limit;
    private final StreamBuffer buffer = new StreamBuffer();
    private SocketTransport transport;
    private boolean eof;
    private boolean paused;
    private Throwable exception;
    private Future<Void> waiter;

    /** A reader with the default limit, fed by hand, bound to the loop of its first use. */
    public StreamReader() {
        this(DEFAULT_LIMIT);
    }

    /**
     * A reader with the given limit, fed by hand, bound to the loop of its first use.
     *
     * @throws IllegalArgumentException if {@code limit <= 0}
     */
    public StreamReader(int limit) {
        this.limit = checkLimit(limit);
    }

    StreamReader(EventLoop loop, int limit) {
        super(loop);
        this.limit = checkLimit(limit);
    }

    static int checkLimit(int limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("Limit cannot be <= 0: " + limit + " (expected: > 0)");
        }
        return limit;
    }

    void setTransport(SocketTransport transport) {
        this.transport = transport;
    }

    /** The limit given at construction. */
    public int limit() {
        return limit;
    }

    // ------------------------------------------------------------------ the protocol side

    /**
     * Appends {@code data} for the reads to return and wakes a waiting read, never waiting.
     *
     * @throws IllegalStateException after {@link #feedEof()}
     */
    public void feedData(byte[] data) {
        feedData(data, 0, data.length);
    }

    void feedData(byte[] data, int offset, int length) {
        checkLoop();
        if (eof) {
            throw new IllegalStateException("feedData after feedEof");
        }
        if (length == 0) {
            return;
        }
        buffer.append(data, offset, length);
        wakeWaiter();
        if (transport != null && !paused && buffer.size() > 2L * limit) {
            paused = true;
            transport.pauseReading();
        }
    }

    /** Marks the end of the stream and wakes a waiting read, never waiting. */
    public void feedEof() {
        checkLoop();
        eof = true;
        wakeWaiter();
    }

    /**
     * Makes every later read throw {@code failure} (after nothing: buffered data is not returned
     * first, as in Python) and wakes a waiting read with it, never waiting.
     */
    public void setException(Throwable failure) {
        checkLoop();
        exception = java.util.Objects.requireNonNull(failure, "failure");
        wakeWaiter();
    }

    /** The failure given to {@link #setException}, or null. */
    public Throwable exception() {
        return exception;
    }

    /** Whether the end of the stream was fed and every byte read. */
    public boolean atEof() {
        return eof && buffer.isEmpty();
    }

    /** How many bytes are buffered (a snapshot outside the loop). */
    public int buffered() {
        return buffer.size();
    }

    private void wakeWaiter() {
        Future<Void> w = waiter;
        if (w != null) {
            waiter = null;
            if (!w.isDone()) {
                w.setResult(null);
            }
        }
    }

    private void maybeResumeReading() {
        if (paused && buffer.size() <= limit) {
            paused = false;
            transport.resumeReading();
        }
    }

    /** Waits until data, the end of the stream or a failure arrives. Call only in a task of the loop. */
    private void waitForData(String what) throws IOException {
        if (waiter != null) {
            throw new IllegalStateException(what + "() called while another task is already waiting"
                    + " for incoming data");
        }
        if (eof) {
            throw new IllegalStateException(what + "(): waiting for data after the end of the stream");
        }
        if (paused) { // the buffer cannot answer: read more even though it is over the mark
            paused = false;
            transport.resumeReading();
        }
        EventLoop loop = checkLoop();
        Future<Void> w = loop.createFuture();
        waiter = w;
        try {
            await(w, "StreamReader." + what + "()");
        } finally {
            if (waiter == w) {
                waiter = null;
            }
        }
        throwIfFailed();
    }

    /** Throws the failure given to {@link #setException}, if any, as the reads throw it. */
    void throwIfFailed() throws IOException {
        Throwable e = exception;
        if (e == null) {
            return;
        }
        if (e instanceof IOException io) {
            throw io;
        }
        if (e instanceof RuntimeException r) {
            throw r;
        }
        if (e instanceof Error err) {
            throw err;
        }
        throw new IOException(e);
    }

    // ------------------------------------------------------------------ reads

    /**
     * Reads up to {@code n} bytes, waiting until at least one is buffered or the stream ends (Python's
     * {@code read(n)}); {@code n == -1} reads until the end of the stream. Returns an empty array at
     * the end of the stream and for {@code n == 0} (without waiting).
     *
     * @throws IOException the connection's failure
     * @throws CancellationException if the task is cancelled while waiting (nothing is consumed)
     * @throws IllegalArgumentException if {@code n < -1}
     * @throws IllegalStateException if it must wait and the caller is not a task of the loop, or
     *     another task is waiting on this reader
     */
    public byte[] read(int n) throws IOException {
        checkLoop();
        if (n < -1) {
            throw new IllegalArgumentException("n: " + n + " (expected: -1 for all, or >= 0)");
        }
        throwIfFailed();
        if (n == 0) {
            return EMPTY;
        }
        if (n == -1) {
            java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
            while (true) {
                byte[] block = read(limit);
                if (block.length == 0) {
                    return all.toByteArray();
                }
                all.writeBytes(block);
            }
        }
        if (buffer.isEmpty() && !eof) {
            waitForData("read");
        }
        byte[] data = buffer.take(Math.min(n, buffer.size()));
        maybeResumeReading();
        return data;
    }

    /**
     * Reads one line, through its {@code '\n'}, waiting until it is all buffered (Python's
     * {@code readline()}). At the end of the stream returns the partial last line, then an empty
     * array.
     *
     * @throws LimitOverrunException if the line is longer than the limit; unlike
     *     {@link #readUntil(byte[])}, the over-long data is discarded (through the line's end if it
     *     is buffered, else all of it), as Python's {@code readline} does before raising ValueError
     * @throws IOException the connection's failure
     * @throws CancellationException if the task is cancelled while waiting (nothing is consumed)
     */
    public byte[] readLine() throws IOException {
        try {
            return readUntil(NEWLINE);
        } catch (IncompleteReadException e) {
            return e.partial();
        } catch (LimitOverrunException e) {
            if (buffer.startsWith(NEWLINE, e.consumed())) {
                buffer.skip(e.consumed() + NEWLINE.length);
            } else {
                buffer.clear();
            }
            maybeResumeReading();
            throw e;
        }
    }

    /**
     * Reads through the first {@code separator}, waiting until it is buffered (Python's
     * {@code readuntil(separator)}); the result ends with the separator.
     *
     * @throws IncompleteReadException if the stream ends first: its {@code partial()} is all the
     *     data that was left (consumed), {@code expected()} is empty
     * @throws LimitOverrunException if the separator is not within the limit; the data stays buffered
     * @throws IOException the connection's failure
     * @throws IllegalArgumentException if {@code separator} is empty
     * @throws CancellationException if the task is cancelled while waiting (nothing is consumed)
     */
    public byte[] readUntil(byte[] separator) throws IOException {
        checkLoop();
        if (separator.length == 0) {
            throw new IllegalArgumentException("Separator should be at least one-byte string");
        }
        throwIfFailed();
        int offset = 0;
        int found;
        while (true) {
            int size = buffer.size();
            if (size - offset >= separator.length) {
                found = buffer.indexOf(separator, offset);
                if (found != -1) {
                    break;
                }
                offset = size + 1 - separator.length; // a separator may straddle the next chunk
                if (offset > limit) {
                    throw new LimitOverrunException("Separator is not found, and chunk exceed the limit",
                            offset);
                }
            }
            if (eof) {
                byte[] chunk = buffer.take(buffer.size());
                throw new IncompleteReadException(chunk, -1);
            }
            waitForData("readUntil");
        }
        if (found > limit) {
            throw new LimitOverrunException("Separator is found, but chunk is longer than limit", found);
        }
        byte[] chunk = buffer.take(found + separator.length);
        maybeResumeReading();
        return chunk;
    }

    /**
     * Reads exactly {@code n} bytes, waiting until they are buffered (Python's
     * {@code readexactly(n)}).
     *
     * @throws IncompleteReadException if the stream ends first: its {@code partial()} is what was
     *     left (consumed), {@code expected()} is {@code n}
     * @throws IllegalArgumentException if {@code n < 0}
     * @throws IOException the connection's failure
     * @throws CancellationException if the task is cancelled while waiting (nothing is consumed)
     */
    public byte[] readExactly(int n) throws IOException {
        checkLoop();
        if (n < 0) {
            throw new IllegalArgumentException("readExactly size can not be less than zero: " + n);
        }
        throwIfFailed();
        if (n == 0) {
            return EMPTY;
        }
        while (buffer.size() < n) {
            if (eof) {
                byte[] partial = buffer.take(buffer.size());
                throw new IncompleteReadException(partial, n);
            }
            waitForData("readExactly");
        }
        byte[] data = buffer.take(n);
        maybeResumeReading();
        return data;
    }

    /** Shows the state: {@code StreamReader[12 bytes, eof, paused]}. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("StreamReader[").append(buffer.size()).append(" bytes");
        if (eof) {
            b.append(", eof");
        }
        if (limit != DEFAULT_LIMIT) {
            b.append(", limit=").append(limit);
        }
        if (exception != null) {
            b.append(", exception=").append(exception);
        }
        if (waiter != null) {
            b.append(", waiting");
        }
        if (paused) {
            b.append(", paused");
        }
        return b.append(']').toString();
    }
}

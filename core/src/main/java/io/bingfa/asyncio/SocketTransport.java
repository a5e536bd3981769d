package io.bingfa.asyncio;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * One connected, non-blocking {@link SocketChannel} on an {@link EventLoop}'s selector (Python's
 * {@code _SelectorSocketTransport} and the stream protocol in one): feeds what it reads to a
 * {@link StreamReader}, buffers what the socket does not take at once, and tells writers when to
 * wait. Loop-confined.
 */
/*
 * States: OPEN -> CLOSING (close/abort/failure; no more reads, the write buffer drains unless
 * aborted) -> LOST (channel closed, reader fed EOF or the failure, waiters woken, closed future done).
 * The loss runs as a callSoon callback, never inside the caller's stack, as in CPython.
 *
 * Writes go straight to the socket while nothing is buffered; the rest is copied (the caller may
 * reuse its array) into a queue written with gathering writes when the selector says writable.
 * Back-pressure: above the high-water mark writing is "paused" and drain() waits; at or below the
 * low-water mark every drain waiter is released.
 */
final class SocketTransport {
    static final int HIGH_WATER = 64 * 1024;
    static final int LOW_WATER = HIGH_WATER / 4;
    private static final int GATHER = 64;

    final EventLoop loop;
    final SocketChannel channel;
    private final StreamReader reader;
    private final ArrayDeque<ByteBuffer> pending = new ArrayDeque<>();
    private final List<Future<Void>> drainWaiters = new ArrayList<>();
    private final Future<Void> closed;
    private final Runnable writable = this::onWritable;
    private long pendingBytes;
    private int highWater = HIGH_WATER;
    private int lowWater = LOW_WATER;
    private boolean writingPaused;
    private boolean readingPaused;
    private boolean closing;
    private boolean eofPending;
    private boolean eofWritten;
    private boolean eofReceived;
    private boolean lost;
    private Throwable lostCause;
    private Runnable onLost;

    SocketTransport(EventLoop loop, SocketChannel channel, StreamReader reader) {
        this.loop = loop;
        this.channel = channel;
        this.reader = reader;
        this.closed = loop.createFuture();
        reader.setTransport(this);
    }

    /** A transport (not yet reading) for a connected channel, with a new reader of {@code limit}. */
    static SocketTransport open(EventLoop loop, SocketChannel channel, int limit) throws IOException {
        Sockets.configure(channel);
        return new SocketTransport(loop, channel, new StreamReader(loop, limit));
    }

    /** Starts reading. */
    void start() {
        loop.addReader(channel, this::onReadable);
    }

    /** Runs {@code hook} once, when the connection is lost (a server's bookkeeping). */
    void onLost(Runnable hook) {
        this.onLost = hook;
    }

    StreamReader reader() {
        return reader;
    }

    // ------------------------------------------------------------------ reading

    private void onReadable() {
        if (lost) {
            return;
        }
        ByteBuffer buf = loop.readBuffer();
        int n;
        try {
            n = channel.read(buf);
        } catch (IOException e) {
            fatal(e);
            return;
        }
        if (n > 0) {
            reader.feedData(buf.array(), 0, n);
        } else if (n < 0) {
            eofReceived = true;
            loop.removeReader(channel);
            reader.feedEof();
            if (eofWritten || closing) {
                close(); // both directions done
            }
        }
    }

    void pauseReading() {
        if (!readingPaused && !closing) {
            readingPaused = true;
            loop.removeReader(channel);
        }
    }

    void resumeReading() {
        if (readingPaused) {
            readingPaused = false;
            if (!closing && !eofReceived) {
                loop.addReader(channel, this::onReadable);
            }
        }
    }

    // ------------------------------------------------------------------ writing

    /** Sends {@code data} (or buffers what the socket does not take), never waiting. */
    void write(byte[] data, int offset, int length) {
        if (eofPending || eofWritten) {
            throw new IllegalStateException("Cannot call write() after writeEof()");
        }
        if (length == 0 || closing || lost) {
            return; // as in Python: a write to a closing transport is dropped; drain() raises
        }
        if (pending.isEmpty()) {
            ByteBuffer b = ByteBuffer.wrap(data, offset, length);
            try {
                channel.write(b);
            } catch (IOException e) {
                fatal(e);
                return;
            }
            if (!b.hasRemaining()) {
                return;
            }
            offset = b.position();
            length = b.remaining();
            loop.addWriter(channel, writable);
        }
        byte[] copy = java.util.Arrays.copyOfRange(data, offset, offset + length);
        pending.add(ByteBuffer.wrap(copy));
        pendingBytes += length;
        if (!writingPaused && pendingBytes > highWater) {
            writingPaused = true;
        }
    }

    private void onWritable() {
        if (lost) {
            return;
        }
        int count = Math.min(pending.size(), GATHER);
        ByteBuffer[] batch = new ByteBuffer[count];
        java.util.Iterator<ByteBuffer> it = pending.iterator();
        for (int i = 0; i < count; i++) {
            batch[i] = it.next();
        }
        long n;
        try {
            n = channel.write(batch, 0, count);
        } catch (IOException e) {
            fatal(e);
            return;
        }
        pendingBytes -= n;
        while (!pending.isEmpty() && !pending.peek().hasRemaining()) {
            pending.poll();
        }
        maybeResumeWriting();
        if (pending.isEmpty()) {
            loop.removeWriter(channel);
            if (closing) {
                scheduleLost(null);
            } else if (eofPending) {
                shutdownOutput();
            }
        }
    }

    private void maybeResumeWriting() {
        if (writingPaused && pendingBytes <= lowWater) {
            writingPaused = false;
            releaseDrainWaiters();
        }
    }

    private void releaseDrainWaiters() {
        for (Future<Void> w : drainWaiters) {
            if (!w.isDone()) {
                w.setResult(null);
            }
        }
        drainWaiters.clear();
    }

    /**
     * Waits while writing is paused (the buffer is above the high-water mark); returns at once
     * otherwise. Call only in a task of the loop.
     *
     * @throws IOException if the connection is lost (a ConnectionResetException, caused by its failure)
     */
    void drain() throws IOException {
        reader.throwIfFailed(); // as Python's drain raises the reader's exception
        if (closing && !lost) {
            Asyncio.sleep(java.time.Duration.ZERO); // let the loss run, as Python's drain does
        }
        if (lost) {
            throw lostException();
        }
        if (!writingPaused) {
            return;
        }
        Future<Void> w = loop.createFuture();
        drainWaiters.add(w);
        try {
            LoopBound.await(w, "StreamWriter.drain()");
        } finally {
            drainWaiters.remove(w);
        }
        if (lost && lostCause != null) {
            throw lostException();
        }
    }

    private ConnectionResetException lostException() {
        return lostCause == null
                ? new ConnectionResetException("Connection lost")
                : new ConnectionResetException("Connection lost: " + lostCause, lostCause);
    }

    /** Bytes buffered, not yet taken by the socket. */
    long writeBufferSize() {
        return pendingBytes;
    }

    void setWriteBufferLimits(int high, int low) {
        if (high < 0 || low < 0 || low > high) {
            throw new IllegalArgumentException("high (" + high + ") must be >= low (" + low + ") must be >= 0");
        }
        highWater = high;
        lowWater = low;
        if (!writingPaused && pendingBytes > highWater) {
            writingPaused = true;
        }
        maybeResumeWriting();
    }

    /** Closes the write side once the buffer has drained (Python's {@code write_eof()}), never waiting. */
    void writeEof() {
        if (closing || eofPending || eofWritten) {
            return;
        }
        eofPending = true;
        if (pending.isEmpty()) {
            shutdownOutput();
        }
    }

    private void shutdownOutput() {
        eofPending = false;
        eofWritten = true;
        try {
            channel.shutdownOutput();
        } catch (IOException e) {
            fatal(e);
            return;
        }
        if (eofReceived) {
            close();
        }
    }

    // ------------------------------------------------------------------ closing

    boolean isClosing() {
        return closing;
    }

    /** Closes once the write buffer has drained, never waiting; idempotent. */
    void close() {
        if (closing) {
            return;
        }
        closing = true;
        loop.removeReader(channel);
        if (pending.isEmpty()) {
            scheduleLost(null);
        }
    }

    /** Closes now, dropping the write buffer, never waiting (Python's {@code abort()}). */
    void abort() {
        fatal(null);
    }

    /** Closes now, dropping the write buffer; {@code failure} (or null) is what the reader sees. */
    private void fatal(IOException failure) {
        if (lost) {
            return;
        }
        closing = true;
        pending.clear();
        pendingBytes = 0;
        loop.removeReader(channel);
        loop.removeWriter(channel);
        scheduleLost(failure);
    }

    private void scheduleLost(Throwable cause) {
        if (lostCause == null) {
            lostCause = cause;
        }
        loop.callSoon(this::connectionLost);
    }

    private void connectionLost() {
        if (lost) {
            return;
        }
        lost = true;
        closing = true;
        try {
            channel.close();
        } catch (IOException e) {
            // the connection is gone either way
        }
        Throwable cause = lostCause;
        if (cause == null) {
            reader.feedEof(); // closing the writer ends its reader (bpo-35065)
        } else {
            reader.setException(cause);
        }
        for (Future<Void> w : drainWaiters) {
            if (!w.isDone()) {
                w.setResult(null); // drain() then throws if the loss had a cause
            }
        }
        drainWaiters.clear();
        if (cause == null) {
            closed.setResult(null);
        } else {
            closed.setException(cause);
        }
        Runnable hook = onLost;
        onLost = null;
        if (hook != null) {
            hook.run();
        }
    }

    /**
     * Waits until the connection is closed. Call only in a task of the loop.
     *
     * @throws IOException the failure that ended the connection, if any
     */
    void waitClosed() throws IOException {
        try {
            LoopBound.await(closed, "StreamWriter.waitClosed()");
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof IOException io) {
                throw new ConnectionResetException("connection failed: " + io, io);
            }
            throw e;
        }
    }

    boolean isLost() {
        return lost;
    }

    SocketAddress remoteAddress() {
        try {
            return channel.getRemoteAddress();
        } catch (IOException e) {
            return null;
        }
    }

    SocketAddress localAddress() {
        try {
            return channel.getLocalAddress();
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        String state = lost ? "closed" : closing ? "closing" : "open";
        return "SocketTransport[" + state + ", buffered=" + pendingBytes
                + (writingPaused ? ", writing paused" : "") + (readingPaused ? ", reading paused" : "")
                + ", " + remoteAddress() + "]";
    }
}

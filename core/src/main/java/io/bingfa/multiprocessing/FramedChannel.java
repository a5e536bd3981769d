package io.bingfa.multiprocessing;

import java.io.EOFException;
import java.io.IOException;
import java.net.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A byte channel cut into frames: a 4-byte big-endian length, then that many bytes. Reads are
 * buffered (many small frames cost one system call); a write puts the length and the payload in
 * one gathering call.
 *
 * <p>A length that is negative or over the limit is a {@link ProtocolException} and the channel
 * is closed: a peer sending garbage or a 2 GB length prefix never makes this side allocate. A
 * connection that ends between frames is an {@link EOFException} "connection closed"; one that
 * ends inside a frame says how much of the frame arrived.
 *
 * <p>One thread reads at a time (callers arrange that); writes may come from any thread and are
 * serialised by a lock so frames never interleave.
 */
final class FramedChannel implements AutoCloseable {
    /** The default largest frame: 256 MiB. */
    static final int DEFAULT_MAX_FRAME = 256 << 20;
    private static final int BUFFER = 64 << 10;

    private final ByteChannel channel;
    private final int maxFrame;
    private final ByteBuffer in = ByteBuffer.allocateDirect(BUFFER).flip();
    private final ByteBuffer header = ByteBuffer.allocateDirect(4);
    private final ReentrantLock writeLock = new ReentrantLock();

    FramedChannel(ByteChannel channel, int maxFrame) {
        if (maxFrame <= 0) {
            throw new IllegalArgumentException("maxFrame: " + maxFrame + " (expected: > 0)");
        }
        this.channel = channel;
        this.maxFrame = maxFrame;
    }

    FramedChannel(ByteChannel channel) {
        this(channel, DEFAULT_MAX_FRAME);
    }

    ByteChannel channel() {
        return channel;
    }

    int maxFrame() {
        return maxFrame;
    }

    /** Writes one frame holding {@code payload[offset, offset + length)}. */
    void write(byte[] payload, int offset, int length) throws IOException {
        if (length > maxFrame) {
            throw new ProtocolException("frame of " + length + " bytes is over the limit of "
                    + maxFrame + " bytes");
        }
        writeLock.lock();
        try {
            header.clear().putInt(length).flip();
            var body = ByteBuffer.wrap(payload, offset, length);
            if (channel instanceof java.nio.channels.GatheringByteChannel gathering) {
                var both = new ByteBuffer[] {header, body};
                while (body.hasRemaining() || header.hasRemaining()) {
                    gathering.write(both);
                }
            } else {
                while (header.hasRemaining()) {
                    channel.write(header);
                }
                while (body.hasRemaining()) {
                    channel.write(body);
                }
            }
        } finally {
            writeLock.unlock();
        }
    }

    void write(byte[] payload) throws IOException {
        write(payload, 0, payload.length);
    }

    /**
     * Reads the next frame, waiting for it to arrive.
     *
     * @throws EOFException if the peer closed the connection
     * @throws ProtocolException if the length prefix is negative or over the limit (the channel is
     *     closed)
     */
    byte[] read() throws IOException {
        return read(maxFrame);
    }

    /** Reads the next frame as {@link #read()} does, refusing one longer than {@code limit}. */
    byte[] read(int limit) throws IOException {
        if (!fill(4, true)) {
            throw new EOFException("connection closed");
        }
        int length = in.getInt();
        if (length < 0 || length > limit) {
            close();
            throw new ProtocolException("frame length " + Integer.toUnsignedString(length)
                    + " is over the limit of " + limit + " bytes; connection closed");
        }
        byte[] payload = new byte[length];
        int done = Math.min(length, in.remaining());
        in.get(payload, 0, done);
        if (done < length) {
            var rest = ByteBuffer.wrap(payload, done, length - done);
            while (rest.hasRemaining()) {
                if (channel.read(rest) < 0) {
                    throw new EOFException("connection closed inside a frame (got "
                            + rest.position() + " of " + length + " bytes)");
                }
            }
        }
        return payload;
    }

    /** Returns {@code true} if a whole frame or part of one is already buffered here. */
    boolean hasBuffered() {
        return in.hasRemaining();
    }

    /** Makes sure {@code n} bytes are buffered; false on EOF before the first byte if allowed. */
    private boolean fill(int n, boolean eofAllowed) throws IOException {
        while (in.remaining() < n) {
            in.compact();
            int read;
            try {
                read = channel.read(in);
            } finally {
                in.flip();
            }
            if (read < 0) {
                if (eofAllowed && !in.hasRemaining()) {
                    return false;
                }
                throw new EOFException("connection closed inside a frame header (got "
                        + in.remaining() + " of " + n + " bytes)");
            }
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    boolean isOpen() {
        return channel.isOpen();
    }
}

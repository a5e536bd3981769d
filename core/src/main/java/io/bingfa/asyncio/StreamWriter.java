package io.bingfa.asyncio;

import java.io.IOException;
import java.net.SocketAddress;
import java.util.concurrent.CancellationException;

/**
 * Python's {@code asyncio.StreamWriter}: the sending end of a connection. {@link #write} never
 * waits: what the socket does not take at once is buffered; {@link #drain()} is the back-pressure,
 * waiting while the buffer is above its high-water mark (64 KiB by default) until it has drained to
 * the low-water mark (16 KiB). Write, then drain:
 *
 * <pre>{@code
 * writer.write(line);
 * writer.drain();      // waits only if the peer is slower than we are
 * }</pre>
 *
 * <p>{@link #close()} never waits: the buffer is flushed, then the socket closed, and the
 * connection's reader sees the end of the stream; {@link #waitClosed()} waits for that. A write to
 * a closing or lost connection is dropped, and the next {@link #drain()} throws
 * {@link ConnectionResetException}.
 *
 * <p>Loop-confined: only tasks and callbacks of the connection's loop may use it; any other thread
 * gets an {@link IllegalStateException}. {@code toString()} shows the state:
 * {@code StreamWriter[open, buffered=0, /127.0.0.1:40312]}.
 */
public final class StreamWriter extends LoopBound {
    private final SocketTransport transport;

    StreamWriter(SocketTransport transport) {
        super(transport.loop);
        this.transport = transport;
    }

    /** Sends {@code data}, buffering what the socket does not take at once; never waits. */
    public void write(byte[] data) {
        write(data, 0, data.length);
    }

    /** Sends {@code length} bytes of {@code data} from {@code offset}; never waits. */
    public void write(byte[] data, int offset, int length) {
        java.util.Objects.checkFromIndexSize(offset, length, data.length);
        checkLoop();
        transport.write(data, offset, length);
    }

    /** Sends each array in turn (Python's {@code writelines}); never waits. */
    public void writeLines(Iterable<byte[]> lines) {
        for (byte[] line : lines) {
            write(line);
        }
    }

    /**
     * Closes the sending direction once the buffer has drained (Python's {@code write_eof()}): the
     * peer reads the end of the stream and may still answer. Never waits.
     */
    public void writeEof() {
        checkLoop();
        transport.writeEof();
    }

    /** Whether {@link #writeEof()} is supported: true for TCP sockets. */
    public boolean canWriteEof() {
        return true;
    }

    /**
     * Waits until the write buffer is at or below its low-water mark if it is above the high-water
     * mark; returns at once otherwise (Python's {@code await writer.drain()}). The task lies dormant
     * until the socket has taken enough, the connection is lost, or the task is cancelled.
     *
     * @throws ConnectionResetException if the connection is closed or lost (the cause is its failure)
     * @throws IOException the reader's failure, if the connection failed while reading
     * @throws CancellationException if the task is cancelled while waiting
     * @throws IllegalStateException if it must wait and the caller is not a task of the loop
     */
    public void drain() throws IOException {
        checkLoop();
        transport.drain();
    }

    /** Closes the connection after the buffer is flushed, never waiting; idempotent. */
    public void close() {
        checkLoop();
        transport.close();
    }

    /** Closes the connection at once, dropping the buffer (Python's {@code transport.abort()}). */
    public void abort() {
        checkLoop();
        transport.abort();
    }

    /** Whether {@link #close()} was called or the connection is lost. */
    public boolean isClosing() {
        return transport.isClosing();
    }

    /**
     * Waits until the connection is closed (Python's {@code await writer.wait_closed()}).
     *
     * @throws ConnectionResetException if the connection ended with a failure (the cause)
     * @throws CancellationException if the task is cancelled while waiting
     */
    public void waitClosed() throws IOException {
        checkLoop();
        transport.waitClosed();
    }

    /** Bytes written but not yet taken by the socket. */
    public long writeBufferSize() {
        return transport.writeBufferSize();
    }

    /**
     * Sets the back-pressure marks: {@link #drain()} waits when more than {@code high} bytes are
     * buffered, until at most {@code low} are.
     *
     * @throws IllegalArgumentException unless {@code 0 <= low <= high}
     */
    public void setWriteBufferLimits(int high, int low) {
        checkLoop();
        transport.setWriteBufferLimits(high, low);
    }

    /** The peer's address (Python's {@code get_extra_info('peername')}), or null once closed. */
    public SocketAddress remoteAddress() {
        return transport.remoteAddress();
    }

    /** This end's address ({@code get_extra_info('sockname')}), or null once closed. */
    public SocketAddress localAddress() {
        return transport.localAddress();
    }

    /** The reader of the same connection. */
    public StreamReader reader() {
        return transport.reader();
    }

    /** Shows the state: {@code StreamWriter[open, buffered=0, /127.0.0.1:40312]}. */
    @Override
    public String toString() {
        String state = transport.isLost() ? "closed" : transport.isClosing() ? "closing" : "open";
        return "StreamWriter[" + state + ", buffered=" + transport.writeBufferSize() + ", "
                + transport.remoteAddress() + "]";
    }
}

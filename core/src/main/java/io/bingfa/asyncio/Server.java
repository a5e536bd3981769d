package io.bingfa.asyncio;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;

/**
 * Python's {@code asyncio.Server}, made by {@link Asyncio#startServer}: a listening socket on one
 * loop that runs a {@link StreamHandler} as a new task for each client it accepts. It serves from the
 * moment it is made until {@link #close()}.
 *
 * <h2>States</h2>
 * <pre>
 *   SERVING --close()--> CLOSED (no more accepts; connections go on) --last connection ends--> DONE
 * </pre>
 * {@link #waitClosed()} waits for DONE; {@link #closeClients()} and {@link #abortClients()} end the
 * connections (Python 3.13). A handler that throws loses its own connection only: the failure is
 * logged and that connection closed.
 *
 * <p>When {@code accept} fails for lack of descriptors ({@code EMFILE}), the server logs it and stops
 * accepting for one second, as CPython does, instead of spinning.
 *
 * <p>Loop-confined. {@code toString()} shows the state: {@code Server[serving /127.0.0.1:8888, 3 connections]}.
 */
public final class Server extends LoopBound implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("io.bingfa.asyncio");
    private static final Duration ACCEPT_RETRY_DELAY = Duration.ofSeconds(1);
    private static final int ACCEPTS_PER_WAKEUP = 100;

    private final EventLoop loop;
    private final ServerSocketChannel channel;
    private final StreamHandler handler;
    private final int limit;
    private final InetSocketAddress address;
    private final Set<SocketTransport> connections = new LinkedHashSet<>();
    private final List<Future<Void>> closeWaiters = new ArrayList<>();
    private Future<Void> servingForever;
    private boolean closed;

    Server(EventLoop loop, ServerSocketChannel channel, StreamHandler handler, int limit) throws IOException {
        super(loop);
        this.loop = loop;
        this.channel = channel;
        this.handler = handler;
        this.limit = limit;
        this.address = (InetSocketAddress) channel.getLocalAddress();
        loop.addReader(channel, this::onAcceptable);
    }

    /** Binds {@code host:port} (port 0: any free port) and starts serving. Loop context only. */
    static Server start(EventLoop loop, StreamHandler handler, InetSocketAddress bind, int limit, int backlog)
            throws IOException {
        ServerSocketChannel ch = ServerSocketChannel.open();
        try {
            ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            ch.bind(bind, backlog);
            ch.configureBlocking(false);
            return new Server(loop, ch, handler, limit);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    private void onAcceptable() {
        for (int i = 0; i < ACCEPTS_PER_WAKEUP && !closed; i++) {
            SocketChannel c;
            try {
                c = channel.accept();
            } catch (IOException e) {
                LOG.log(System.Logger.Level.ERROR, "accept failed on " + address + "; not accepting for "
                        + ACCEPT_RETRY_DELAY.toMillis() + " ms", e);
                loop.removeReader(channel);
                loop.callLater(ACCEPT_RETRY_DELAY, () -> {
                    if (!closed) {
                        loop.addReader(channel, this::onAcceptable);
                    }
                });
                return;
            }
            if (c == null) {
                return;
            }
            try {
                connected(c);
            } catch (IOException | RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "could not set up a connection from " + c, e);
                closeQuietly(c);
            }
        }
    }

    private void connected(SocketChannel c) throws IOException {
        SocketTransport transport = SocketTransport.open(loop, c, limit);
        StreamReader reader = transport.reader();
        StreamWriter writer = new StreamWriter(transport);
        connections.add(transport);
        transport.onLost(() -> {
            connections.remove(transport);
            wakeCloseWaiters();
        });
        transport.start();
        Task<Void> task = loop.createTask(() -> {
            handler.handle(reader, writer);
            return null;
        });
        task.addDoneCallback(f -> {
            if (f.isCancelled()) {
                return;
            }
            Throwable failure = ((Future<?>) f).failureNow();
            if (failure != null) {
                LOG.log(System.Logger.Level.ERROR, "Unhandled exception in the stream handler for "
                        + transport.remoteAddress() + "; closing that connection", failure);
                transport.close();
            }
        });
    }

    private static void closeQuietly(SocketChannel c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // nothing more to do
        }
    }

    /** The address the server listens on. */
    public InetSocketAddress address() {
        return address;
    }

    /** The port the server listens on (the one chosen when it was asked for port 0). */
    public int port() {
        return address.getPort();
    }

    /** The loop the server runs on. */
    public EventLoop getLoop() {
        return loop;
    }

    /** Whether it is accepting connections (not closed). */
    public boolean isServing() {
        return !closed;
    }

    /** How many connections are open. */
    public int connectionCount() {
        return connections.size();
    }

    /**
     * Stops accepting and closes the listening socket, never waiting; connections already accepted go
     * on (end them with {@link #closeClients()}). Ends a {@link #serveForever()}. Idempotent.
     */
    @Override
    public void close() {
        checkLoop();
        if (closed) {
            return;
        }
        closed = true;
        loop.removeReader(channel);
        try {
            channel.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing " + address, e);
        }
        Future<Void> f = servingForever;
        if (f != null && !f.isDone()) {
            f.setResult(null);
        }
        wakeCloseWaiters();
    }

    /** Closes every open connection after its buffer is flushed, never waiting (Python 3.13). */
    public void closeClients() {
        checkLoop();
        for (SocketTransport t : new ArrayList<>(connections)) {
            t.close();
        }
    }

    /** Closes every open connection at once, dropping buffers, never waiting (Python 3.13). */
    public void abortClients() {
        checkLoop();
        for (SocketTransport t : new ArrayList<>(connections)) {
            t.abort();
        }
    }

    private void wakeCloseWaiters() {
        if (closed && connections.isEmpty()) {
            for (Future<Void> w : closeWaiters) {
                if (!w.isDone()) {
                    w.setResult(null);
                }
            }
            closeWaiters.clear();
        }
    }

    /**
     * Waits until the server is closed and its last connection has ended (Python 3.12's
     * {@code wait_closed}). The task lies dormant until then or until it is cancelled.
     *
     * @throws CancellationException if the task is cancelled while waiting
     * @throws IllegalStateException if it must wait and the caller is not a task of the loop
     */
    public void waitClosed() {
        checkLoop();
        if (closed && connections.isEmpty()) {
            return;
        }
        Future<Void> w = loop.createFuture();
        closeWaiters.add(w);
        try {
            await(w, "Server.waitClosed()");
        } finally {
            closeWaiters.remove(w);
        }
    }

    /**
     * Serves until the server is closed (Python's {@code serve_forever()}), waiting. Cancelling the
     * task closes the server and its connections ({@link #closeClients()}) and the cancellation goes
     * on at once. Unlike Python, which would then wait for every client to hang up, nothing here
     * waits for a peer; and a {@link #close()} from elsewhere makes it return normally.
     *
     * @throws IllegalStateException if the server is closed, or already served forever by a task
     * @throws CancellationException if the task is cancelled
     */
    public void serveForever() {
        checkLoop();
        if (servingForever != null) {
            throw new IllegalStateException("server " + this + " is already being awaited on serveForever()");
        }
        if (closed) {
            throw new IllegalStateException("server " + this + " is closed");
        }
        Future<Void> f = loop.createFuture();
        servingForever = f;
        try {
            await(f, "Server.serveForever()");
        } catch (CancellationException e) {
            close();
            closeClients();
            throw e;
        } finally {
            servingForever = null;
        }
    }

    /** Shows the state: {@code Server[serving /127.0.0.1:8888, 3 connections]}. */
    @Override
    public String toString() {
        return "Server[" + (closed ? "closed " : "serving ") + address + ", " + connections.size()
                + " connections]";
    }
}

package io.bingfa.socketserver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Python's {@code socketserver.TCPServer}: accepts TCP connections and serves them one at a time,
 * each by a new handler from the factory, on the thread that runs {@link #serveForever()}. A slow
 * client holds up every other one; {@link ThreadingTcpServer} and {@link ProcessTcpServer} serve
 * connections at the same time.
 *
 * <pre>{@code
 * try (var server = new TcpServer(new InetSocketAddress("127.0.0.1", 0), UpperHandler::new)) {
 *     Thread serving = Thread.ofPlatform().start(server::serveForever);   // or serve on this thread
 *     ... connect to server.address() ...
 *     server.shutdown();                                                  // from another thread
 * }
 * }</pre>
 *
 * <p>The constructor binds and listens (Python's {@code bind_and_activate=True}): connections made
 * before {@code serveForever} wait in the backlog. Lifecycle:
 * <pre>
 * LISTENING --serveForever()--> SERVING --shutdown() / interrupt--> LISTENING --close()--> CLOSED
 * </pre>
 * {@code serveForever} may be called again after it returned; only one thread serves at a time.
 *
 * <p>A handler that throws loses its connection only: {@link #handleError} logs the exception
 * (System.Logger {@code io.bingfa.socketserver}, WARNING, CPython's "Exception occurred during
 * processing of request from ...") and the server goes on with the next connection. An
 * {@code Error} thrown by a handler is not caught: it ends {@code serveForever} (the connection is
 * still closed). Every accepted socket is closed when its handler returns; a read that waits longer
 * than the {@linkplain Builder#idleTimeout idle timeout} ends the connection.
 *
 * <p>Not supported: UDP and Unix-domain servers ({@code UDPServer}, {@code UnixStreamServer}),
 * {@code handle_request()} and {@code handle_timeout()}; {@code fileno()} has no counterpart.
 *
 * <p>Memory consistency effects: actions before a connection is accepted by the server
 * happen-before its handler runs; a handler's actions happen-before {@link #close()} returns.
 */
/*
 * Implementation: the listening channel is non-blocking and registered with a Selector, so that
 * shutdown() (and a connection ending when the server was full) wakes the loop at once instead of
 * after a poll interval; the poll interval only paces serviceActions(). Accepted channels are in
 * blocking mode and handed out as their socket adaptor, whose streams honour SO_TIMEOUT: that is
 * the idle timeout. When maxConnections are open the loop drops OP_ACCEPT from its interest set;
 * new connections then wait in the kernel's backlog. A failed accept (EMFILE: out of descriptors)
 * is logged and retried after a short back-off rather than spinning.
 */
public class TcpServer implements AutoCloseable {
    static final System.Logger LOG = System.getLogger("io.bingfa.socketserver");
    /** The default listen backlog. */
    public static final int DEFAULT_REQUEST_QUEUE_SIZE = 4096;
    /** CPython's default {@code poll_interval}, 0.5 s. */
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMillis(500);
    private static final long ACCEPT_BACKOFF_MILLIS = 50;

    private final Supplier<? extends BaseRequestHandler> factory;
    final Config config;
    private final ServerSocketChannel channel;
    private final Selector selector;
    private final SelectionKey key;
    final InetSocketAddress address;

    /** The connections accepted and not yet closed. */
    final Set<SocketChannel> open = ConcurrentHashMap.newKeySet();
    /** Counts {@link #open} for the connection limit (a set's size is not a cheap atomic read). */
    final AtomicInteger active = new AtomicInteger();

    /** The serving thread, the shutdown request and the closed flag. */
    private final ServeLifecycle life = new ServeLifecycle();
    /** Guards the selector's close against a wake-up from a connection ending. */
    private final Object wakeLock = new Object();
    /** Guarded by wakeLock. */
    private boolean selectorClosed;

    /**
     * Binds {@code address} and listens; connections are served one at a time by handlers from
     * {@code handlerFactory}.
     *
     * @throws UncheckedIOException if the address cannot be bound (in use, say)
     */
    public TcpServer(InetSocketAddress address, Supplier<? extends BaseRequestHandler> handlerFactory) {
        this(withAddress(address), handlerFactory);
    }

    private static Config withAddress(InetSocketAddress address) {
        Config c = new Config();
        c.address = Objects.requireNonNull(address, "address");
        return c;
    }

    TcpServer(Config config, Supplier<? extends BaseRequestHandler> handlerFactory) {
        this.factory = Objects.requireNonNull(handlerFactory, "handlerFactory");
        this.config = config.copy();
        ServerSocketChannel ch = null;
        Selector sel = null;
        try {
            ch = ServerSocketChannel.open();
            ch.setOption(StandardSocketOptions.SO_REUSEADDR, config.reuseAddress);
            if (config.reusePort) {
                ch.setOption(StandardSocketOptions.SO_REUSEPORT, true);
            }
            ch.bind(config.address, config.requestQueueSize);
            ch.configureBlocking(false);
            sel = Selector.open();
            this.key = ch.register(sel, SelectionKey.OP_ACCEPT);
            this.address = (InetSocketAddress) ch.getLocalAddress();
        } catch (IOException e) {
            closeQuietly(sel);
            closeQuietly(ch);
            throw new UncheckedIOException("cannot listen on " + config.address + ": " + e.getMessage(), e);
        }
        this.channel = ch;
        this.selector = sel;
    }

    /**
     * Binds and listens with the builder's options: for a subclass that overrides a hook
     * ({@code new TcpServer(TcpServer.builder(f).port(8080)) { protected void handleError(...) {...} }}).
     *
     * @throws UncheckedIOException if the address cannot be bound
     */
    protected TcpServer(Builder builder) {
        this(builder.config, builder.factory);
    }

    /** A builder for a server with more options than its address. */
    public static Builder builder(Supplier<? extends BaseRequestHandler> handlerFactory) {
        return new Builder(handlerFactory);
    }

    /** Python's {@code server_address}: the address bound, with the port picked if 0 was asked. */
    public final InetSocketAddress address() {
        return address;
    }

    /** How many connections are open (accepted and not yet closed). */
    public final int connectionCount() {
        return active.get();
    }

    // ------------------------------------------------------------------ serving

    /**
     * Serves connections until {@link #shutdown()}, polling every
     * {@linkplain #DEFAULT_POLL_INTERVAL 0.5 s} for {@link #serviceActions()}. Equivalent to
     * {@code serveForever(DEFAULT_POLL_INTERVAL)}.
     *
     * @throws InterruptedException if the serving thread is interrupted (serving stops first)
     * @throws IllegalStateException if another thread is serving, or the server is closed
     */
    public final void serveForever() throws InterruptedException {
        serveForever(DEFAULT_POLL_INTERVAL);
    }

    /**
     * Serves connections, waiting for them on this thread, until one of two things happens:
     * another thread calls {@link #shutdown()}, or this thread is interrupted. Between waits it
     * calls {@link #serviceActions()}, at least every {@code pollInterval}. A shutdown wakes the
     * wait at once: the poll interval does not delay it. A {@code shutdown()} that came before
     * this call (while nothing was serving) makes it return at once, as in CPython.
     *
     * @throws InterruptedException if the serving thread is interrupted (serving stops first;
     *     the interrupt status is cleared)
     * @throws IllegalArgumentException if {@code pollInterval} is zero or negative
     * @throws IllegalStateException if another thread is serving, or the server is closed
     */
    public final void serveForever(Duration pollInterval) throws InterruptedException {
        Objects.requireNonNull(pollInterval, "pollInterval");
        long pollMillis = pollInterval.toMillis();
        if (pollInterval.isNegative() || pollMillis == 0) {
            throw new IllegalArgumentException("pollInterval: " + pollInterval + " (expected: >= 1 ms)");
        }
        life.enterServe(this);
        try {
            serveLoop(pollMillis);
        } finally {
            life.exitServe();
        }
    }

    private void serveLoop(long pollMillis) throws InterruptedException {
        while (!life.isShutdownRequested()) {
            boolean room = active.get() < config.maxConnections;
            key.interestOps(room ? SelectionKey.OP_ACCEPT : 0);
            try {
                selector.select(pollMillis);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            selector.selectedKeys().clear();
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            if (life.isShutdownRequested()) {
                break;
            }
            if (room) {
                acceptReady();
            }
            serviceActions();
        }
    }

    /** Accepts the connections that are ready while there is room. Call only from serveLoop. */
    private void acceptReady() throws InterruptedException {
        while (!life.isShutdownRequested() && active.get() < config.maxConnections) {
            SocketChannel sc;
            try {
                sc = channel.accept();
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "accept failed on " + address + " (retrying in "
                        + ACCEPT_BACKOFF_MILLIS + " ms): " + e);
                Thread.sleep(ACCEPT_BACKOFF_MILLIS);
                return;
            }
            if (sc == null) {
                return;
            }
            open.add(sc);
            active.incrementAndGet();
            processRequest(sc);
        }
    }

    /**
     * Serves one accepted connection: here, at once on the serving thread. A subclass serves it
     * elsewhere and must end with {@link #finishRequest(SocketChannel)} on that thread.
     * Call only from the serving thread.
     */
    void processRequest(SocketChannel sc) {
        finishRequest(sc);
    }

    /**
     * Runs a handler for {@code sc} (unless {@link #verifyRequest} refuses it), reports its failure,
     * and closes the connection (Python's {@code finish_request} and {@code shutdown_request}).
     */
    final void finishRequest(SocketChannel sc) {
        Socket socket = sc.socket();
        InetSocketAddress peer = (InetSocketAddress) socket.getRemoteSocketAddress();
        try {
            if (config.idleTimeout != null) {
                socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, config.idleTimeout.toMillis()));
            }
            if (verifyRequest(socket, peer)) {
                BaseRequestHandler handler = Objects.requireNonNull(factory.get(), "the handler factory returned null");
                handler.serve(socket, peer, this);
            }
        } catch (SocketTimeoutException idle) {
            LOG.log(System.Logger.Level.DEBUG, () -> "closing " + peer + ": idle for " + config.idleTimeout);
        } catch (Exception e) {
            handleError(socket, peer, e);
        } finally {
            shutdownRequest(sc);
        }
    }

    /** Closes a connection no handler will serve. Call from any thread. */
    final void abandon(SocketChannel sc) {
        shutdownRequest(sc);
    }

    /** Closes the connection: shuts its output (sending FIN after any queued data), then closes. */
    private void shutdownRequest(SocketChannel sc) {
        try {
            if (sc.isOpen()) {
                sc.shutdownOutput();
            }
        } catch (IOException | RuntimeException peerGone) {
            // ENOTCONN and the like: CPython ignores them too
        }
        closeQuietly(sc);
        if (open.remove(sc) && active.getAndDecrement() == config.maxConnections) {
            wakeup(); // the loop stopped accepting when full: there is room again
        }
    }

    private void wakeup() {
        synchronized (wakeLock) {
            if (!selectorClosed) {
                selector.wakeup();
            }
        }
    }

    /**
     * Python's {@code verify_request}: whether to serve a connection; one refused is closed at
     * once. Returns true; runs on the thread that serves the connection.
     */
    protected boolean verifyRequest(Socket request, InetSocketAddress clientAddress) {
        return true;
    }

    /**
     * Python's {@code handle_error}: called with what a handler (or the factory) threw; the
     * connection is closed after it and the server goes on. Logs at WARNING by default; a
     * subclass may do otherwise, and should not throw.
     */
    protected void handleError(Socket request, InetSocketAddress clientAddress, Throwable error) {
        LOG.log(System.Logger.Level.WARNING,
                "Exception occurred during processing of request from " + clientAddress, error);
    }

    /**
     * Python's {@code service_actions}: called by the serving thread at least every poll
     * interval while it serves. Does nothing by default; must not block for long.
     */
    protected void serviceActions() {}

    // ------------------------------------------------------------------ stopping

    /**
     * Stops {@link #serveForever} and waits for it to return: the serving thread lies dormant
     * until it has stopped accepting (connections being served go on; {@link #close()} waits for
     * them), or this thread is interrupted. If nothing is serving, returns at once, and the next
     * {@code serveForever} returns at once (CPython keeps the request the same way).
     *
     * @throws IllegalStateException if called from the thread running {@code serveForever}
     *     (a handler of a {@code TcpServer}: it would wait for itself; CPython deadlocks there)
     * @throws InterruptedException if interrupted while waiting (the request stays made)
     */
    public final void shutdown() throws InterruptedException {
        life.requestShutdownAndWait("shutdown() from the thread running serveForever() would wait for "
                + "itself: call it from another thread", this::wakeup);
    }

    /**
     * Python's {@code server_close}: stops serving (as {@link #shutdown()} does, if a thread is
     * serving), closes the listening socket, and waits for the connections being served to end
     * (see {@link ThreadingTcpServer.Builder#blockOnClose}). Idempotent. If interrupted while
     * waiting, closes the open connections, keeps waiting for their handlers to return, and
     * returns with the interrupt status set.
     *
     * @throws IllegalStateException if called from the thread running {@code serveForever}
     */
    @Override
    public void close() {
        ServeLifecycle.CloseStart start = life.beginClose("close() from the thread running serveForever() would "
                + "wait for itself: call shutdown() and close() from another thread", this::wakeup);
        if (start == ServeLifecycle.CloseStart.ALREADY_CLOSED) {
            return;
        }
        boolean interrupted = start == ServeLifecycle.CloseStart.CLOSED_INTERRUPTED;
        synchronized (wakeLock) {
            selectorClosed = true;
            closeQuietly(selector);
        }
        closeQuietly(channel);
        interrupted |= awaitConnections();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Waits for the open connections' handlers at close; returns whether it was interrupted.
     * Nothing to wait for here: the serving thread ran them.
     */
    boolean awaitConnections() {
        return false;
    }

    /** Closes every open connection: their handlers' reads and writes fail. */
    final void closeOpenConnections() {
        for (SocketChannel sc : open) {
            closeQuietly(sc);
        }
    }

    /** Whether {@link #close()} has run. */
    public final boolean isClosed() {
        return life.isClosed();
    }

    static void closeQuietly(AutoCloseable c) {
        if (c != null) {
            try {
                c.close();
            } catch (Exception ignored) {
                // closing is best effort
            }
        }
    }

    @Override
    public String toString() {
        String state = life.state();
        Class<?> kind = getClass();
        while (kind.isAnonymousClass()) {
            kind = kind.getSuperclass();
        }
        return kind.getSimpleName() + "[" + address.getHostString() + ":" + address.getPort() + " " + state
                + ", " + active.get() + " connections]";
    }

    /** The options of a {@link TcpServer}. */
    public static class Builder extends ServerBuilder<Builder> {
        final Supplier<? extends BaseRequestHandler> factory;

        Builder(Supplier<? extends BaseRequestHandler> factory) {
            this.factory = Objects.requireNonNull(factory, "handlerFactory");
        }

        /**
         * Binds and listens.
         *
         * @throws UncheckedIOException if the address cannot be bound
         */
        public TcpServer build() {
            return new TcpServer(config, factory);
        }
    }
}

package io.bingfa.socketserver;

import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Python's {@code socketserver.ThreadingTCPServer}: serves each connection on a thread of its
 * own, started when the connection is accepted; a platform thread by default, a virtual thread
 * with {@link Builder#virtualThreads(boolean) virtualThreads(true)}.
 *
 * <pre>{@code
 * try (var server = ThreadingTcpServer.builder(UpperHandler::new).port(8080).virtualThreads(true)
 *         .idleTimeout(Duration.ofMinutes(5)).build()) {
 *     server.serveForever();                 // until another thread calls server.shutdown()
 * }
 * }</pre>
 *
 * <p><b>Connection limit.</b> With {@link Builder#maxConnections(int) maxConnections(n)}, once
 * {@code n} connections are open the server stops accepting: new connections wait in the
 * kernel's listen backlog ({@link ServerBuilder#requestQueueSize}) and are accepted as open ones
 * end. When the backlog is full too, Linux drops the client's SYN and the client retries (its
 * {@code connect} waits and may time out); other systems refuse the connection. The default is
 * no limit: the bound is the process's descriptor limit ({@code ulimit -n}), and an accept that
 * fails for want of descriptors is logged and retried after 50 ms.
 *
 * <p><b>Capacity.</b> The defaults hold 10,000 idle connections (each is a socket and a thread
 * blocked in a read): 10,000 virtual threads cost a few MB; 10,000 platform threads reserve
 * their stacks' address space but commit little, and need {@code ulimit -u} above 10,000. Set an
 * {@linkplain ServerBuilder#idleTimeout idle timeout} so that clients that go quiet free theirs.
 *
 * <p>{@link #close()} waits for every connection's thread (CPython's {@code block_on_close}); with
 * {@code blockOnClose(false)} it first closes the open connections, so that their handlers fail
 * at their next read or write and end, and then waits for them. Either way no thread is left
 * running after {@code close()}. Handler threads are not daemon threads unless
 * {@link Builder#daemonThreads(boolean)} says so (CPython's {@code daemon_threads}; virtual
 * threads are always daemon threads).
 *
 * <p>Memory consistency effects: actions before a connection is accepted happen-before its
 * handler runs; a handler's actions happen-before {@link #close()} returns.
 */
public class ThreadingTcpServer extends TcpServer {
    private final Thread.Builder threads;
    /** The handler threads started and not yet ended. */
    private final Set<Thread> running = ConcurrentHashMap.newKeySet();

    /**
     * Binds {@code address} and listens; each connection gets a platform thread.
     *
     * @throws java.io.UncheckedIOException if the address cannot be bound
     */
    public ThreadingTcpServer(InetSocketAddress address, Supplier<? extends BaseRequestHandler> handlerFactory) {
        this(configFor(address), handlerFactory);
    }

    private static Config configFor(InetSocketAddress address) {
        Config c = new Config();
        c.address = Objects.requireNonNull(address, "address");
        return c;
    }

    ThreadingTcpServer(Config config, Supplier<? extends BaseRequestHandler> handlerFactory) {
        super(config, handlerFactory);
        String prefix = "ThreadingTcpServer-" + address.getPort() + "-";
        this.threads = config.virtualThreads
                ? Thread.ofVirtual().name(prefix, 0)
                : Thread.ofPlatform().name(prefix, 0).daemon(config.daemonThreads);
    }

    /**
     * Binds and listens with the builder's options: for a subclass that overrides a hook.
     *
     * @throws java.io.UncheckedIOException if the address cannot be bound
     */
    protected ThreadingTcpServer(Builder builder) {
        this(builder.config, builder.factory);
    }

    /** A builder for a server with more options than its address. */
    public static Builder builder(Supplier<? extends BaseRequestHandler> handlerFactory) {
        return new Builder(handlerFactory);
    }

    /** Whether connections are served on virtual threads. */
    public final boolean isVirtual() {
        return config.virtualThreads;
    }

    /** Starts a thread that serves {@code sc}. Call only from the serving thread. */
    @Override
    void processRequest(SocketChannel sc) {
        Thread t;
        try {
            t = threads.unstarted(() -> {
                try {
                    finishRequest(sc);
                } finally {
                    running.remove(Thread.currentThread());
                }
            });
            running.add(t);
            t.start();
        } catch (RuntimeException | OutOfMemoryError e) { // no thread for it: lose this connection only
            LOG.log(System.Logger.Level.WARNING, "cannot start a thread for a connection; closing it", e);
            abandon(sc);
        }
    }

    /** Waits for every handler thread; closes the connections first unless blocking on close. */
    @Override
    boolean awaitConnections() {
        if (!config.blockOnClose) {
            closeOpenConnections();
        }
        boolean interrupted = false;
        while (!running.isEmpty()) {
            for (Thread t : running.toArray(Thread[]::new)) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    if (!interrupted) {
                        interrupted = true;
                        closeOpenConnections();
                    }
                }
            }
        }
        return interrupted;
    }

    /** The options of a {@link ThreadingTcpServer}. */
    public static final class Builder extends TcpServer.Builder {
        Builder(Supplier<? extends BaseRequestHandler> factory) {
            super(factory);
        }

        @Override
        public Builder address(InetSocketAddress address) {
            super.address(address);
            return this;
        }

        @Override
        public Builder port(int port) {
            super.port(port);
            return this;
        }

        @Override
        public Builder requestQueueSize(int size) {
            super.requestQueueSize(size);
            return this;
        }

        @Override
        public Builder reuseAddress(boolean on) {
            super.reuseAddress(on);
            return this;
        }

        @Override
        public Builder reusePort(boolean on) {
            super.reusePort(on);
            return this;
        }

        @Override
        public Builder idleTimeout(Duration timeout) {
            super.idleTimeout(timeout);
            return this;
        }

        /** Serves each connection on a virtual thread (true) or a platform thread (false, the default). */
        public Builder virtualThreads(boolean virtual) {
            config.virtualThreads = virtual;
            return this;
        }

        /**
         * At most {@code max} connections open at once; more wait in the listen backlog (see the
         * class comment). Default: no limit.
         *
         * @throws IllegalArgumentException if {@code max < 1}
         */
        public Builder maxConnections(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxConnections: " + max + " (expected: > 0)");
            }
            config.maxConnections = max;
            return this;
        }

        /** Python's {@code daemon_threads}: platform handler threads are daemon threads; default false. */
        public Builder daemonThreads(boolean daemon) {
            config.daemonThreads = daemon;
            return this;
        }

        /**
         * Python's {@code block_on_close}: whether {@link ThreadingTcpServer#close()} lets the open
         * connections end on their own (true, the default) or closes them first (false). It waits
         * for their threads either way.
         */
        public Builder blockOnClose(boolean block) {
            config.blockOnClose = block;
            return this;
        }

        /**
         * Binds and listens.
         *
         * @throws java.io.UncheckedIOException if the address cannot be bound
         */
        @Override
        public ThreadingTcpServer build() {
            return new ThreadingTcpServer(config, factory);
        }
    }
}

package io.bingfa.socketserver;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * The options every server takes; {@link TcpServer.Builder}, {@link ThreadingTcpServer.Builder}
 * and {@link ProcessTcpServer.Builder} add their own.
 *
 * @param <B> the builder's own type, so that the options chain
 */
public abstract class ServerBuilder<B extends ServerBuilder<B>> {
    final Config config = new Config();

    ServerBuilder() {}

    @SuppressWarnings("unchecked")
    final B self() {
        return (B) this;
    }

    /**
     * The address to bind (Python's {@code server_address}); default {@code 127.0.0.1} port 0,
     * which picks a free port: read it back with {@code address()}.
     */
    public B address(InetSocketAddress address) {
        config.address = Objects.requireNonNull(address, "address");
        return self();
    }

    /** Binds {@code 127.0.0.1} at {@code port} (0 picks a free one). */
    public B port(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port: " + port + " (expected: 0 to 65535)");
        }
        config.address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        return self();
    }

    /**
     * Python's {@code request_queue_size}: the listen backlog, where connections wait to be
     * accepted; default {@value TcpServer#DEFAULT_REQUEST_QUEUE_SIZE} (CPython's 5, or 128, overflows when
     * thousands of clients connect at once: Linux then drops SYNs and clients wait 1 s, 3 s, 7 s to
     * retry; the kernel caps it at {@code net.core.somaxconn}).
     */
    public B requestQueueSize(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("requestQueueSize: " + size + " (expected: > 0)");
        }
        config.requestQueueSize = size;
        return self();
    }

    /** Python's {@code allow_reuse_address} ({@code SO_REUSEADDR}); default true (the JDK's default). */
    public B reuseAddress(boolean on) {
        config.reuseAddress = on;
        return self();
    }

    /** Python's {@code allow_reuse_port} ({@code SO_REUSEPORT}); default false. */
    public B reusePort(boolean on) {
        config.reusePort = on;
        return self();
    }

    /**
     * Closes a connection whose client sends nothing for {@code timeout}: each read of the request
     * waits at most that long, then throws {@link java.net.SocketTimeoutException}, which the
     * server treats as the end of the connection (logged at DEBUG, not as an error). It counts
     * only while the handler is reading; a handler busy writing or computing is not idle.
     * Default none, as CPython's {@code StreamRequestHandler.timeout = None}.
     *
     * @throws IllegalArgumentException if {@code timeout} is zero or negative
     */
    public B idleTimeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero() || timeout.toMillis() == 0) {
            throw new IllegalArgumentException("idleTimeout: " + timeout + " (expected: >= 1 ms)");
        }
        config.idleTimeout = timeout;
        return self();
    }
}

package io.bingfa.socketserver;

import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * Python's {@code socketserver.BaseRequestHandler}: one object per connection, made by the
 * server's handler factory, whose {@link #setup()}, {@link #handle()} and {@link #finish()} run in
 * that order on the thread that serves the connection ({@code finish} runs even when
 * {@code handle} throws, as in CPython's constructor).
 *
 * <pre>{@code
 * class Upper extends BaseRequestHandler {
 *     protected void handle() throws Exception {
 *         byte[] data = request().getInputStream().readNBytes(5);
 *         request().getOutputStream().write(new String(data).toUpperCase().getBytes());
 *     }
 * }
 * }</pre>
 *
 * <p>The {@link #request()} is the connected {@link Socket}, in blocking mode. Reading it waits at
 * most the server's {@linkplain TcpServer.Builder#idleTimeout idle timeout}; a read that times out
 * throws {@link java.net.SocketTimeoutException} and the server closes the connection. The server
 * closes the socket after {@code finish}; a handler need not (and may) close it itself. An
 * exception thrown by any of the three methods loses this connection only: the server logs it
 * ({@link TcpServer#handleError}) and goes on.
 *
 * <p>A handler serves one connection and is then dropped; state kept in fields is per connection.
 * State shared between connections belongs to the server or to objects the factory captures, and
 * needs the usual locking when connections are served on several threads.
 */
public abstract class BaseRequestHandler {
    private Socket request;
    private InetSocketAddress clientAddress;
    private TcpServer server;

    /** For subclasses; the server sets the request, client address and server before {@link #setup()}. */
    protected BaseRequestHandler() {}

    /** Runs setup, handle and finish for one connection. Called by the server only. */
    final void serve(Socket request, InetSocketAddress clientAddress, TcpServer server) throws Exception {
        this.request = request;
        this.clientAddress = clientAddress;
        this.server = server;
        setup();
        try {
            handle();
        } finally {
            finish();
        }
    }

    /** Python's {@code self.request}: the connected socket. */
    public final Socket request() {
        return request;
    }

    /** Python's {@code self.client_address}: the peer's address. */
    public final InetSocketAddress clientAddress() {
        return clientAddress;
    }

    /** Python's {@code self.server}: the server that accepted the connection. */
    public final TcpServer server() {
        return server;
    }

    /** Called before {@link #handle()}; does nothing by default. */
    protected void setup() throws Exception {}

    /** Serves the connection; does nothing by default (the connection is then closed). */
    protected void handle() throws Exception {}

    /** Called after {@link #handle()}, even if it threw; does nothing by default. */
    protected void finish() throws Exception {}

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + (clientAddress == null ? "unused" : "client=" + clientAddress) + "]";
    }
}

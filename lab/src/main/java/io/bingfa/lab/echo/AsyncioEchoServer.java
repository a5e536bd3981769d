package io.bingfa.lab.echo;

import io.bingfa.asyncio.Asyncio;
import io.bingfa.asyncio.EventLoop;
import io.bingfa.asyncio.Server;
import io.bingfa.asyncio.StreamReader;
import io.bingfa.asyncio.StreamWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The echo server on one asyncio event loop ({@code asyncio.start_server}): each connection is a
 * task of the loop that reads up to 1024 bytes, writes them back in upper case and drains, until
 * the client closes. One thread serves every connection.
 */
/*
 * The loop runs in asyncio.run on a platform thread of ours ("echo-asyncio"); its main task starts
 * the server, hands it to start() through a CompletableFuture and serves forever. close() asks the
 * loop (callSoonThreadsafe) to close the server, which ends serveForever; the main task then closes
 * the clients and waits for their connections to end, and asyncio.run cancels what is left, shuts
 * the loop's executor down and returns. close() joins the thread.
 */
final class AsyncioEchoServer implements EchoServer {
    private final Thread thread;
    private final Server server;
    private final EventLoop loop;

    private AsyncioEchoServer(Thread thread, Server server) {
        this.thread = thread;
        this.server = server;
        this.loop = server.getLoop();
    }

    /**
     * Starts the loop and the server on it; returns once it listens.
     *
     * @throws UncheckedIOException if the address cannot be bound
     */
    static EchoServer start(InetSocketAddress address) {
        CompletableFuture<Server> ready = new CompletableFuture<>();
        String host = address.getAddress().getHostAddress();
        Thread thread = Thread.ofPlatform().name("echo-asyncio").start(() -> {
            try {
                EventLoop.run(() -> {
                    Server s;
                    try {
                        s = Asyncio.startServer(AsyncioEchoServer::talk, host, address.getPort());
                    } catch (IOException e) {
                        ready.completeExceptionally(e);
                        return null;
                    }
                    ready.complete(s);
                    s.serveForever();             // until close() closes the server
                    s.closeClients();
                    s.waitClosed();
                    return null;
                });
            } catch (Throwable e) {
                ready.completeExceptionally(e);
            }
        });
        try {
            return new AsyncioEchoServer(thread, ready.get());
        } catch (ExecutionException e) {
            EchoServers.joinUninterruptibly(thread);
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw new UncheckedIOException("cannot listen on " + EchoServers.hostPort(address) + ": " + io.getMessage(), io);
            }
            throw new IllegalStateException("the asyncio echo server did not start: " + cause, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the asyncio echo server started", e);
        }
    }

    /** The communication loop as a task: read, upper-case, write, drain, until the client closes. */
    static void talk(StreamReader reader, StreamWriter writer) {
        try {
            while (true) {
                byte[] data = reader.read(EchoHandler.CHUNK);   // await reader.read(1024)
                if (data.length == 0) {
                    break;                                      // the client closed
                }
                EchoHandler.upper(data, 0, data.length);
                writer.write(data);
                writer.drain();
            }
        } catch (IOException lost) {
            // a reset connection ends it, as in the threads' handler
        } finally {
            writer.close();
        }
    }

    @Override
    public EchoMode mode() {
        return EchoMode.ASYNCIO;
    }

    @Override
    public InetSocketAddress address() {
        return server.address();
    }

    @Override
    public String details() {
        return "one event loop on one thread, a task per connection";
    }

    @Override
    public void close() {
        if (thread.isAlive() && !loop.isClosed()) {
            try {
                loop.callSoonThreadsafe(server::close);
            } catch (IllegalStateException closedMeanwhile) {
                // the loop ended by itself: nothing to close
            }
        }
        EchoServers.joinUninterruptibly(thread);
    }

    @Override
    public String toString() {
        return "EchoServer[asyncio " + EchoServers.hostPort(address()) + "]";
    }
}

package io.bingfa.bench;

import static io.bingfa.bench.Harness.check;

import io.bingfa.asyncio.Asyncio;
import io.bingfa.asyncio.EventLoop;
import io.bingfa.asyncio.Future;
import io.bingfa.asyncio.SchedulerPath;
import io.bingfa.asyncio.Server;
import io.bingfa.asyncio.StreamReader;
import io.bingfa.asyncio.StreamWriter;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code asyncio_echo}: an event-loop server echoes 64-byte messages upper-cased to 100 clients,
 * each doing 200 round trips one at a time; round trips/s. bingfa: {@link Asyncio#startServer} on
 * one {@link EventLoop} thread, whose handler loops {@code read(1024)}, {@code write(upper(data))},
 * {@code drain()} until end of input. The JDK peer: a hand-written single-thread NIO
 * {@link Selector} loop (non-blocking channels, upper-casing in place, write interest only while a
 * write is partial). Both Java sides are driven by the same clients, all on one selector thread
 * ({@link EchoWorkload#selectorClients}, which says why). {@code quick}: 10 clients x 200 round trips.
 */
/*
 * Each server is started in open(), untimed, on a thread of its own, and serves the warm-up and
 * every timed run (as CPython's script keeps one server for its session); each run's clients
 * connect anew and close at the end, so accepting connections is part of every run. The bingfa
 * loop's thread runs a main task that starts the server, then awaits a loop Future that close()
 * finishes through callSoonThreadsafe; the main task then closes the server.
 */
final class AsyncioEcho extends Benchmark {
    private static final String HOST = "127.0.0.1";
    private final int clients;
    private final int roundTrips;
    private Thread loopThread;
    private volatile EventLoop loop;
    private volatile Future<Void> stop;
    private volatile Throwable loopFailure;
    private int bingfaPort;
    private NioServer jdkServer;

    AsyncioEcho(boolean quick) {
        clients = quick ? 10 : 100;
        roundTrips = 200;
    }

    @Override public String name() { return "asyncio_echo"; }
    @Override public Unit unit() { return Unit.ROUND_TRIPS_PER_SECOND; }
    @Override public Goal goal() { return Goal.ratios(4, 0.8, "single-thread NIO Selector loop"); }

    @Override
    public String workload() {
        return "event-loop echo server (upper-cases), " + clients + " clients x " + roundTrips + " round trips of "
                + EchoWorkload.MESSAGE_BYTES + " B";
    }

    @Override public long amount() { return (long) clients * roundTrips; }

    @Override
    public void open() throws Exception {
        CompletableFuture<Integer> bound = new CompletableFuture<>();
        loopThread = Thread.ofPlatform().name("asyncio_echo-loop").start(() -> serveOnLoop(bound));
        bingfaPort = bound.get(30, TimeUnit.SECONDS);
        jdkServer = new NioServer();
    }

    /** The loop thread's body: asyncio.run of a main task that serves until close(). */
    private void serveOnLoop(CompletableFuture<Integer> bound) {
        try {
            EventLoop.run(() -> {
                Server server = Asyncio.startServer(AsyncioEcho::upperEcho, HOST, 0);
                try {
                    loop = EventLoop.getRunningLoop();
                    stop = loop.createFuture();
                    bound.complete(server.port());
                    stop.result(); // awaits close()
                } finally {
                    server.close();
                    server.waitClosed();
                }
                return null;
            });
        } catch (Throwable e) {
            loopFailure = e;
            bound.completeExceptionally(e);
        }
    }

    /** bingfa's handler: CPython's {@code read}, {@code write(data.upper())}, {@code drain} loop. */
    private static void upperEcho(StreamReader reader, StreamWriter writer) throws IOException {
        try {
            while (true) {
                byte[] data = reader.read(EchoWorkload.READ_BYTES);
                if (data.length == 0) {
                    break;
                }
                EchoWorkload.upper(data, data.length);
                writer.write(data);
                writer.drain();
            }
        } finally {
            writer.close();
        }
    }

    @Override
    public void bingfa() throws Exception {
        EchoWorkload.selectorClients(bingfaPort, clients, roundTrips);
    }

    @Override
    public void jdk() throws Exception {
        EchoWorkload.selectorClients(jdkServer.port(), clients, roundTrips);
    }

    /** Which way the bingfa loop ran its tasks: this JVM's options decide (see {@link EventLoop}). */
    @Override
    public List<String> notes() {
        EventLoop l = loop;
        if (l == null) {
            return List.of();
        }
        String hint = l.schedulerPath() == SchedulerPath.HANDOFF && !EventLoop.isLoopCarrierAvailable()
                ? " (LOOP_CARRIER needs --add-opens java.base/java.lang=ALL-UNNAMED)" : "";
        return List.of("bingfa event loop scheduler path " + l.schedulerPath() + hint);
    }

    @Override
    public void close() throws Exception {
        try {
            if (loopThread != null) {
                EventLoop l = loop;
                Future<Void> s = stop;
                if (l != null && s != null) {
                    l.callSoonThreadsafe(() -> s.setResult(null));
                }
                loopThread.join(Harness.RUN_DEADLINE);
                check(!loopThread.isAlive(), "the event loop thread did not end after its server was closed");
                if (loopFailure != null) {
                    throw new CheckFailedException("the event loop failed: " + loopFailure);
                }
            }
        } finally {
            if (jdkServer != null) {
                jdkServer.close();
            }
        }
    }

    /**
     * The JDK peer: a single-thread NIO echo server on 127.0.0.1. One selector, non-blocking
     * channels; a readable connection is read into its own buffer, upper-cased in place and written
     * back; only a partial write registers write interest (and drops read interest until the rest is
     * written). {@link #close()} stops the thread and closes every channel.
     */
    private static final class NioServer implements AutoCloseable {
        private final Selector selector;
        private final ServerSocketChannel listener;
        private final Thread thread;
        private volatile boolean closing;
        private volatile Throwable failure;

        NioServer() throws IOException {
            selector = Selector.open();
            listener = ServerSocketChannel.open();
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4096);
            listener.configureBlocking(false);
            listener.register(selector, SelectionKey.OP_ACCEPT);
            thread = Thread.ofPlatform().name("asyncio_echo-jdk-nio").start(this::loop);
        }

        int port() {
            return listener.socket().getLocalPort();
        }

        private void loop() {
            try {
                while (!closing) {
                    selector.select();
                    for (SelectionKey key : selector.selectedKeys()) {
                        if (key.isAcceptable()) {
                            accept();
                        } else {
                            serve(key);
                        }
                    }
                    selector.selectedKeys().clear();
                }
            } catch (IOException | RuntimeException e) {
                failure = e;
            }
        }

        private void accept() throws IOException {
            SocketChannel ch;
            while ((ch = listener.accept()) != null) {
                ch.configureBlocking(false);
                ch.register(selector, SelectionKey.OP_READ, ByteBuffer.allocate(EchoWorkload.READ_BYTES));
            }
        }

        private void serve(SelectionKey key) {
            SocketChannel ch = (SocketChannel) key.channel();
            ByteBuffer buf = (ByteBuffer) key.attachment();
            try {
                if (key.isWritable()) {
                    ch.write(buf);
                    if (buf.hasRemaining()) {
                        return;
                    }
                    key.interestOps(SelectionKey.OP_READ);
                    return;
                }
                buf.clear();
                int n = ch.read(buf);
                if (n < 0) {
                    key.cancel();
                    ch.close();
                    return;
                }
                EchoWorkload.upper(buf.array(), n);
                buf.flip();
                ch.write(buf);
                if (buf.hasRemaining()) {
                    key.interestOps(SelectionKey.OP_WRITE);
                }
            } catch (IOException peerGone) {
                key.cancel();
                try {
                    ch.close();
                } catch (IOException ignored) {
                    // closing is best effort
                }
            }
        }

        @Override
        public void close() throws Exception {
            closing = true;
            selector.wakeup();
            thread.join(Harness.RUN_DEADLINE);
            for (SelectionKey key : selector.keys()) {
                key.channel().close();
            }
            selector.close();
            check(!thread.isAlive(), "the NIO server thread did not end");
            if (failure != null) {
                throw new CheckFailedException("the NIO server failed: " + failure);
            }
        }
    }
}

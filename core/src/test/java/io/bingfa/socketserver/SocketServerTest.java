package io.bingfa.socketserver;

import static io.bingfa.socketserver.Clients.askOnce;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bingfa.socketserver.Clients.LineClient;
import io.bingfa.socketserver.Clients.UpperHandler;
import io.bingfa.testing.TestThreads;
import io.bingfa.testing.Waits;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The servers in this JVM: {@link TcpServer} (one connection at a time) and
 * {@link ThreadingTcpServer} on platform and on virtual threads, through the same tests
 * (CPython's {@code SocketServerTest.run_server} runs each server class through one body).
 */
class SocketServerTest {

    /** The three in-JVM servers; each records what {@code handleError} saw. */
    enum Mode {
        TCP, PLATFORM_THREADS, VIRTUAL_THREADS;

        TcpServer server(Supplier<? extends BaseRequestHandler> factory, Queue<Throwable> errors, Duration idle,
                int maxConnections) {
            return switch (this) {
                case TCP -> {
                    var b = TcpServer.builder(factory);
                    if (idle != null) {
                        b.idleTimeout(idle);
                    }
                    yield new TcpServer(b) {
                        @Override
                        protected void handleError(Socket request, InetSocketAddress client, Throwable error) {
                            errors.add(error);
                        }
                    };
                }
                case PLATFORM_THREADS, VIRTUAL_THREADS -> {
                    var b = ThreadingTcpServer.builder(factory).virtualThreads(this == VIRTUAL_THREADS);
                    if (idle != null) {
                        b.idleTimeout(idle);
                    }
                    if (maxConnections > 0) {
                        b.maxConnections(maxConnections);
                    }
                    yield new ThreadingTcpServer(b) {
                        @Override
                        protected void handleError(Socket request, InetSocketAddress client, Throwable error) {
                            errors.add(error);
                        }
                    };
                }
            };
        }
    }

    private final Queue<Throwable> errors = new ConcurrentLinkedQueue<>();

    private TcpServer server(Mode mode) {
        return mode.server(UpperHandler::new, errors, null, 0);
    }

    // ------------------------------------------------------------------ serving

    // CPython: test_socketserver.SocketServerTest.test_TCPServer
    // CPython: test_socketserver.SocketServerTest.test_ThreadingTCPServer
    @Tag("cpython")
    @ParameterizedTest
    @EnumSource(Mode.class)
    void upperCaseEchoAnswersEveryClient(Mode mode) throws Exception {
        try (TcpServer server = server(mode); TestThreads threads = new TestThreads()) {
            threads.run("serve", server::serveForever);
            for (int i = 0; i < 3; i++) {
                try (LineClient c = new LineClient(server.address())) {
                    assertEquals("HELLO WORLD", c.ask("hello world"));
                    assertEquals("你好 WORLD " + i, c.ask("你好 world " + i));
                }
            }
            server.shutdown();
            threads.join();
        }
        assertEquals(List.of(), List.copyOf(errors));
    }

    @Test
    void threadingServerServesConnectionsAtTheSameTime() throws Exception {
        try (TcpServer server = server(Mode.VIRTUAL_THREADS); TestThreads threads = new TestThreads()) {
            threads.run("serve", server::serveForever);
            try (LineClient first = new LineClient(server.address());
                    LineClient second = new LineClient(server.address())) {
                assertEquals("A", first.ask("a"));
                assertEquals("B", second.ask("b"));       // while first is still open
                assertEquals("C", first.ask("c"));
            }
            server.shutdown();
            threads.join();
        }
    }

    @Test
    void addressIsLoopbackWithThePortPicked() {
        try (TcpServer server = new TcpServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                UpperHandler::new)) {
            assertEquals(InetAddress.getLoopbackAddress(), server.address().getAddress());
            assertTrue(server.address().getPort() > 0, server.toString());
        }
        try (TcpServer server = ThreadingTcpServer.builder(UpperHandler::new).build()) {
            assertTrue(server.address().getAddress().isLoopbackAddress(), server.toString());
        }
    }

    // CPython: test_socketserver.SocketServerTest.test_close_immediately
    @Tag("cpython")
    @ParameterizedTest
    @EnumSource(Mode.class)
    void closeWithoutServingReleasesThePort(Mode mode) throws Exception {
        TcpServer server = server(mode);
        InetSocketAddress address = server.address();
        server.close();
        server.close(); // idempotent
        assertTrue(server.isClosed());
        assertThrows(IllegalStateException.class, server::serveForever);
        assertThrows(IOException.class, () -> new Socket(address.getAddress(), address.getPort()).close());
    }

    // ------------------------------------------------------------------ shutdown

    // CPython: test_socketserver.SocketServerTest.test_shutdown
    @Tag("cpython")
    @ParameterizedTest
    @EnumSource(Mode.class)
    void shutdownFromAnotherThreadReturnsPromptlyAndServeForeverReturns(Mode mode) throws Exception {
        Duration poll = Duration.ofSeconds(30);
        try (TcpServer server = server(mode); TestThreads threads = new TestThreads()) {
            AtomicBoolean returned = new AtomicBoolean();
            threads.run("serve", () -> {
                server.serveForever(poll);
                returned.set(true);
            });
            assertEquals("X", askOnce(server.address(), "x"));       // it is serving
            long start = System.nanoTime();
            server.shutdown();
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            Waits.awaitTrue("serveForever returned", returned::get);
            assertTrue(took.compareTo(poll) < 0, "shutdown waited for the poll interval: " + took);
            threads.join();
            // serveForever may run again after a shutdown
            threads.run("serve-again", server::serveForever);
            assertEquals("Y", askOnce(server.address(), "y"));
            server.shutdown();
            threads.join();
        }
    }

    @Test
    void shutdownBeforeServeForeverMakesItReturnAtOnce() throws Exception {
        try (TcpServer server = server(Mode.TCP)) {
            server.shutdown();                 // nothing serving: returns
            server.serveForever();             // the request is kept, as in CPython
            assertEquals("TcpServer[127.0.0.1:" + server.address().getPort() + " listening, 0 connections]",
                    server.toString());
        }
    }

    @Test
    void shutdownFromTheServingThreadThrowsInsteadOfDeadlocking() throws Exception {
        AtomicReference<Throwable> seen = new AtomicReference<>();
        class ShutsDown extends BaseRequestHandler {
            @Override
            protected void handle() {
                try {
                    server().shutdown();
                } catch (Throwable e) {
                    seen.set(e);
                }
            }
        }
        try (TcpServer server = new TcpServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), ShutsDown::new);
                TestThreads threads = new TestThreads()) {
            threads.run("serve", server::serveForever);
            try (LineClient c = new LineClient(server.address())) {
                assertNull(c.readLine());      // the handler returned; the server closed the connection
            }
            server.shutdown();
            threads.join();
        }
        assertInstanceOf(IllegalStateException.class, seen.get());
    }

    @Test
    void interruptingTheServingThreadStopsServing() throws Exception {
        try (TcpServer server = server(Mode.PLATFORM_THREADS); TestThreads threads = new TestThreads()) {
            var serving = threads.run("serve", server::serveForever);
            assertEquals("Z", askOnce(server.address(), "z"));
            serving.thread().interrupt();
            serving.joinThrowing(InterruptedException.class);
            server.shutdown();                 // nothing serving now: returns at once
        }
    }

    @Test
    void secondServeForeverIsRefused() throws Exception {
        try (TcpServer server = server(Mode.VIRTUAL_THREADS); TestThreads threads = new TestThreads()) {
            threads.run("serve", server::serveForever);
            assertEquals("Q", askOnce(server.address(), "q"));
            assertThrows(IllegalStateException.class, server::serveForever);
            server.shutdown();
            threads.join();
        }
    }

    @Test
    void closeWhileServingStopsServingFirst() throws Exception {
        try (TestThreads threads = new TestThreads()) {
            TcpServer server = server(Mode.VIRTUAL_THREADS);
            threads.run("serve", server::serveForever);
            assertEquals("Q", askOnce(server.address(), "q"));
            server.close();
            threads.join();
            assertTrue(server.isClosed());
        }
    }

    @Test
    void badArgumentsNameTheValue() {
        var b = ThreadingTcpServer.builder(UpperHandler::new);
        assertEquals("maxConnections: 0 (expected: > 0)",
                assertThrows(IllegalArgumentException.class, () -> b.maxConnections(0)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> b.idleTimeout(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> b.idleTimeout(Duration.ofSeconds(-1)));
        assertThrows(IllegalArgumentException.class, () -> b.port(70000));
        try (TcpServer server = server(Mode.TCP)) {
            assertThrows(IllegalArgumentException.class, () -> server.serveForever(Duration.ofSeconds(-1)));
        }
    }

    // ------------------------------------------------------------------ stream handler

    @Test
    void readLineKeepsTheNewlineAndHonoursTheLimit() throws Exception {
        Queue<String> lines = new ConcurrentLinkedQueue<>();
        class Lines extends StreamRequestHandler {
            @Override
            protected void handle() throws IOException {
                lines.add(new String(rfile().readLine(3), java.nio.charset.StandardCharsets.UTF_8));
                lines.add(new String(rfile().readLine(), java.nio.charset.StandardCharsets.UTF_8));
                lines.add(new String(rfile().readLine(), java.nio.charset.StandardCharsets.UTF_8));
                wfile().write("done\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        try (TcpServer server = new TcpServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), Lines::new);
                TestThreads threads = new TestThreads()) {
            threads.run("serve", server::serveForever);
            try (LineClient c = new LineClient(server.address())) {
                c.send("abcdef\nlast");
                c.socket.shutdownOutput();
                assertEquals("done", c.readLine());
            }
            server.shutdown();
            threads.join();
        }
        assertEquals(List.of("abc", "def\n", "last"), List.copyOf(lines));
    }
}

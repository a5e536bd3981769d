package io.bingfa.socketserver;

import static io.bingfa.socketserver.Clients.askOnce;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bingfa.socketserver.Clients.LineClient;
import io.bingfa.socketserver.Clients.UpperHandler;
import io.bingfa.socketserver.SocketServerTest.Mode;
import io.bingfa.testing.Descriptors;
import io.bingfa.testing.TestThreads;
import io.bingfa.testing.Waits;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Faults a server must survive: clients that vanish, go quiet or arrive in thousands, and
 * handlers that throw. Each time the server goes on serving, and nothing leaks.
 */
class ServerFaultsTest {
    private final Queue<Throwable> errors = new ConcurrentLinkedQueue<>();

    // CPython: test_socketserver.ErrorHandlerTest.test_sync_handled
    // CPython: test_socketserver.ErrorHandlerTest.test_threading_handled
    @Tag("cpython")
    @ParameterizedTest
    @EnumSource(Mode.class)
    void handlerThatThrowsLosesOnlyThatConnection(Mode mode) throws Exception {
        try (TcpServer server = mode.server(UpperHandler::new, errors, null, 0);
                TestThreads threads = new TestThreads()) {
            threads.run("serve", server::serveForever);
            try (LineClient c = new LineClient(server.address())) {
                assertEquals("OK", c.ask("ok"));
                assertNull(c.ask("boom"));                        // the server closed this connection
            }
            assertEquals("STILL SERVING", askOnce(server.address(), "still serving"));
            server.shutdown();
            threads.join();
        }
        assertEquals(1, errors.size(), errors.toString());
        assertEquals("the handler failed on purpose", errors.peek().getMessage());
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void clientThatVanishesMidMessageLeavesTheServerServing(Mode mode) throws Exception {
        try (TcpServer server = mode.server(UpperHandler::new, errors, null, 0);
                TestThreads threads = new TestThreads()) {
            threads.run("serve", server::serveForever);
            for (boolean reset : new boolean[] {false, true}) {
                LineClient c = new LineClient(server.address());
                c.send("half a mess");                             // no newline: the handler is mid-read
                Waits.awaitTrue("the server accepted", () -> server.connectionCount() == 1);
                if (reset) {
                    c.socket.setSoLinger(true, 0);                 // RST instead of FIN
                }
                c.close();
                Waits.awaitTrue("the server closed its side", () -> server.connectionCount() == 0);
            }
            assertEquals("NEXT", askOnce(server.address(), "next"));
            server.shutdown();
            threads.join();
        }
        for (Throwable e : errors) {                               // a reset may be reported, nothing else
            assertInstanceOf(SocketException.class, e, e.toString());
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void silentClientIsClosedAfterTheIdleTimeout(Mode mode) throws Exception {
        Duration idle = Duration.ofMillis(300);
        try (TcpServer server = mode.server(UpperHandler::new, errors, idle, 0);
                TestThreads threads = new TestThreads()) {
            threads.run("serve", server::serveForever);
            try (LineClient talker = new LineClient(server.address())) {
                assertEquals("HI", talker.ask("hi"));              // activity resets nothing: each read waits anew
            }
            try (LineClient silent = new LineClient(server.address())) {
                long start = System.nanoTime();
                assertNull(silent.readLine());                     // the server closed it
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                assertTrue(took.toMillis() >= idle.toMillis() * 6 / 10, "closed after only " + took);
            }
            assertEquals("AFTER", askOnce(server.address(), "after"));
            server.shutdown();
            threads.join();
        }
        assertEquals(List.of(), List.copyOf(errors));              // an idle close is not an error
    }

    @ParameterizedTest
    @EnumSource(value = Mode.class, names = {"PLATFORM_THREADS", "VIRTUAL_THREADS"})
    void connectionsBeyondTheLimitWaitInTheBacklog(Mode mode) throws Exception {
        try (TcpServer server = mode.server(UpperHandler::new, errors, null, 2);
                TestThreads threads = new TestThreads()) {
            threads.run("serve", server::serveForever);
            LineClient first = new LineClient(server.address());
            try (LineClient second = new LineClient(server.address());
                    LineClient third = new LineClient(server.address())) {  // connects: the kernel's backlog
                assertEquals("1", first.ask("1"));
                assertEquals("2", second.ask("2"));
                third.send("3\n");
                third.socket.setSoTimeout(200);
                assertThrows(SocketTimeoutException.class, third::readLine); // not served yet
                third.socket.setSoTimeout((int) Waits.PATIENCE.toMillis());
                assertEquals(2, server.connectionCount(), "the third was accepted beyond the limit");
                first.close();                                             // room for the third
                assertEquals("3", third.readLine());
            }
            server.shutdown();
            threads.join();
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void manyConnectionsOpenedAndClosedLeakNoDescriptors(Mode mode) throws Exception {
        int connections = mode == Mode.TCP ? 2_000 : 10_000;
        int before = Descriptors.open();
        try (TcpServer server = mode.server(UpperHandler::new, errors, null, 0);
                TestThreads threads = new TestThreads()) {
            threads.run("serve", server::serveForever);
            int clients = mode == Mode.TCP ? 1 : 8;
            try (TestThreads load = TestThreads.start("client", clients, i -> {
                for (int k = i; k < connections; k += clients) {
                    assertEquals("C" + k, askOnce(server.address(), "c" + k));
                }
            })) {
                load.join();
            }
            Waits.awaitTrue("every connection closed on the server's side", () -> server.connectionCount() == 0);
            server.shutdown();
            threads.join();
        }
        int after = Descriptors.open();
        assertTrue(after <= before + 2, "descriptors before " + before + ", after " + after);
        assertEquals(List.of(), List.copyOf(errors));
    }

    /**
     * The defaults hold 10,000 idle connections, on virtual threads and on platform threads (one
     * thread each). Client and server are both in this JVM, so each connection costs two
     * descriptors: the test holds as many as the descriptor limit allows, up to 10,000 (here
     * {@code ulimit -n} is 20,000: about 9,900).
     */
    @ParameterizedTest(name = "virtualThreads={0}")
    @ValueSource(booleans = {true, false})
    void defaultsHoldThousandsOfIdleConnections(boolean virtual) throws Exception {
        long limit = Descriptors.limit();
        int base = Descriptors.open();
        int n = (int) Math.min(10_000, limit < 0 ? 2_000 : (limit - base - 200) / 2);
        List<Socket> held = new ArrayList<>(n);
        try (TcpServer server = ThreadingTcpServer.builder(UpperHandler::new).virtualThreads(virtual).build();
                TestThreads threads = new TestThreads()) {
            threads.run("serve", server::serveForever);
            long start = System.nanoTime();
            try {
                for (int i = 0; i < n; i++) {
                    held.add(new Socket(server.address().getAddress(), server.address().getPort()));
                }
                long opened = System.nanoTime();
                Waits.awaitTrue(n + " connections open", () -> server.connectionCount() == n);
                System.out.printf("opened in %d ms, accepted after %d ms%n", (opened - start) / 1_000_000,
                        (System.nanoTime() - start) / 1_000_000);
                assertEquals("STILL ANSWERING", idleAndAnswer(held.get(n - 1)));
            } finally {
                for (Socket s : held) {
                    s.close();
                }
            }
            Waits.awaitTrue("every idle connection closed", () -> server.connectionCount() == 0);
            System.out.printf("closed after %d ms%n", (System.nanoTime() - start) / 1_000_000);
            server.shutdown();
            threads.join();
        }
        System.out.println("held " + n + " idle connections on " + (virtual ? "virtual" : "platform")
                + " threads (descriptor limit " + limit + ")");
        assertTrue(n >= 9_000 || limit < 20_000, "held only " + n);
    }

    private static String idleAndAnswer(Socket socket) throws IOException {
        socket.setSoTimeout((int) Waits.PATIENCE.toMillis());
        socket.getOutputStream().write("still answering\n".getBytes());
        byte[] reply = new byte[16];
        int got = 0;
        while (got < reply.length) {
            int n = socket.getInputStream().read(reply, got, reply.length - got);
            if (n < 0) {
                break;
            }
            got += n;
        }
        return new String(reply, 0, got).trim();
    }
}

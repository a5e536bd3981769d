package io.bingfa.lab.echo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bingfa.multiprocessing.Multiprocessing;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The echo server in each mode answers a client in upper case, and close() leaves nothing running. */
@Timeout(120)
class EchoServersTest {
    static final InetSocketAddress ANY_PORT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

    @AfterEach
    void nothingIsLeftRunning() {
        EchoTests.assertNoServerThreads();
        assertEquals(List.of(), Multiprocessing.activeChildren(), "child JVMs left behind");
    }

    /** Runs the bounded client against {@code server}; returns what it printed. */
    static String talk(EchoServer server, int messages) throws IOException {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int echoed;
        try (PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
            echoed = EchoClient.run(server.address(), messages, out);
        }
        assertEquals(messages, echoed, printed.toString(StandardCharsets.UTF_8));
        return printed.toString(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @EnumSource(value = EchoMode.class, names = {"THREAD", "VIRTUAL", "ASYNCIO"})
    void inProcessModesAnswerEveryLineInUpperCase(EchoMode mode) throws IOException {
        try (EchoServer server = EchoServers.start(mode, ANY_PORT, 1)) {
            assertEquals(mode, server.mode());
            assertTrue(server.address().getPort() > 0, server.toString());
            assertEquals("HELLO WORLD 1\nHELLO WORLD 2\nHELLO WORLD 3\n", talk(server, 3).replace("\r\n", "\n"));
            assertEquals("HELLO WORLD 1\n", talk(server, 1).replace("\r\n", "\n"), "a second client is served too");
        }
    }

    @Test
    void processModeAnswersFromChildJvmsAndCloseEndsThem() throws IOException {
        EchoServer server = EchoServers.start(EchoMode.PROCESS, ANY_PORT, 2);
        try {
            assertTrue(server.details().startsWith("2 server processes (pids "), server.details());
            assertEquals(2, Multiprocessing.activeChildren().size(), "the two server processes");
            for (int client = 0; client < 4; client++) {
                assertTrue(talk(server, 2).startsWith("HELLO WORLD 1"));
            }
        } finally {
            server.close();
        }
        assertEquals(List.of(), Multiprocessing.activeChildren(), "close() ends every server process");
    }

    @Test
    void onlyAsciiLettersAreUpperCasedAsPythonsBytesUpper() {
        byte[] data = "héllo, world 1!".getBytes(StandardCharsets.UTF_8);
        EchoHandler.upper(data, 0, data.length);
        assertEquals("HéLLO, WORLD 1!", new String(data, StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @EnumSource(value = EchoMode.class, names = {"THREAD", "VIRTUAL", "ASYNCIO"})
    void closeEndsAClientStillConnectedInsteadOfWaitingForIt(EchoMode mode) throws IOException {
        EchoServer server = EchoServers.start(mode, ANY_PORT, 1);
        try (Socket idle = new Socket(server.address().getAddress(), server.address().getPort())) {
            idle.setSoTimeout(30_000);
            idle.getOutputStream().write("ping".getBytes(StandardCharsets.US_ASCII));
            InputStream in = idle.getInputStream();
            assertEquals("PING", new String(in.readNBytes(4), StandardCharsets.US_ASCII), "connected and served");
            server.close();                                    // the client has not closed: must not wait for it
            assertEquals(-1, in.read(), "the server closed the connection");
        } finally {
            server.close();
        }
    }

    @Test
    void closeIsIdempotentAndThePortIsFreeAfterwards() {
        EchoServer server = EchoServers.start(EchoMode.THREAD, ANY_PORT, 1);
        InetSocketAddress address = server.address();
        server.close();
        server.close();
        try (EchoServer again = EchoServers.start(EchoMode.THREAD, address, 1)) {
            assertEquals(address.getPort(), again.address().getPort());
        }
    }

    @ParameterizedTest
    @EnumSource(value = EchoMode.class, names = {"THREAD", "VIRTUAL", "ASYNCIO"})
    void aTakenPortIsReportedWithTheAddress(EchoMode mode) {
        try (EchoServer first = EchoServers.start(EchoMode.THREAD, ANY_PORT, 1)) {
            var e = assertThrows(java.io.UncheckedIOException.class,
                    () -> EchoServers.start(mode, first.address(), 1).close());
            assertTrue(e.getMessage().contains("127.0.0.1:" + first.address().getPort()), e.getMessage());
        }
    }

    @Test
    void asyncioServesEveryConnectionFromOneThread() throws IOException {
        try (EchoServer server = EchoServers.start(EchoMode.ASYNCIO, ANY_PORT, 1)) {
            assertEquals("one event loop on one thread, a task per connection", server.details());
            List<Socket> clients = new java.util.ArrayList<>();
            try {
                for (int i = 0; i < 5; i++) {               // all open at once: one loop serves them together
                    Socket c = new Socket(server.address().getAddress(), server.address().getPort());
                    c.setSoTimeout(30_000);
                    clients.add(c);
                }
                for (int i = 0; i < clients.size(); i++) {
                    clients.get(i).getOutputStream().write(("conn " + i).getBytes(StandardCharsets.US_ASCII));
                }
                for (int i = 0; i < clients.size(); i++) {
                    assertEquals("CONN " + i, new String(clients.get(i).getInputStream().readNBytes(6), StandardCharsets.US_ASCII));
                }
            } finally {
                for (Socket c : clients) {
                    c.close();
                }
            }
        }
    }

    @Test
    void modesParseFromTheirLabelsAndABadOneNamesTheChoices() {
        for (EchoMode m : EchoMode.values()) {
            assertEquals(m, EchoMode.parse(m.label()));
        }
        var e = assertThrows(IllegalArgumentException.class, () -> EchoMode.parse("fork"));
        assertEquals("--mode: fork (expected: thread, virtual, process or asyncio)", e.getMessage());
        assertFalse(EchoMode.THREAD.description().isEmpty());
    }
}

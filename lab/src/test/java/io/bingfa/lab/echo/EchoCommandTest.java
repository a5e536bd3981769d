package io.bingfa.lab.echo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bingfa.lab.LabRun;
import io.bingfa.multiprocessing.Multiprocessing;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code serve echo}, {@code client echo} and {@code load echo} through the lab's command line. */
@Timeout(120)
class EchoCommandTest {
    static LabRun.Result run(String... args) {
        return LabRun.capture(args);
    }

    @AfterEach
    void nothingIsLeftRunning() {
        EchoTests.assertNoServerThreads();
        assertEquals(List.of(), Multiprocessing.activeChildren(), "child JVMs left behind");
    }

    @Test
    void clientSendsTheGivenNumberOfLinesPrintsTheAnswersAndExits() {
        try (EchoServer server = EchoServers.start(EchoMode.VIRTUAL, EchoServersTest.ANY_PORT, 1)) {
            LabRun.Result r = run("client", "echo", "--port", String.valueOf(server.address().getPort()), "--messages", "4");
            assertEquals(0, r.exit(), r.both());
            assertEquals(List.of("HELLO WORLD 1", "HELLO WORLD 2", "HELLO WORLD 3", "HELLO WORLD 4"), r.out().lines().toList());
        }
    }

    @Test
    void clientWithoutAServerExitsOneNamingTheAddress() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        LabRun.Result r = run("client", "echo", "--port=" + port);
        assertEquals(1, r.exit(), r.both());
        assertTrue(r.err().startsWith("bingfa client: 127.0.0.1:" + port + ": "), r.both());
        assertTrue(r.err().contains("is ./bingfa serve echo running there?"), r.both());
    }

    @Test
    void serveForADurationPrintsItsAddressAndClosesByItself() {
        LabRun.Result r = run("serve", "echo", "--mode", "virtual", "--port", "0", "--duration", "200ms");
        assertEquals(0, r.exit(), r.both());
        Matcher m = Pattern.compile("^echo server \\(virtual: a virtual thread per connection\\) listening on 127\\.0\\.0\\.1:(\\d+); "
                + "it stops after 200 ms or at Ctrl-C$", Pattern.MULTILINE).matcher(r.out());
        assertTrue(m.find(), r.both());
        assertTrue(Integer.parseInt(m.group(1)) > 0, r.both());
        assertTrue(r.out().endsWith("echo server closed\n"), r.both());
    }

    @Test
    void loadWithAModeStartsThatServerItselfAndReportsTheFigures() {
        LabRun.Result r = run("load", "echo", "--mode", "thread", "--connections", "3", "--duration", "300ms", "--size", "100");
        assertEquals(0, r.exit(), r.both());
        assertTrue(Pattern.compile("^load echo: 3 connections, 100-byte round trips for 0\\.3 s against 127\\.0\\.0\\.1:\\d+ "
                + "\\(thread: a platform thread per connection, started here\\)$", Pattern.MULTILINE).matcher(r.out()).find(), r.both());
        Matcher trips = Pattern.compile("^round trips: ([0-9,]+) in 0\\.3 s", Pattern.MULTILINE).matcher(r.out());
        assertTrue(trips.find(), r.both());
        assertTrue(Long.parseLong(trips.group(1).replace(",", "")) > 0, r.both());
        assertTrue(r.out().contains("latency (µs): p50 "), r.both());
        assertTrue(r.out().contains("errors: none"), r.both());
    }

    @Test
    void loadAgainstARunningServerUsesItsPort() {
        try (EchoServer server = EchoServers.start(EchoMode.THREAD, EchoServersTest.ANY_PORT, 1)) {
            int port = server.address().getPort();
            LabRun.Result r = run("load", "echo", "--port", String.valueOf(port), "--connections", "2", "--duration", "200ms");
            assertEquals(0, r.exit(), r.both());
            assertTrue(r.out().contains("against 127.0.0.1:" + port + "\n"), r.both());
        }
    }

    @Test
    void badArgumentsExitTwoNamingTheValueAndWhatWasExpected() {
        String[][] cases = {
            {"serve echo --mode fork", "bingfa serve: --mode: fork (expected: thread, virtual, process or asyncio)"},
            {"serve", "bingfa serve: serve: missing server name (expected: echo)"},
            {"serve http", "bingfa serve: serve: unknown server: http (expected: echo)"},
            {"serve echo --port 70000", "bingfa serve: --port: 70000 (expected: a whole number from 0 to 65535)"},
            {"serve echo --duration 5", "bingfa serve: --duration: 5 (expected: a duration > 0 such as 10s, 500ms, 1.5s or 2m)"},
            {"serve echo --duration 0s", "bingfa serve: --duration: 0s (expected: a duration > 0 such as 10s, 500ms, 1.5s or 2m)"},
            {"serve echo --processes 0", "bingfa serve: --processes: 0 (expected: a whole number from 1 to 64)"},
            {"serve echo --host no.such.host.invalid", "bingfa serve: --host: no.such.host.invalid (expected: an IP address, or a host name that resolves)"},
            {"client echo --port 0", "bingfa client: --port: 0 (expected: a whole number from 1 to 65535)"},
            {"client echo --messages many", "bingfa client: --messages: many (expected: a whole number >= 1)"},
            {"client echo --mode thread", "bingfa client: client echo: unknown option: --mode (expected: one of --host, --port, --messages)"},
            {"client echo --port", "bingfa client: --port: missing value"},
            {"client echo extra", "bingfa client: client echo: unexpected argument: extra (expected: options starting with --)"},
            {"load echo --connections 0", "bingfa load: --connections: 0 (expected: a whole number from 1 to 100000)"},
            {"load echo --size 0", "bingfa load: --size: 0 (expected: a whole number from 1 to 1048576)"},
            {"load echo --duration 10", "bingfa load: --duration: 10 (expected: a duration > 0 such as 10s, 500ms, 1.5s or 2m)"},
            {"load echo --warmup soon", "bingfa load: --warmup: soon (expected: a duration such as 10s, 500ms, 1.5s or 2m)"},
            {"load echo --mode green", "bingfa load: --mode: green (expected: thread, virtual, process or asyncio)"},
        };
        for (String[] c : cases) {
            LabRun.Result r = run(c[0].split(" "));
            assertEquals(2, r.exit(), c[0] + "\n" + r.both());
            assertEquals(c[1], r.err().lines().findFirst().orElse(""), c[0] + "\n" + r.both());
            assertTrue(r.err().contains("Usage: ./bingfa " + c[0].split(" ")[0] + " echo"), "the usage follows\n" + r.both());
            assertEquals("", r.out(), r.both());
        }
    }

    @Test
    void asyncioModeServesAndIsLoaded() {
        LabRun.Result r = run("load", "echo", "--mode", "asyncio", "--connections", "4", "--duration", "300ms");
        assertEquals(0, r.exit(), r.both());
        assertTrue(r.out().contains("(asyncio: one event loop on one thread, a task per connection, started here)"), r.both());
        assertTrue(r.out().contains("errors: none"), r.both());
        LabRun.Result s = run("serve", "echo", "--mode", "asyncio", "--port", "0", "--duration", "100ms");
        assertEquals(0, s.exit(), s.both());
        assertTrue(s.out().endsWith("echo server closed\n"), s.both());
    }

    @Test
    void eachCommandHasHelp() {
        for (String command : List.of("serve", "client", "load")) {
            LabRun.Result r = run(command, "echo", "--help");
            assertEquals(0, r.exit(), r.both());
            assertTrue(r.out().startsWith("Usage: ./bingfa " + command + " echo"), r.both());
            LabRun.Result h = run("help", command);
            assertEquals(r.out(), h.out(), "help " + command);
        }
    }
}

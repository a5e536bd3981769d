package io.bingfa.lab.echo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The load generator against a thread-mode echo server: real round trips, ordered percentiles, errors. */
@Timeout(120)
class LoadGeneratorTest {
    @AfterEach
    void nothingIsLeftRunning() {
        EchoTests.assertNoServerThreads();
    }

    private static LoadGenerator.Settings settings(InetSocketAddress address, int connections, int size) {
        return new LoadGenerator.Settings(address, connections, Duration.ofMillis(500), size, Duration.ofMillis(100));
    }

    @Test
    void roundTripsAgainstAThreadServerAreCountedWithOrderedPercentiles() throws Exception {
        try (EchoServer server = EchoServers.start(EchoMode.THREAD, EchoServersTest.ANY_PORT, 1)) {
            List<Long> ticks = new ArrayList<>();
            LoadResult r = LoadGenerator.run(new LoadGenerator.Settings(server.address(), 4, Duration.ofMillis(1500), 64,
                    Duration.ZERO), (seconds, trips) -> ticks.add(seconds));
            assertTrue(r.roundTrips() > 0, "round trips: " + r.roundTrips());
            assertTrue(r.clean(), "failed " + r.failedConnections() + ", wrong " + r.mismatches() + ", " + r.firstError());
            assertNull(r.firstError());
            double previous = 0;
            for (double p : LoadReport.PERCENTILES) {
                double v = r.micros(p);
                assertTrue(v > 0 && v >= previous, LoadReport.label(p) + " = " + v + " after " + previous);
                previous = v;
            }
            assertEquals(r.roundTrips() / 1.5, r.throughput(), 1e-6 * r.throughput());
            assertEquals(List.of(1L), ticks, "progress once a second: at 1 s of a 1.5 s run");
        }
    }

    @Test
    void requestsLargerThanTheServersChunkComeBackWhole() throws Exception {
        try (EchoServer server = EchoServers.start(EchoMode.VIRTUAL, EchoServersTest.ANY_PORT, 1)) {
            LoadResult r = LoadGenerator.run(settings(server.address(), 2, 5000), null);
            assertTrue(r.roundTrips() > 0 && r.clean(), r.roundTrips() + " round trips, " + r.firstError());
        }
    }

    @Test
    void theReportPrintsThroughputAndEveryPercentile() throws Exception {
        try (EchoServer server = EchoServers.start(EchoMode.THREAD, EchoServersTest.ANY_PORT, 1)) {
            LoadResult r = LoadGenerator.run(settings(server.address(), 2, 64), null);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            LoadReport.print(r, new PrintStream(bytes, true, StandardCharsets.UTF_8));
            String text = bytes.toString(StandardCharsets.UTF_8);
            assertTrue(text.matches("(?s)round trips: [0-9,]+ in 0\\.5 s: [0-9,]+ round trips/s\n"
                    + "latency \\(µs\\): p50 [0-9,]+ p90 [0-9,]+ p99 [0-9,]+ p99\\.9 [0-9,]+ max [0-9,]+\n"
                    + "errors: none.*"), text);
        }
    }

    @Test
    void aServerThatIsNotThereIsAnIOExceptionNamingTheAddress() throws IOException {
        InetSocketAddress closed;
        try (ServerSocket s = new ServerSocket(0, 1, EchoServersTest.ANY_PORT.getAddress())) {
            closed = new InetSocketAddress(s.getInetAddress(), s.getLocalPort());
        }
        InetSocketAddress target = closed;
        IOException e = assertThrows(IOException.class, () -> LoadGenerator.run(settings(target, 3, 64), null));
        assertTrue(e.getMessage().startsWith("cannot connect to 127.0.0.1:" + closed.getPort()), e.getMessage());
    }

    @Test
    void badSettingsNameTheValueAndWhatWasExpected() {
        InetSocketAddress a = EchoServersTest.ANY_PORT;
        assertEquals("connections: 0 (expected: > 0)", assertThrows(IllegalArgumentException.class,
                () -> new LoadGenerator.Settings(a, 0, Duration.ofSeconds(1), 64, Duration.ZERO)).getMessage());
        assertEquals("duration: PT0S (expected: > 0)", assertThrows(IllegalArgumentException.class,
                () -> new LoadGenerator.Settings(a, 1, Duration.ZERO, 64, Duration.ZERO)).getMessage());
        assertEquals("size: -1 (expected: > 0)", assertThrows(IllegalArgumentException.class,
                () -> new LoadGenerator.Settings(a, 1, Duration.ofSeconds(1), -1, Duration.ZERO)).getMessage());
        assertEquals("warmup: PT-1S (expected: >= 0)", assertThrows(IllegalArgumentException.class,
                () -> new LoadGenerator.Settings(a, 1, Duration.ofSeconds(1), 1, Duration.ofSeconds(-1))).getMessage());
    }
}

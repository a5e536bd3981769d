package io.bingfa.socketserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bingfa.multiprocessing.Multiprocessing;
import io.bingfa.socketserver.Clients.LineClient;
import io.bingfa.testing.ChildJvms;
import io.bingfa.testing.TestThreads;
import io.bingfa.testing.Waits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link ProcessTcpServer}: child JVMs sharing one port; none is left behind. */
class ProcessTcpServerTest {
    @RegisterExtension
    final ChildJvms children = new ChildJvms();

    /** Answers each line in upper case followed by the pid of the JVM that served it; "die" exits that JVM. */
    static final class PidHandler extends StreamRequestHandler {
        @Override
        protected void handle() throws IOException {
            byte[] line;
            while ((line = rfile().readLine()).length > 0) {
                String text = new String(line, StandardCharsets.UTF_8).trim();
                if (text.equals("die")) {
                    Runtime.getRuntime().halt(3);
                }
                String reply = text.toUpperCase(Locale.ROOT) + " " + ProcessHandle.current().pid() + "\n";
                wfile().write(reply.getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    // CPython: test_socketserver.SocketServerTest.test_ForkingTCPServer
    @Tag("cpython")
    @Test
    void connectionsAreAnsweredByChildPidsAndNoChildOutlivesClose() throws Exception {
        Set<Long> answeredBy = new HashSet<>();
        List<Long> pids;
        try (ProcessTcpServer server = ProcessTcpServer.builder(PidHandler::new).processes(2).build();
                TestThreads threads = new TestThreads()) {
            pids = server.pids();
            assertEquals(2, pids.size());
            assertEquals(2, Multiprocessing.activeChildren().size());
            threads.run("serve", server::serveForever);
            for (int i = 0; i < 16; i++) {
                try (LineClient c = new LineClient(server.address())) {
                    String[] reply = c.ask("hello " + i).split(" ");
                    assertEquals("HELLO", reply[0]);
                    assertEquals(Integer.toString(i), reply[1]);
                    answeredBy.add(Long.parseLong(reply[2]));
                }
            }
            server.shutdown();
            threads.join();
        }
        assertFalse(answeredBy.contains(ProcessHandle.current().pid()), "answered by the parent");
        assertTrue(pids.containsAll(answeredBy), answeredBy + " not all in " + pids);
        System.out.println("16 connections answered by " + answeredBy.size() + " of 2 children " + pids);
        assertEquals(List.of(), Multiprocessing.activeChildren());
    }

    @Test
    void shutdownReturnsAndServeForeverMayRunAgain() throws Exception {
        try (ProcessTcpServer server = ProcessTcpServer.builder(PidHandler::new).processes(1)
                .virtualThreads(true).build();
                TestThreads threads = new TestThreads()) {
            Duration poll = Duration.ofSeconds(30);
            AtomicBoolean returned = new AtomicBoolean();
            threads.run("serve", () -> {
                server.serveForever(poll);
                returned.set(true);
            });
            assertTrue(Clients.askOnce(server.address(), "a").startsWith("A "));
            long start = System.nanoTime();
            server.shutdown();
            assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(poll) < 0);
            Waits.awaitTrue("serveForever returned", returned::get);
            threads.join();
            threads.run("serve-again", server::serveForever);
            assertTrue(Clients.askOnce(server.address(), "b").startsWith("B "));
            server.shutdown();
            threads.join();
        }
        assertEquals(List.of(), Multiprocessing.activeChildren());
    }

    @Test
    void childThatDiesIsReplacedAndServingGoesOn() throws Exception {
        try (ProcessTcpServer server = ProcessTcpServer.builder(PidHandler::new).processes(1).build();
                TestThreads threads = new TestThreads()) {
            long first = server.pids().get(0);
            threads.run("serve", () -> server.serveForever(Duration.ofMillis(20)));
            try (LineClient c = new LineClient(server.address())) {
                assertEquals(null, c.ask("die"));                  // the child halted mid-connection
            }
            Waits.awaitTrue("a replacement child", () -> server.pids().get(0) != first);
            String reply = null;
            for (int attempt = 0; reply == null && attempt < 200; attempt++) {
                try {
                    reply = Clients.askOnce(server.address(), "again");   // refused until it listens
                } catch (IOException notYetListening) {
                    Thread.sleep(25);
                }
            }
            assertTrue(reply != null && reply.startsWith("AGAIN "), String.valueOf(reply));
            assertNotEquals(Long.toString(first), reply.split(" ")[1]);
            server.shutdown();
            threads.join();
        }
        assertEquals(List.of(), Multiprocessing.activeChildren());
    }

    @Test
    void closeWithoutServingStopsTheChildren() {
        ProcessTcpServer server = ProcessTcpServer.builder(PidHandler::new).processes(2).build();
        assertEquals(2, Multiprocessing.activeChildren().size());
        server.close();
        server.close();
        assertEquals(List.of(), Multiprocessing.activeChildren());
    }
}

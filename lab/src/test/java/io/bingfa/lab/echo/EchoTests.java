package io.bingfa.lab.echo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

/** Checks shared by the echo tests. */
final class EchoTests {
    private EchoTests() {}

    /** Fails if a platform thread of an echo server or of the socketserver is still alive. */
    static void assertNoServerThreads() {
        List<String> left = Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(n -> n.startsWith("echo-") || n.startsWith("ThreadingTcpServer-") || n.startsWith("asyncio"))
                .toList();
        assertEquals(List.of(), left, "threads left behind");
    }
}

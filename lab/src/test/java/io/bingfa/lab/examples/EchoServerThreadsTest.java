package io.bingfa.lab.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bingfa.lab.examples.ProcessExamplesTest.Run;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The seed's thread-per-connection echo server, on platform and on virtual threads, in both languages. */
class EchoServerThreadsTest {

    @Test
    void everyMessageIsEchoedInUpperCaseOnAThreadPerConnection() throws Exception {
        Run r = ProcessExamplesTest.run("echo-server-threads", "--clients", "3", "--messages", "2");
        for (int c = 1; c <= 3; c++) {
            for (int m = 1; m <= 2; m++) {
                assertEquals(1, r.count("client " + c + ": HELLO WORLD " + c + "." + m), r.out());
            }
        }
        long serverLines = r.lines().stream()
                .filter(l -> l.matches("\\[ThreadingTcpServer-\\d+-\\d+\\] hello world \\d\\.\\d")).count();
        assertEquals(6, serverLines, r.out());
        Set<String> threads = new java.util.TreeSet<>();
        for (String l : r.lines()) {
            if (l.startsWith("[ThreadingTcpServer-")) {
                threads.add(l.substring(0, l.indexOf(']')));
            }
        }
        assertEquals(3, threads.size(), "one thread per connection: " + threads);
        r.result("^6 of 6 messages echoed in upper case; 3 connections served, each on its own thread; server closed$");
    }

    @Test
    void virtualThreadsAndChineseTextWork() throws Exception {
        Run r = ProcessExamplesTest.run("echo-server-threads", "--clients", "2", "--messages", "1", "--virtual",
                "--lang", "zh");
        assertTrue(r.out().contains("虚拟线程"), r.out());
        assertEquals(1, r.count("客户端1：HELLO WORLD 1.1"), r.out());
        r.result("^2/2条消息以大写返回；2个连接，各由一个线程服务；服务端已关闭$");
    }

    @Test
    void registeredUnderThreads() {
        assertEquals(Topic.THREADS, Examples.find("echo-server-threads").orElseThrow().topic());
    }
}

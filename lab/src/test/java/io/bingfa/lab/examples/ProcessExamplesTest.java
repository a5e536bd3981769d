package io.bingfa.lab.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bingfa.multiprocessing.JvmProcess;
import io.bingfa.multiprocessing.Multiprocessing;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The examples of processes: what their children print comes back to the example's output, and
 * the outcome each one is meant to show. Every test leaves no child JVM behind.
 *
 * <p>They run the example directly with a captured {@link ExampleContext} (not through
 * {@code ExampleRunner}, which counts the JDK's own "process reaper" and "Cleaner-0" daemon
 * threads, started by any use of {@code java.lang.Process} or shared memory, as the example's).
 */
class ProcessExamplesTest {

    @AfterEach
    void noChildJvmLeftBehind() throws InterruptedException {
        List<JvmProcess> left = Multiprocessing.activeChildren();
        for (JvmProcess p : left) {
            p.kill();
        }
        for (JvmProcess p : left) {
            p.join(Duration.ofSeconds(10));
        }
        assertEquals(List.of(), left, "child JVMs left behind");
    }

    @Test
    void processCountEachProcessCountsOnItsOwn() throws Exception {
        Run r = run("process-count", "--time-scale", "0.01", "--times", "3");
        Map<String, List<String>> byProcess = new HashMap<>();
        for (String line : r.lines()) {
            Matcher m = Pattern.compile("^(\\d) (Process-\\d+)$").matcher(line);
            if (m.matches()) {
                byProcess.computeIfAbsent(m.group(2), k -> new ArrayList<>()).add(m.group(1));
            }
        }
        assertEquals(3, byProcess.size(), r.out());
        for (List<String> counts : byProcess.values()) {
            assertEquals(List.of("1", "2", "3"), counts, r.out());
        }
        assertEquals(1, r.count("count in the main process: 0"), r.out());
        r.result("^3 processes each counted 1..3 on their own count; the main process's count is 0; exit codes 0: True$");
    }

    @Test
    void processLifecycleTerminateGivesMinus15AndJoinGivesZero() throws Exception {
        Run r = run("process-lifecycle", "--time-scale", "0.05");
        List<String> lines = r.lines();
        assertTrue(lines.get(0).matches("Process-\\d+"), r.out());
        assertEquals(List.of("False", "False", "True"), lines.subList(1, 4), r.out());
        assertTrue(lines.get(4).matches("\\d+"), r.out());
        for (String name : List.of("egon", "tank")) {
            assertEquals(1, r.count(name + " is running"), r.out());
            assertEquals(1, r.count(name + " is over"), r.out());
        }
        assertEquals(0, r.count("jason is over"), r.out());
        assertEquals(1, r.count("hehe"), r.out());
        r.result("^is_alive\\(\\) before start: False, after start: True, after join: \\[False, False, False\\];"
                + " p1 terminated: exitcode -15; p2 and p3 ran to the end: exitcode 0 and 0$");
    }

    @Test
    void distributedQueueWorkersConnectedByAddressAndKeySquareEveryTask() throws Exception {
        Run r = run("distributed-queue", "--time-scale", "0.01", "--tasks", "8", "--workers", "2");
        Set<Integer> squared = new TreeSet<>();
        for (String line : r.lines()) {
            Matcher m = Pattern.compile("^master: result: (\\d+) \\* (\\d+) = (\\d+) \\((worker-[12])\\)$").matcher(line);
            if (m.matches()) {
                int n = Integer.parseInt(m.group(1));
                assertEquals(n * n, Integer.parseInt(m.group(3)), line);
                assertTrue(squared.add(n), "task " + n + " came back twice: " + r.out());
            }
        }
        assertEquals(Set.of(1, 2, 3, 4, 5, 6, 7, 8), squared, r.out());
        assertEquals(2, r.lines().stream().filter(l -> l.matches("worker-[12]: task queue is empty, done")).count(), r.out());
        r.result("^the master received 8 results .* from workers that knew only the address and the key: \\{.*\\}$");
    }

    @Test
    void twoDownloadsInProcessesTakeAboutTheLongerOne() throws Exception {
        Run r = run("two-downloads-processes", "--time-scale", "0.1", "--seed", "3");
        assertEquals(2, r.lines().stream().filter(l -> l.matches("Started download process, pid \\[\\d+\\]\\.")).count(), r.out());
        assertEquals(1, r.count("Start downloading Python从入门到住院.pdf..."), r.out());
        assertEquals(1, r.count("Start downloading Peking Hot.avi..."), r.out());
        Matcher m = r.result("^the downloads of (\\d+) s and (\\d+) s took ([\\d.]+) s from the first start to the last end:"
                + " close to the longer one");
        double span = Double.parseDouble(m.group(3));
        int a = Integer.parseInt(m.group(1));
        int b = Integer.parseInt(m.group(2));
        assertTrue(span >= Math.max(a, b) && span < a + b, r.out());
    }

    @Test
    void twoDownloadsInChinese() throws Exception {
        Run r = run("two-downloads-processes", "--time-scale", "0.05", "--lang", "zh");
        assertEquals(2, r.lines().stream().filter(l -> l.matches("启动下载进程，进程号\\[\\d+\\]\\.")).count(), r.out());
        r.result("^下载耗时\\d+秒和\\d+秒");
    }

    @Test
    void pingPongWithAGlobalCounterPrintsTwentyLines() throws Exception {
        Run r = run("ping-pong", "--time-scale", "0.01");
        assertEquals(10, r.count("Ping"), r.out());
        assertEquals(10, r.count("Pong"), r.out());
        r.result("^each process had its own counter: 10 Ping and 10 Pong, 20 in all; the main process's counter is 0$");
    }

    @Test
    void pingPongWithASharedCounterUnderItsLockPrintsTen() throws Exception {
        Run r = run("ping-pong", "--time-scale", "0.01", "--fixed");
        assertEquals(10, r.count("Ping") + r.count("Pong"), r.out());
        r.result("^the shared counter is 10: \\d+ Ping and \\d+ Pong, 10 in all$");
    }

    @Test
    void processQueueGetterReceivesEveryItemInOrder() throws Exception {
        Run r = run("process-queue", "--time-scale", "0.01");
        assertEquals(3, r.lines().stream().filter(l -> l.matches("Process-\\d+ puts [ABC] into the queue")).count(), r.out());
        r.result("^the getter process received \\['A', 'B', 'C'\\] in the order they were put; then terminated: exit code -15$");
    }

    @Test
    void processPipeReceiverGetsEveryMessageInOrder() throws Exception {
        Run r = run("process-pipe", "--time-scale", "0.01");
        assertEquals(3, r.lines().stream().filter(l -> l.matches("Process-\\d+ sent message [ABC]")).count(), r.out());
        assertEquals(1, r.count("Done"), r.out());
        // terminated (-15), or it saw the sender's end close first (EOFError, 0): a race either way
        r.result("^the receiver process received \\['A', 'B', 'C'\\] in the order they were sent; then .*: exit code (-15|0)$");
    }

    @Test
    void processPipeInChinese() throws Exception {
        Run r = run("process-pipe", "--time-scale", "0.01", "--lang", "zh");
        assertEquals(1, r.count("执行结束"), r.out());
        r.result("^接收进程按发送的顺序收到了\\['A', 'B', 'C'\\]");
    }

    @Test
    void poolApplyAsyncRunsEveryTaskInThreeWorkers() throws Exception {
        Run r = run("pool-apply-async", "--time-scale", "0.01");
        for (int i = 0; i < 10; i++) {
            String prefix = i + " (";
            assertEquals(1, r.lines().stream().filter(l -> l.startsWith(prefix)).count(), r.out());
        }
        List<String> lines = r.lines();
        assertEquals("end", lines.get(lines.size() - 2), r.out());
        r.result("^10 of 10 tasks ran \\(10 successful\\) in 3 worker processes of Pool\\(3\\)");
    }

    @Test
    void parallelSumIsExact() throws Exception {
        Run r = run("parallel-sum");
        assertEquals(2, r.count("5000000050000000"), r.out());
        r.result("^sum of 1..100000000 = 5000000050000000, exact in all three: True; ");
    }

    @Test
    void echoServerProcessesAnswerEveryMessageInUpperCase() throws Exception {
        Run r = run("echo-server-processes", "--servers", "3", "--connections", "6", "--messages", "2");
        if (r.result().startsWith("not run: SO_REUSEPORT unsupported")) {
            return;                                   // the example explains why; nothing to check here
        }
        for (int c = 1; c <= 6; c++) {
            for (int m = 1; m <= 2; m++) {
                assertEquals(1, r.count("client, connection " + c + ": HELLO WORLD " + c + "." + m), r.out());
            }
        }
        long serverLines = r.lines().stream().filter(l -> l.matches("\\[pid \\d+\\] hello world \\d+\\.\\d+")).count();
        assertEquals(12, serverLines, r.out());
        Matcher m = r.result("^12 of 12 messages echoed in upper case over 6 connections, served by (\\d) of 3 server processes"
                + " \\(pid \\d+: (\\d+), pid \\d+: (\\d+), pid \\d+: (\\d+)\\); servers terminated: exit codes \\[-15, -15, -15\\]$");
        int served = Integer.parseInt(m.group(2)) + Integer.parseInt(m.group(3)) + Integer.parseInt(m.group(4));
        assertEquals(6, served, r.out());
    }

    @Test
    void everyProcessExampleIsRegisteredUnderProcesses() {
        for (String name : List.of("process-count", "process-lifecycle", "pool-apply-async", "process-queue", "process-pipe",
                "two-downloads-processes", "ping-pong", "parallel-sum", "echo-server-processes")) {
            assertEquals(Topic.PROCESSES, Examples.find(name).orElseThrow().topic(), name);
        }
    }

    // ------------------------------------------------------------------ running an example

    /** What an example printed. */
    record Run(String out) {
        List<String> lines() {
            return out.lines().toList();
        }

        long count(String line) {
            return lines().stream().filter(line::equals).count();
        }

        String result() {
            List<String> lines = lines();
            assertTrue(!lines.isEmpty(), "no output");
            String last = lines.get(lines.size() - 1);
            assertTrue(last.startsWith("result: ") || last.startsWith("结果: "), "no result line\n" + out);
            return last.substring(last.indexOf(": ") + 2);
        }

        Matcher result(String regex) {
            Matcher m = Pattern.compile(regex).matcher(result());
            assertTrue(m.find(), "result line does not match " + regex + "\n" + out);
            return m;
        }
    }

    /** Runs an example in this JVM with its output captured: {@code --time-scale}, {@code --lang}, {@code --seed} and its own options. */
    static Run run(String name, String... args) throws Exception {
        Example example = Examples.find(name).orElseThrow();
        Map<String, String> options = new HashMap<>();
        for (ExampleOption option : example.options()) {
            options.put(option.name(), option.defaultValue());
        }
        double scale = 1.0;
        Lang lang = Lang.EN;
        long seed = 42;
        for (int i = 0; i < args.length; i++) {
            String key = args[i].substring(2);
            switch (key) {
                case "time-scale" -> scale = Double.parseDouble(args[++i]);
                case "lang" -> lang = Lang.parse(args[++i]).orElseThrow();
                case "seed" -> seed = Long.parseLong(args[++i]);
                default -> {
                    ExampleOption option = example.options().stream().filter(o -> o.name().equals(key))
                            .findFirst().orElseThrow(() -> new IllegalArgumentException(args[0]));
                    options.put(key, option.kind() == ExampleOption.Kind.FLAG ? "true" : args[++i]);
                }
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            example.run(new ExampleContext(out, lang, scale, seed, false, options));
        }
        return new Run(bytes.toString(StandardCharsets.UTF_8));
    }
}

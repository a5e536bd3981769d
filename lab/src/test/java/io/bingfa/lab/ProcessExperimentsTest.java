package io.bingfa.lab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bingfa.multiprocessing.Multiprocessing;
import io.bingfa.multiprocessing.SharedArray;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChartBuilder;

/**
 * The three process experiments with {@code --quick}: threads-vs-processes, io-processes and
 * parallel-sum each run, write their section with a chart and a computed conclusion, get their
 * figures right (exact sums), and leave no child JVM and no thread behind.
 */
@Timeout(180)
class ProcessExperimentsTest {
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    /** Starts the JVM-wide threads that outlive a run: Java2D's disposer, the shared-memory cleaner. */
    @BeforeAll
    static void startJvmServiceThreads(@TempDir Path dir) throws Exception {
        System.setProperty("java.awt.headless", "true");
        var chart = new CategoryChartBuilder().width(100).height(100).build();
        chart.addSeries("s", List.of("a"), List.of(1));
        BitmapEncoder.saveBitmap(chart, dir.resolve("warm").toString(), BitmapEncoder.BitmapFormat.PNG);
        SharedArray.ofLongs(1);
    }

    /** Starts the virtual-thread scheduler's carriers (io-processes runs virtual threads). */
    @BeforeEach
    void startVirtualThreadCarriers() throws InterruptedException {
        List<Thread> virtual = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            virtual.add(Thread.ofVirtual().start(() -> {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        for (Thread t : virtual) {
            t.join();
        }
    }

    @AfterEach
    void noChildJvmIsLeft() {
        assertEquals(List.of(), Multiprocessing.activeChildren());
    }

    /** Runs one experiment quickly; checks its section, chart and conclusion; returns the output. */
    private static LabRun.Result runOne(String name, Path dir) throws IOException {
        LabRun.Result r = LabRun.run("lab", name, "--quick", "--out", dir.toString());
        assertEquals(0, r.exit(), r.both());
        assertEquals(List.of(), Multiprocessing.activeChildren(), "child JVMs left behind");
        String html = Files.readString(dir.resolve("index.html"), StandardCharsets.UTF_8);
        Matcher section = Pattern.compile("<section id=\"" + name + "\">(.*?)</section>", Pattern.DOTALL).matcher(html);
        assertTrue(section.find(), "no section " + name + "\n" + html);
        String body = section.group(1);
        assertFalse(body.contains("class=\"fail\""), name + " failed\n" + r.both());
        assertTrue(body.contains("class=\"conclusion\""), body);
        assertTrue(body.contains("<table>"), body);
        Matcher img = Pattern.compile("<img src=\"([^\"]+)\"").matcher(body);
        assertTrue(img.find(), "no chart in " + name);
        byte[] bytes = Files.readAllBytes(dir.resolve(img.group(1)));
        assertTrue(bytes.length > 5000, "chart too small: " + bytes.length);
        assertArrayEquals(PNG, Arrays.copyOf(bytes, 8), "not a PNG");
        assertEquals(1, r.out().lines().filter(l -> l.startsWith("=> ")).count(), r.both());
        return r;
    }

    private static String conclusion(LabRun.Result r) {
        return r.out().lines().filter(l -> l.startsWith("=> ")).findFirst().orElseThrow();
    }

    @Test
    void threadsVsProcessesRunsEachWayWithTheSameWorkersAndComputesItsConclusion(@TempDir Path dir) throws IOException {
        LabRun.Result r = runOne("threads-vs-processes", dir);
        int workers = Math.min(2 * Runtime.getRuntime().availableProcessors(), 16);
        for (String row : List.of("sequential ", workers + " threads ", workers + " child JVMs ")) {
            assertTrue(r.lines().stream().anyMatch(l -> l.startsWith(row)), "no row " + row + "\n" + r.both());
        }
        Matcher m = Pattern.compile("(\\d+) child JVMs took ([0-9.]+) s").matcher(conclusion(r));
        assertTrue(m.find(), r.both());
        assertEquals(workers, Integer.parseInt(m.group(1)));
        Matcher row = Pattern.compile("^" + workers + " child JVMs +\\| +([0-9.]+) ", Pattern.MULTILINE).matcher(r.out());
        assertTrue(row.find(), r.both());
        assertEquals(Double.parseDouble(row.group(1)), Double.parseDouble(m.group(2)), 0.006,
                "the conclusion quotes the measured figure");
    }

    @Test
    void ioProcessesMeasuresTwoAndFourChildJvmsAndExtrapolatesTo4000(@TempDir Path dir) throws IOException {
        LabRun.Result r = runOne("io-processes", dir);
        for (String row : List.of("2 child JVMs ", "4 child JVMs ", "platform threads ", "virtual threads ",
                "4,000 child JVMs (estimate) ")) {
            assertTrue(r.lines().stream().anyMatch(l -> l.startsWith(row)), "no row " + row + "\n" + r.both());
        }
        assertFalse(r.out().contains("8 child JVMs"), "quick mode stops at 4 children\n" + r.both());
        Matcher m = Pattern.compile("A sleeping child JVM held ([0-9.]+) MB").matcher(conclusion(r));
        assertTrue(m.find(), r.both());
        if (Files.isReadable(Path.of("/proc/self/status"))) {
            double mb = Double.parseDouble(m.group(1));
            assertTrue(mb > 5 && mb < 2000, "a JVM's resident set: " + mb + " MB");
        }
        String html = Files.readString(dir.resolve("index.html"), StandardCharsets.UTF_8);
        assertTrue(html.contains("never starts more than 16 child JVMs"), "the report states the safety limit");
    }

    @Test
    void parallelSumFindsTheExactSumEveryWay(@TempDir Path dir) throws IOException {
        LabRun.Result r = runOne("parallel-sum", dir);
        long n = 10_000_000L;
        String exact = String.format("%,d", n * (n + 1) / 2);
        List<String> rows = r.lines().stream().filter(l -> l.contains(" | ") && !l.startsWith("how ")).toList();
        assertEquals(6, rows.size(), "sequential, threads, stream, child JVMs, cold and warm pool\n" + r.both());
        for (String row : rows) {
            assertEquals(exact, row.split("\\|")[1].strip(), row);
        }
        assertTrue(rows.stream().anyMatch(l -> l.startsWith("8 child JVMs ")), r.both());
        assertTrue(rows.stream().anyMatch(l -> l.startsWith("Pool(")), r.both());
        assertTrue(conclusion(r).contains("Every way found the exact sum " + exact), r.both());
    }

    @Test
    void concurrentWaitsEndsEveryWaitEachWayAndSaysTheProcessesAreScaledDown(@TempDir Path dir) throws IOException {
        LabRun.Result r = runOne("concurrent-waits", dir);
        for (String way : List.of("asyncio, one event loop", "platform threads", "virtual threads")) {
            Matcher row = Pattern.compile("^" + way + " +\\| +1,000 +\\| +([0-9.]+) ", Pattern.MULTILINE).matcher(r.out());
            assertTrue(row.find(), "no row " + way + " with 1,000 waits\n" + r.both());
            assertTrue(Double.parseDouble(row.group(1)) >= 0.2, "every wait lasts its 0.2 s: " + row.group());
        }
        assertTrue(Pattern.compile("^child JVMs +\\| +2 +\\|", Pattern.MULTILINE).matcher(r.out()).find(),
                "quick mode starts 2 child JVMs\n" + r.both());
        assertTrue(conclusion(r).contains("1,000 waits of 0.2 s all ended after"), r.both());
        assertTrue(conclusion(r).contains("2 child JVMs took"), r.both());
        String html = Files.readString(dir.resolve("index.html"), StandardCharsets.UTF_8);
        assertTrue(html.contains("Processes are scaled down"), "the report says why there are only a few processes");
    }

    @Test
    void echoModesLoadsTheEchoServerInEachModeWithOrderedPercentiles(@TempDir Path dir) throws IOException {
        LabRun.Result r = runOne("echo-modes", dir);
        for (String mode : List.of("thread per connection", "virtual thread per connection", "child JVMs sharing the port",
                "asyncio, one event loop")) {
            Matcher row = Pattern.compile("^" + Pattern.quote(mode) + " +\\| +([0-9,]+) +\\| +([0-9,]+) +\\| +([0-9,]+) +\\| +([0-9,]+)"
                    + " +\\| +([0-9,]+) +\\| +([0-9,]+)$", Pattern.MULTILINE).matcher(r.out());
            assertTrue(row.find(), "no row " + mode + "\n" + r.both());
            assertTrue(Long.parseLong(row.group(1).replace(",", "")) > 0, row.group());
            for (int p = 3; p <= 6; p++) {
                assertTrue(Long.parseLong(row.group(p).replace(",", "")) >= Long.parseLong(row.group(p - 1).replace(",", "")),
                        "percentiles in order: " + row.group());
            }
        }
        assertTrue(conclusion(r).contains("round trips/s"), r.both());
        assertTrue(conclusion(r).contains("Every answer was the request in upper case"), r.both());
    }

    @Test
    void withPythonCPythonsAsyncioAndThreadsGoInTheConcurrentWaitsTable(@TempDir Path dir) throws IOException {
        Assumptions.assumeTrue(python3(), "python3 is not on the PATH");
        LabRun.Result r = LabRun.run("lab", "concurrent-waits", "--quick", "--python", "--out", dir.toString());
        assertEquals(0, r.exit(), r.both());
        for (String row : List.of("CPython asyncio ", "CPython threading.Thread ")) {
            assertTrue(r.lines().stream().anyMatch(l -> l.startsWith(row) && l.contains(" 1,000 ")), "no row " + row + "\n" + r.both());
        }
        assertTrue(conclusion(r).contains(" CPython: asyncio "), r.both());
        assertEquals(List.of(), Multiprocessing.activeChildren());
    }

    @Test
    void withPythonCPythonsThreadsAndProcessesGoInTheSameTable(@TempDir Path dir) throws IOException {
        Assumptions.assumeTrue(python3(), "python3 is not on the PATH");
        LabRun.Result r = LabRun.run("lab", "threads-vs-processes", "--quick", "--python", "--out", dir.toString());
        assertEquals(0, r.exit(), r.both());
        for (String row : List.of("CPython sequential ", "CPython threading.Thread ", "CPython multiprocessing.Process ")) {
            assertTrue(r.lines().stream().anyMatch(l -> l.startsWith(row)), "no row " + row + "\n" + r.both());
        }
        assertTrue(conclusion(r).contains(" CPython (same loop"), r.both());
        assertEquals(List.of(), Multiprocessing.activeChildren());
    }

    private static boolean python3() {
        for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, "python3"))) {
                return true;
            }
        }
        return false;
    }

    @Test
    void inChineseTheProcessExperimentsWriteChineseConclusions(@TempDir Path dir) throws IOException {
        LabRun.Result r = LabRun.run("lab", "parallel-sum", "--quick", "--lang", "zh", "--out", dir.toString());
        assertEquals(0, r.exit(), r.both());
        assertTrue(conclusion(r).contains("每种方式都得到了精确的和"), r.both());
        assertEquals(List.of(), Multiprocessing.activeChildren());
    }
}

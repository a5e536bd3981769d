package io.bingfa.lab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bingfa.lab.experiments.Experiments;
import io.bingfa.threading.Deadlocks;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChartBuilder;

/**
 * The lab's runner with {@code --quick}: every experiment runs in this JVM, the report has a section,
 * a chart and a conclusion for each, and no thread is left behind (LabRun checks).
 */
class LabExperimentsTest {
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    /**
     * Starts the JVM-wide threads that outlive any run before the runs are checked for threads left
     * behind: the virtual-thread scheduler's carriers and Java2D's disposer.
     */
    @BeforeAll
    static void startJvmServiceThreads(@TempDir Path dir) throws Exception {
        System.setProperty("java.awt.headless", "true");
        var chart = new CategoryChartBuilder().width(100).height(100).build();
        chart.addSeries("s", List.of("a"), List.of(1));
        BitmapEncoder.saveBitmap(chart, dir.resolve("warm").toString(), BitmapEncoder.BitmapFormat.PNG);
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
        // the JDK's process reaper, which --python's child processes start
        new ProcessBuilder("true").start().waitFor();
        // the cleaner of shared memory, which the process experiments' SharedArrays start
        io.bingfa.multiprocessing.SharedArray.ofLongs(1);
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
    void withPythonTheCPythonTwinGoesInTheSameTableAndChart(@TempDir Path dir) throws IOException {
        Assumptions.assumeTrue(python3(), "python3 is not on the PATH");
        LabRun.Result r = LabRun.run("lab", "shared-data", "--quick", "--python", "--out", dir.toString());
        assertEquals(0, r.exit(), r.both());
        assertTrue(r.out().contains("CPython · bank, no lock"), r.both());
        assertTrue(Pattern.compile("CPython · countdown, Lock +\\| +0 +\\| +0 +\\| +0").matcher(r.out()).find(), r.both());
        String html = Files.readString(dir.resolve("index.html"), StandardCharsets.UTF_8);
        assertTrue(html.contains("<dt>CPython</dt><dd>CPython 3."), html);
        assertTrue(html.contains("the GIL does not protect a read-sleep-write"), html);
    }

    @Test
    void quickRunWritesAReportWithEverySectionItsChartAndAConclusion(@TempDir Path dir) throws IOException {
        LabRun.Result r = LabRun.run("lab", "--quick", "--out", dir.toString());
        assertEquals(0, r.exit(), r.both());
        assertFalse(Deadlocks.isDetecting());
        String html = Files.readString(dir.resolve("index.html"), StandardCharsets.UTF_8);
        assertTrue(html.startsWith("<!DOCTYPE html>"), html);
        assertFalse(html.contains("http://") || html.contains("https://"), "the report loads nothing from the network");
        for (String name : Experiments.names()) {
            Matcher section = Pattern.compile("<section id=\"" + name + "\">(.*?)</section>", Pattern.DOTALL).matcher(html);
            assertTrue(section.find(), "no section " + name);
            String body = section.group(1);
            assertTrue(body.contains("class=\"conclusion\""), "no conclusion in " + name);
            assertFalse(body.contains("class=\"fail\""), name + " failed\n" + r.both());
            assertTrue(body.contains("<table>"), "no figures in " + name);
            Matcher img = Pattern.compile("<img src=\"([^\"]+)\"").matcher(body);
            assertTrue(img.find(), "no chart in " + name);
            Path chart = dir.resolve(img.group(1));
            assertTrue(Files.isRegularFile(chart), chart.toString());
            byte[] bytes = Files.readAllBytes(chart);
            assertTrue(bytes.length > 5000, "chart too small: " + chart + " " + bytes.length);
            assertArrayEquals(PNG, Arrays.copyOf(bytes, 8), "not a PNG: " + chart);
            assertTrue(r.out().contains("== "), r.both());
        }
        assertTrue(html.contains("cores"), "the machine is in the header");
        assertEquals(Experiments.names().size(), r.out().lines().filter(l -> l.startsWith("=> ")).count(),
                "one printed conclusion per experiment\n" + r.both());
    }

    @Test
    void conclusionsAreComputedFromTheFigures(@TempDir Path dir) throws IOException {
        LabRun.Result r = LabRun.run("lab", "pos-machine", "--quick", "--out", dir.toString());
        assertEquals(0, r.exit(), r.both());
        String conclusion = r.out().lines().filter(l -> l.startsWith("=> ")).findFirst().orElseThrow();
        assertTrue(conclusion.contains("with the Lock 3 of 3 days ended at exactly 2000")
                || conclusion.contains("With the Lock 3 of 3 days ended at exactly 2000"), conclusion);
        String html = Files.readString(dir.resolve("index.html"), StandardCharsets.UTF_8);
        assertTrue(html.contains("id=\"pos-machine\""), html);
        assertFalse(html.contains("id=\"io-bound\""), "only the named experiment runs");
    }

    @Test
    void inChineseTheReportHasChineseHeadings(@TempDir Path dir) throws IOException {
        LabRun.Result r = LabRun.run("lab", "deadlock", "--quick", "--lang", "zh", "--out", dir.toString());
        assertEquals(0, r.exit(), r.both());
        String html = Files.readString(dir.resolve("index.html"), StandardCharsets.UTF_8);
        assertTrue(html.contains("<html lang=\"zh-CN\">"), html);
        assertTrue(html.contains("bingfa 实验报告"), html);
        assertTrue(html.contains("目录"), html);
        assertTrue(html.contains("死锁：两把锁，相反的顺序"), html);
        assertTrue(html.contains("结论"), html);
        assertTrue(r.out().contains("抛出了DeadlockException"), r.both());
    }

    @Test
    void unknownExperimentExitsTwoAndNamesTheValidOnes(@TempDir Path dir) {
        LabRun.Result r = LabRun.run("lab", "no-such", "--out", dir.toString());
        assertEquals(2, r.exit(), r.both());
        assertTrue(r.err().contains("unknown experiment: no-such"), r.both());
        assertTrue(r.err().contains(String.join(", ", Experiments.names())), r.both());
        assertFalse(Files.exists(dir.resolve("index.html")));
    }
}

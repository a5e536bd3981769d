package io.bingfa.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The runner's output format and checks, in process, on small ({@code --quick}) workloads. Speed is
 * not asserted here: that is what the runner itself reports.
 */
class SideBySideFormatTest {

    /** What one in-process run printed, and its exit status. */
    private record Run(int status, List<String> out, String err) {
        String last() {
            return out.get(out.size() - 1);
        }

        boolean has(String regex) {
            return out.stream().anyMatch(line -> line.matches(regex));
        }
    }

    private static Run run(String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int status;
        try (var outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
             var errStream = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            status = Main.run(args, outStream, errStream);
        }
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().filter(l -> !l.isEmpty()).toList();
        return new Run(status, lines, err.toString(StandardCharsets.UTF_8));
    }

    private static void assertLine(Run run, String regex) {
        assertTrue(run.has(regex), () -> "no line matching " + regex + " in:\n" + String.join("\n", run.out())
                + "\nstderr:\n" + run.err());
    }

    @Test
    void quickThroughputRunPrintsOneLinePerSideAndEndsWithTheBingfaFigure() {
        Run run = run("lock_uncontended", "--quick", "--no-python", "--runs", "1");
        assertEquals(0, run.status(), () -> "exit status; output:\n" + run.out() + "\n" + run.err());
        assertLine(run, "lock_uncontended bingfa \\d+ ops/s");
        assertLine(run, "lock_uncontended jdk \\d+ ops/s");
        assertLine(run, "# lock_uncontended cpython skipped: .*--no-python.*");
        assertLine(run, "# lock_uncontended bingfa/jdk \\d+\\.\\d+x \\(floor 0\\.8x: (met|missed)\\)");
        assertTrue(run.last().matches("lock_uncontended \\d+ ops/s"), run.last());
        assertTrue(run.err().contains("[bench] lock_uncontended:"), "progress lines go to stderr");
        assertTrue(run.out().stream().noneMatch(l -> l.contains("FAILED") || l.contains("check failed")),
                () -> String.join("\n", run.out()));
    }

    @Test
    void quickBankRaceReportsSecondsAndShowsTheLostUpdatesWithoutALock() {
        Run run = run("bank_race", "--quick", "--no-python", "--runs", "1");
        assertEquals(0, run.status(), () -> "exit status; output:\n" + run.out() + "\n" + run.err());
        assertLine(run, "bank_race bingfa \\d+\\.\\d{3} seconds");
        assertLine(run, "bank_race jdk \\d+\\.\\d{3} seconds");
        assertLine(run, "# bank_race unlocked balance \\d+ \\(expected: < 10\\)");
        assertLine(run, "# bank_race bingfa/jdk \\d+\\.\\d+x \\(no floor, equal semantics: met\\)");
        assertTrue(run.last().matches("bank_race \\d+\\.\\d{3} seconds"), run.last());
    }

    @Test
    void everyPythonScriptHasARegisteredBenchmarkAndViceVersa() throws IOException {
        Set<String> scripts = pythonScripts();
        assertEquals(new TreeSet<>(Benchmarks.names()), scripts);
        assertTrue(Benchmarks.names().containsAll(List.of("threadpool_tiny_tasks", "threadpool_map", "io_sleepers")),
                Benchmarks.names()::toString);
        assertEquals(Benchmarks.names().size(), new TreeSet<>(Benchmarks.names()).size(), "names are unique");
    }

    @Test
    void quickThreadPoolRunsCheckTheirResultsAgainstTheJdkPool() {
        Run tiny = run("threadpool_tiny_tasks", "--quick", "--no-python", "--runs", "1");
        assertEquals(0, tiny.status(), () -> "exit status; output:\n" + tiny.out() + "\n" + tiny.err());
        assertLine(tiny, "threadpool_tiny_tasks bingfa \\d+ tasks/s");
        assertLine(tiny, "threadpool_tiny_tasks jdk \\d+ tasks/s");
        assertLine(tiny, "# threadpool_tiny_tasks bingfa/jdk \\d+\\.\\d+x \\(floor 0\\.8x: (met|missed)\\)");
        assertTrue(tiny.last().matches("threadpool_tiny_tasks \\d+ tasks/s"), tiny.last());

        Run map = run("threadpool_map", "--quick", "--no-python", "--runs", "1");
        assertEquals(0, map.status(), () -> "exit status; output:\n" + map.out() + "\n" + map.err());
        assertLine(map, "threadpool_map bingfa \\d+ items/s");
        assertLine(map, "threadpool_map jdk \\d+ items/s");
        assertTrue(map.last().matches("threadpool_map \\d+ items/s"), map.last());
    }

    @Test
    void quickEchoRunsCheckEveryReplyOnBothJavaSidesAndCloseTheirServers() {
        assertEquals("thread-per-connection echo server (upper-cases), 50 clients x 400 round trips of 64 B",
                Benchmarks.named("threaded_echo", false).orElseThrow().workload());
        assertEquals("event-loop echo server (upper-cases), 100 clients x 200 round trips of 64 B",
                Benchmarks.named("asyncio_echo", false).orElseThrow().workload());
        Run threaded = run("threaded_echo", "--quick", "--no-python", "--runs", "1");
        assertEquals(0, threaded.status(), () -> "exit status; output:\n" + threaded.out() + "\n" + threaded.err());
        assertLine(threaded, "threaded_echo bingfa \\d+ round trips/s");
        assertLine(threaded, "threaded_echo jdk \\d+ round trips/s");
        assertTrue(threaded.last().matches("threaded_echo \\d+ round trips/s"), threaded.last());

        Run async = run("asyncio_echo", "--quick", "--no-python", "--runs", "1");
        assertEquals(0, async.status(), () -> "exit status; output:\n" + async.out() + "\n" + async.err());
        assertLine(async, "asyncio_echo bingfa \\d+ round trips/s");
        assertLine(async, "asyncio_echo jdk \\d+ round trips/s");
        assertLine(async, "# asyncio_echo bingfa/jdk \\d+\\.\\d+x \\(floor 0\\.8x: (met|missed)\\)");
        assertLine(async, "# asyncio_echo bingfa event loop scheduler path (LOOP_CARRIER|HANDOFF).*");
        assertTrue(async.last().matches("asyncio_echo \\d+ round trips/s"), async.last());
        assertTrue(async.out().stream().noneMatch(l -> l.contains("FAILED") || l.contains("check failed")),
                () -> String.join("\n", async.out()));
    }

    @Test
    void quickIoSleepersReportsSecondsAnAbsoluteGoalAndTheVirtualThreadLine() {
        Benchmark quick = Benchmarks.named("io_sleepers", true).orElseThrow();
        assertEquals("start 400 threads that each sleep 0.2 s, join all", quick.workload());
        Benchmark full = Benchmarks.named("io_sleepers", false).orElseThrow();
        assertEquals("start 4000 threads that each sleep 2 s, join all", full.workload());
        assertEquals(2.3, full.goal().maxSeconds(), 1e-9);
        assertEquals(3.0, full.extras().get(0).maxSeconds(), 1e-9);
        assertEquals("bingfa-virtual-100k", full.extras().get(0).impl());
        Run run = run("io_sleepers", "--quick", "--no-python", "--runs", "1");
        assertEquals(0, run.status(), () -> "exit status; output:\n" + run.out() + "\n" + run.err());
        assertLine(run, "io_sleepers bingfa \\d+\\.\\d{3} seconds");
        assertLine(run, "io_sleepers jdk \\d+\\.\\d{3} seconds");
        assertLine(run, "io_sleepers bingfa-virtual-10k \\d+\\.\\d{3} seconds");
        assertLine(run, "# io_sleepers bingfa-virtual-10k goal <= 0\\.3 s: (met|missed)");
        assertLine(run, "# io_sleepers goal bingfa <= 0\\.23 s: (met|missed)");
        assertLine(run, "# io_sleepers bingfa/jdk \\d+\\.\\d+x \\(for comparison\\)");
        assertTrue(run.last().matches("io_sleepers \\d+\\.\\d{3} seconds"), run.last());
        for (String line : run.out()) {
            assertTrue(line.startsWith("#") || line.split(" ").length == 4 || line.split(" ").length == 3, line);
        }
    }

    @Test
    void everyPythonScriptDoesTheSameWorkloadAsTheJavaSides() throws Exception {
        StringBuilder whyNot = new StringBuilder();
        Optional<PythonSide> python = PythonSide.find(Main.home(), whyNot);
        assumeTrue(python.isPresent(), whyNot::toString);
        for (Benchmark b : Benchmarks.all(true)) {
            List<String> diagnostics = new ArrayList<>();
            PythonSide.Result r = python.get().run(b.name(), b.unit().label(), 1, true, diagnostics);
            assertEquals(b.workload(), r.workload(), b.name() + " " + diagnostics);
            assertTrue(r.value() > 0, b.name());
        }
    }

    @Test
    void aFailedCheckIsReportedAndEndsTheOutputWithFailed() {
        Benchmark broken = new Benchmark() {
            @Override public String name() { return "broken"; }
            @Override public Unit unit() { return Unit.OPS_PER_SECOND; }
            @Override public Goal goal() { return Goal.ratios(1, 0.8, "nothing"); }
            @Override public String workload() { return "nothing"; }
            @Override public long amount() { return 1; }
            @Override public void bingfa() throws CheckFailedException {
                Harness.check(false, "final count 1 (expected: 2)");
            }
            @Override public void jdk() {
            }
        };
        var out = new ByteArrayOutputStream();
        Outcome outcome;
        try (var outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
             var errStream = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)) {
            outcome = new SideBySide(1, true, Optional.empty(), "--no-python", outStream, errStream).run(broken);
        }
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertTrue(outcome.failed());
        assertTrue(lines.contains("# broken bingfa check failed: final count 1 (expected: 2)"), lines::toString);
        assertTrue(lines.stream().anyMatch(l -> l.matches("broken jdk \\d+ ops/s")), lines::toString);
        assertTrue(lines.get(lines.size() - 1).startsWith("# broken FAILED: bingfa check failed"), lines::toString);
    }

    @Test
    void listNamesEveryBenchmarkWithItsUnitAndGoal() {
        Run run = run("list");
        assertEquals(0, run.status());
        for (Benchmark b : Benchmarks.all(false)) {
            assertLine(run, b.name() + " +" + java.util.regex.Pattern.quote(b.unit().label()) + " +goal: .*");
        }
    }

    @Test
    void unknownBenchmarkOrOptionIsAUsageErrorWithoutExiting() {
        assertEquals(2, run("no_such_benchmark", "--no-python").status());
        assertEquals(2, run("lock_uncontended", "--runs", "0").status());
        assertEquals(2, run("lock_uncontended", "--fast").status());
    }

    @Test
    void pythonOutputIsParsedAndAFailedScriptIsACheckFailure() throws Exception {
        List<String> diagnostics = new ArrayList<>();
        PythonSide.Result r = PythonSide.parse("queue_spsc", "items/s", 0, List.of(
                "# workload: some work", "# a comment", "queue_spsc cpython 361234 items/s", "stray"), diagnostics);
        assertEquals(361234, r.value());
        assertEquals("some work", r.workload());
        assertEquals(List.of("a comment"), r.comments());
        assertEquals(List.of("stray"), diagnostics);
        assertThrows(CheckFailedException.class, () -> PythonSide.parse("queue_spsc", "items/s", 1,
                List.of("# queue_spsc cpython check failed: got 3 (expected: 2)"), new ArrayList<>()));
        assertThrows(CheckFailedException.class, () -> PythonSide.parse("queue_spsc", "items/s", 0,
                List.of("# workload: some work"), new ArrayList<>()));
    }

    private static Set<String> pythonScripts() throws IOException {
        Path home = Main.home();
        assertNotNull(home, "repository root with bench/python");
        try (Stream<Path> files = Files.list(home.resolve("bench").resolve("python"))) {
            return files.map(p -> p.getFileName().toString())
                    .filter(f -> f.endsWith(".py") && !f.startsWith("_"))
                    .map(f -> f.substring(0, f.length() - ".py".length()))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }
}

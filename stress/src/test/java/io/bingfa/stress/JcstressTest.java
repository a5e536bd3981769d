package io.bingfa.stress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Runs every jcstress test of {@code io.bingfa.stress} in a child JVM (jcstress's own harness,
 * which forks a VM per test) and fails if any of them shows a forbidden outcome, errs, or does not
 * run at all.
 *
 * <p>The system property {@code bingfa.stress} picks the run. {@code quick} (the default, for CI)
 * runs jcstress's {@code quick} preset on two CPUs in one VM configuration, without split
 * compilation: one VM per test, about 3 s each, under two minutes for the suite on two cores.
 * {@code full} ({@code ./bingfa test --full}) runs the {@code default} preset over every VM
 * configuration jcstress detects, with each actor interpreted and compiled by C1 and C2 in turn:
 * about 25 VMs and 6 minutes per test on two cores, so hours for the suite (fewer on more cores,
 * as jcstress runs tests side by side). The property {@code bingfa.stress.tests}, a regular
 * expression, narrows the run to the tests whose simple name it finds
 * ({@code mvn test -pl stress -Dbingfa.stress.tests=Queue}).
 *
 * <p>Everything jcstress writes (the HTML report, its result blob, this run's console log) goes to
 * {@code target/jcstress-results}.
 */
/*
 * jcstress 0.16 exits with 0 even when a test was skipped for a failed sanity check (a "soft
 * error") or because it needs more CPUs than it was given, so the exit code alone proves nothing:
 * the final "(Results: ...)" line must show every planned run passed, and every test named in
 * META-INF/TestList must have a page in the report.
 *
 * A full run outlasts surefire's fork timeout (forkedProcessTimeoutInSeconds, 1500 s in the parent
 * POM) unless the build raises it; surefire then ends the fork, and the shutdown hook here kills
 * the jcstress VMs with it.
 */
class JcstressTest {
    /** Heap of the jcstress host VM; jcstress also passes the host's flags on to the test VMs. */
    private static final String HEAP = "-Xmx256m";

    private enum Run {
        QUICK(Duration.ofMinutes(10), Duration.ZERO, List.of(
                "-m", "quick", "-c", "2", "-sc", "false",
                "-jvmArgs", HEAP + " --enable-native-access=ALL-UNNAMED")),
        FULL(Duration.ofMinutes(10), Duration.ofMinutes(10), List.of(
                "-m", "default",
                "-jvmArgsPrepend", "--enable-native-access=ALL-UNNAMED"));

        private final Duration base;
        private final Duration perTest;
        final List<String> jcstressArgs;

        Run(Duration base, Duration perTest, List<String> jcstressArgs) {
            this.base = base;
            this.perTest = perTest;
            this.jcstressArgs = jcstressArgs;
        }

        /**
         * How long the run may take: generous, several times its usual length on a two-core
         * machine; a quick run's deadline also stays under surefire's fork timeout (25 minutes), so
         * that this test, not surefire, ends an overrun and cleans up.
         */
        Duration deadline(int tests) {
            return base.plus(perTest.multipliedBy(tests));
        }

        static Run fromProperty() {
            String value = System.getProperty("bingfa.stress", "quick").trim();
            return switch (value) {
                case "quick", "" -> QUICK;
                case "full" -> FULL;
                default -> throw new IllegalArgumentException(
                        "bingfa.stress: " + value + " (expected: quick or full)");
            };
        }
    }

    // The run enforces its own deadline (Run.deadline) and kills the child VMs when it passes;
    // this only lifts JUnit's default timeout (two minutes) above it.
    @Test
    @Timeout(value = 24, unit = TimeUnit.HOURS)
    void noPrimitiveShowsAForbiddenOutcomeUnderJcstress() throws Exception {
        Run run = Run.fromProperty();
        Path target = targetDirectory();
        Path results = target.resolve("jcstress-results");
        deleteRecursively(results);
        Files.createDirectories(results);
        Path log = results.resolve("jcstress.log");

        String filter = testFilter();
        Set<String> expected = listedTests(target.resolve("classes/META-INF/TestList"), filter);
        assertTrue(!expected.isEmpty(), "no jcstress test matches " + filter + " in target/classes/META-INF/TestList");

        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add(HEAP);
        command.add("--enable-native-access=ALL-UNNAMED");
        command.add("-cp");
        command.add(target.resolve("classes") + File.pathSeparator
                + Files.readString(target.resolve("classpath.txt")).trim());
        command.add("org.openjdk.jcstress.Main");
        command.addAll(List.of("-t", filter, "-r", results.toString()));
        command.addAll(run.jcstressArgs);

        long start = System.nanoTime();
        int exit = runChild(command, results, log, run.deadline(expected.size()));
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
        String output = Files.readString(log, StandardCharsets.UTF_8);

        Counts counts = Counts.last(output);
        Set<String> missing = new TreeSet<>(expected);
        missing.removeAll(reportedTests(results));
        String summary = String.format("jcstress (%s): %d tests, %s; exit %d after %d s; report %s",
                run.name().toLowerCase(Locale.ROOT), expected.size(),
                counts == null ? "no results line" : counts, exit, seconds, results.resolve("index.html"));
        System.out.println(summary);

        String details = summary + "\n" + failureSections(output) + "\n--- log: " + log;
        if (counts == null) {
            fail(details + "\n" + tail(output, 60));
        }
        assertEquals(0, counts.failed(), "forbidden outcomes: " + details);
        assertEquals(0, counts.softErrors(), "soft errors (a sanity check failed; tests skipped): " + details);
        assertEquals(0, counts.hardErrors(), "hard errors (a test VM crashed or hung): " + details);
        assertEquals(counts.planned(), counts.passed(), "not every planned run passed: " + details);
        assertTrue(missing.isEmpty(), "tests that did not run (more actors than CPUs?): " + missing + "\n" + details);
        assertEquals(0, exit, "jcstress exit code: " + details + "\n" + tail(output, 60));
    }

    /** jcstress's final tally: runs are (test, VM configuration, fork) triples. */
    private record Counts(int planned, int passed, int failed, int softErrors, int hardErrors) {
        private static final Pattern LINE = Pattern.compile(
                "\\(Results: (\\d+) planned; (\\d+) passed, (\\d+) failed, (\\d+) soft errs, (\\d+) hard errs\\)");

        /** The last tally jcstress printed (it prints one with every progress line), or null. */
        static Counts last(String output) {
            Counts counts = null;
            Matcher m = LINE.matcher(output);
            while (m.find()) {
                counts = new Counts(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                        Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)));
            }
            return counts;
        }

        @Override
        public String toString() {
            return passed + " of " + planned + " runs passed, " + failed + " failed, " + softErrors
                    + " soft errors, " + hardErrors + " hard errors";
        }
    }

    /**
     * The jcstress test selector: every test of this package, or those whose simple name
     * {@code bingfa.stress.tests} finds. Anchored, so it means the same whether jcstress finds or
     * matches it.
     */
    private static String testFilter() {
        String narrow = System.getProperty("bingfa.stress.tests", "").trim();
        return "^io\\.bingfa\\.stress\\." + (narrow.isEmpty() ? ".*" : "[^.]*(?:" + narrow + ")[^.]*") + "$";
    }

    /**
     * Runs the command with its output in {@code log}, waiting at most {@code deadline}; past it,
     * or if this JVM is shut down first, the child and every VM it forked are killed.
     */
    private static int runChild(List<String> command, Path directory, Path log, Duration deadline)
            throws IOException, InterruptedException {
        Process child = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        Thread killer = new Thread(() -> destroyTree(child), "jcstress-child-killer");
        Runtime.getRuntime().addShutdownHook(killer);
        try {
            if (!child.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
                fail("jcstress did not finish within " + deadline + "; killed it. Log: " + log);
            }
            return child.exitValue();
        } finally {
            destroyTree(child);
            try {
                Runtime.getRuntime().removeShutdownHook(killer);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running or about to; nothing left to undo.
            }
        }
    }

    private static void destroyTree(Process process) {
        if (!process.isAlive()) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** stress/target, found from where this class was loaded (target/test-classes). */
    private static Path targetDirectory() throws URISyntaxException {
        Path testClasses = Path.of(JcstressTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return testClasses.getParent();
    }

    /**
     * The test classes jcstress's annotation processor listed that the filter selects. A test's
     * line is {@code JCTEST} and then fields, each written as its length, {@code S}, and its text;
     * the first field is the test's class name.
     */
    private static Set<String> listedTests(Path testList, String filter) throws IOException {
        Pattern selected = Pattern.compile(filter);
        Set<String> names = new TreeSet<>();
        for (String line : Files.readAllLines(testList, StandardCharsets.UTF_8)) {
            if (!line.startsWith("JCTEST")) {
                continue;
            }
            int s = line.indexOf('S', "JCTEST".length());
            int length = Integer.parseInt(line.substring("JCTEST".length(), s));
            String name = line.substring(s + 1, s + 1 + length);
            if (selected.matcher(name).find()) {
                names.add(name);
            }
        }
        return names;
    }

    /** The tests with a page in the HTML report, that is, the tests jcstress ran. */
    private static Set<String> reportedTests(Path results) throws IOException {
        try (Stream<Path> files = Files.list(results)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".html") && !n.equals("index.html"))
                    .map(n -> n.substring(0, n.length() - ".html".length()))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    /** jcstress's own account of what went wrong: the "Failed tests" and "Error tests" sections. */
    private static String failureSections(String output) {
        int from = output.lastIndexOf("RUN RESULTS:");
        if (from < 0) {
            return "";
        }
        int to = output.indexOf("All remaining tests:", from);
        String sections = output.substring(from, to < 0 ? output.length() : to);
        return sections.length() > 20_000 ? sections.substring(0, 20_000) + "\n[...]" : sections;
    }

    private static String tail(String output, int lines) {
        String[] all = output.split("\n");
        return String.join("\n", Arrays.copyOfRange(all, Math.max(0, all.length - lines), all.length));
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}

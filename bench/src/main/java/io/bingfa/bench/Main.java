package io.bingfa.bench;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The side-by-side runner: {@code ./bingfa bench NAME|all|list [--runs N] [--no-python] [--quick]}.
 *
 * <p>For each benchmark it runs the bingfa side, the JDK peer and {@code bench/python/NAME.py} and
 * prints one {@code NAME IMPL VALUE UNIT} line per side, {@code #} lines with the ratios against
 * the goals of BENCHMARKS.md, and last the bingfa figure as {@code NAME VALUE UNIT}. {@code all}
 * ends with a summary table. Exit status: 0, 1 when a result check failed, 2 for a usage error.
 * A goal that is missed is reported, not an error: the machines are noisy.
 */
public final class Main {
    static final String USAGE = "usage: bingfa bench NAME|all|list [--runs N] [--no-python] [--quick]";
    private static final String HELP = """

            Runs a workload three ways (bingfa, the JDK peer, python3 bench/python/NAME.py) and prints
            NAME IMPL VALUE UNIT per side, '#' lines with the ratios and goals, and last NAME VALUE UNIT
            (the bingfa figure). Each side: a warm-up run, then the best of N timed runs.

              list          the benchmarks, their units and goals
              all           every benchmark in turn, then a summary table
              --runs N      timed runs per side (default 3)
              --no-python   skip the CPython side (also skipped when python3 is not on the PATH)
              --quick       about 10x smaller workloads

            Exit status: 0; 1 when a result check failed; 2 for a usage error. A missed goal is
            reported, not an error.""";

    private Main() {
    }

    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        System.out.flush();
        if (status != 0) {
            System.exit(status);
        }
    }

    /** Runs the command line {@code args}, printing to {@code out} and {@code err}; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        String target = null;
        int runs = 3;
        boolean quick = false;
        boolean withPython = true;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--no-python" -> withPython = false;
                case "--runs" -> {
                    if (i + 1 == args.length) {
                        return usage(err, "--runs needs a number");
                    }
                    try {
                        runs = Integer.parseInt(args[++i]);
                    } catch (NumberFormatException e) {
                        return usage(err, "--runs: " + args[i] + " (expected: a number >= 1)");
                    }
                    if (runs < 1) {
                        return usage(err, "--runs: " + runs + " (expected: >= 1)");
                    }
                }
                case "-h", "--help" -> {
                    out.println(USAGE);
                    out.println(HELP);
                    return 0;
                }
                default -> {
                    if (args[i].startsWith("-")) {
                        return usage(err, "unknown option: " + args[i]);
                    }
                    if (target != null) {
                        return usage(err, "one benchmark at a time: " + target + ", " + args[i]);
                    }
                    target = args[i];
                }
            }
        }
        if (target == null) {
            return usage(err, "which benchmark?");
        }
        if (target.equals("list")) {
            list(out);
            return 0;
        }
        List<Benchmark> chosen;
        if (target.equals("all")) {
            chosen = Benchmarks.all(quick);
        } else {
            Optional<Benchmark> one = Benchmarks.named(target, quick);
            if (one.isEmpty()) {
                return usage(err, "unknown benchmark: " + target + " (expected: all, list or one of "
                        + String.join(", ", Benchmarks.names()) + ")");
            }
            chosen = List.of(one.get());
        }

        StringBuilder whyNot = new StringBuilder();
        Optional<PythonSide> python = Optional.empty();
        if (withPython) {
            python = PythonSide.find(home(), whyNot);
        } else {
            whyNot.append("--no-python");
        }
        SideBySide runner = new SideBySide(runs, quick, python, whyNot.toString(), out, err);
        List<Outcome> outcomes = new ArrayList<>();
        for (Benchmark b : chosen) {
            outcomes.add(runner.run(b));
            out.flush();
        }
        if (chosen.size() > 1) {
            summary(outcomes, runs, out);
        }
        return outcomes.stream().anyMatch(Outcome::failed) ? 1 : 0;
    }

    private static int usage(PrintStream err, String problem) {
        err.println("bingfa bench: " + problem);
        err.println(USAGE);
        return 2;
    }

    private static void list(PrintStream out) {
        for (Benchmark b : Benchmarks.all(false)) {
            out.println(String.format("%-20s %-14s goal: %s; workload: %s",
                    b.name(), b.unit().label(), b.goal().describe(b.unit()), b.workload()));
        }
    }

    /** The repository root: {@code -Dbingfa.home}, else the nearest directory up with bench/python. */
    static Path home() {
        String configured = System.getProperty("bingfa.home");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("bench").resolve("python"))) {
                return dir;
            }
        }
        return null;
    }

    /** A Markdown table of all outcomes, for the end of {@code all}. */
    private static void summary(List<Outcome> outcomes, int runs, PrintStream out) {
        out.println();
        out.println("# summary: best of " + runs + " timed runs; ratios above 1 mean bingfa is faster");
        out.println("| benchmark | unit | bingfa | jdk | cpython | bingfa/cpython | goal | bingfa/jdk | floor |");
        out.println("|---|---|---:|---:|---:|---:|---|---:|---|");
        for (Outcome o : outcomes) {
            Benchmark b = o.benchmark();
            Goal g = b.goal();
            String goal = g.isAbsolute() ? "bingfa " + g.boundText(b.unit())
                    : g.isEqualSemantics() ? "equal semantics" : ">= " + Goal.number(g.vsCpython()) + "x";
            String floor = g.isAbsolute() ? "none"
                    : Double.isNaN(g.jdkFloor()) ? "equal semantics" : ">= " + Goal.number(g.jdkFloor()) + "x";
            out.println("| " + b.name() + " | " + b.unit().label()
                    + " | " + figure(b, o.bingfa()) + " | " + figure(b, o.jdk()) + " | " + figure(b, o.cpython())
                    + " | " + ratio(o.vsCpython()) + " | " + goal + ": " + o.cpythonStatus()
                    + " | " + ratio(o.vsJdk()) + " | " + floor + ": " + o.jdkStatus() + " |");
        }
        long failed = outcomes.stream().filter(Outcome::failed).count();
        out.println(failed == 0 ? "# all checks passed" : "# " + failed + " benchmark(s) FAILED a check");
    }

    private static String figure(Benchmark b, Double value) {
        return value == null ? "-" : b.unit().format(value);
    }

    private static String ratio(Double r) {
        return r == null ? "-" : Harness.ratio(r);
    }
}

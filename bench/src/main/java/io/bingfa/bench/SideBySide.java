package io.bingfa.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs one benchmark on its three sides and prints, on {@code out}: one {@code NAME IMPL VALUE UNIT}
 * line per side, {@code #} lines with the ratios and goals, and last the bingfa figure as
 * {@code NAME VALUE UNIT}. Progress goes to {@code err}.
 */
final class SideBySide {
    private final int runs;
    private final boolean quick;
    private final Optional<PythonSide> python;
    private final String noPython;
    private final PrintStream out;
    private final PrintStream err;

    /**
     * @param python the CPython side, or empty, in which case {@code noPython} says why
     */
    SideBySide(int runs, boolean quick, Optional<PythonSide> python, String noPython, PrintStream out,
               PrintStream err) {
        this.runs = runs;
        this.quick = quick;
        this.python = python;
        this.noPython = noPython;
        this.out = out;
        this.err = err;
    }

    Outcome run(Benchmark b) {
        List<String> failures = new ArrayList<>();
        progress(b, "workload: " + b.workload());
        try {
            for (String line : b.semantics()) {
                out.println("# " + b.name() + " " + line);
            }
        } catch (Exception e) {
            failures.add(fail(b.name(), "semantics", e));
        }
        Double[] java = {null, null};
        try {
            b.open();
            java = javaSides(b, failures);
            for (String line : b.notes()) {
                out.println("# " + b.name() + " " + line);
            }
            for (Benchmark.Extra extra : b.extras()) {
                extra(b, extra, failures);
            }
        } catch (Exception e) {
            failures.add(fail(b.name(), "open", e));
        } finally {
            try {
                b.close();
            } catch (Exception e) {
                failures.add(fail(b.name(), "close", e));
            }
        }
        String cpythonNote = python.isEmpty() ? "skipped: " + noPython : null;
        Double cpython = python.isEmpty() ? null : cpython(b, python.get(), failures);
        if (cpythonNote != null) {
            out.println("# " + b.name() + " cpython " + cpythonNote);
        }

        String failure = failures.isEmpty() ? null : String.join("; ", failures);
        Outcome outcome = new Outcome(b, java[0], java[1], cpython, cpythonNote, failure);
        printRatios(outcome);
        if (failure != null) {
            out.println("# " + b.name() + " FAILED: " + failure);
        } else {
            out.println(b.name() + " " + b.unit().format(outcome.bingfa()) + " " + b.unit().label());
        }
        return outcome;
    }

    /**
     * Warms up both Java sides, then times them in turns, so that a noisy spell of the machine hits
     * both alike. Returns {bingfa, jdk}, an element {@code null} when that side failed.
     */
    private Double[] javaSides(Benchmark b, List<String> failures) {
        progress(b, "warm-up run of bingfa and of jdk");
        String[] sides = {"bingfa", "jdk"};
        Harness.Work[] trials = {b::bingfa, b::jdk};
        boolean[] ok = new boolean[2];
        double[] best = {Double.MAX_VALUE, Double.MAX_VALUE};
        for (int s = 0; s < 2; s++) {
            ok[s] = attempt(b, sides[s], trials[s], failures);
        }
        for (int i = 1; i <= runs; i++) {
            for (int s = 0; s < 2; s++) {
                if (ok[s]) {
                    String peer = s == 1 ? " (" + b.goal().jdkPeer() + ")" : "";
                    progress(b, sides[s] + peer + ", timed run " + i + "/" + runs);
                    double seconds = timed(b, sides[s], trials[s], failures);
                    ok[s] = !Double.isNaN(seconds);
                    best[s] = Math.min(best[s], seconds);
                }
            }
        }
        Double[] figures = new Double[2];
        for (int s = 0; s < 2; s++) {
            if (ok[s]) {
                try {
                    figures[s] = b.figure(sides[s], best[s]);
                } catch (RuntimeException e) {
                    failures.add(fail(b.name(), sides[s], e));
                    continue;
                }
                out.println(b.name() + " " + sides[s] + " " + b.unit().format(figures[s]) + " " + b.unit().label());
            }
        }
        return figures;
    }

    /** Warm-up and timed runs of one extra bingfa figure; prints its line and its goal. */
    private void extra(Benchmark b, Benchmark.Extra extra, List<String> failures) {
        progress(b, extra.impl() + ": warm-up run");
        if (!attempt(b, extra.impl(), extra.trial(), failures)) {
            return;
        }
        double best = Double.MAX_VALUE;
        for (int i = 1; i <= runs; i++) {
            progress(b, extra.impl() + ", timed run " + i + "/" + runs);
            double seconds = timed(b, extra.impl(), extra.trial(), failures);
            if (Double.isNaN(seconds)) {
                return;
            }
            best = Math.min(best, seconds);
        }
        double value = b.unit().value(extra.amount(), best);
        out.println(b.name() + " " + extra.impl() + " " + b.unit().format(value) + " " + b.unit().label());
        if (!Double.isNaN(extra.maxSeconds())) {
            out.println("# " + b.name() + " " + extra.impl() + " goal <= " + Goal.number(extra.maxSeconds())
                    + " s: " + (best <= extra.maxSeconds() ? "met" : "missed"));
        }
    }

    /** Runs bench/python/NAME.py; its figure, or {@code null} when it failed (failure recorded). */
    private Double cpython(Benchmark b, PythonSide side, List<String> failures) {
        String name = b.name();
        progress(b, "cpython: python3 " + PythonSide.scriptName(name) + ", warm-up + " + runs + " timed runs");
        List<String> diagnostics = new ArrayList<>();
        try {
            PythonSide.Result r = side.run(name, b.unit().label(), runs, quick, diagnostics);
            for (String comment : r.comments()) {
                out.println("# " + comment);
            }
            if (!r.workload().equals(b.workload())) {
                throw new CheckFailedException(PythonSide.scriptName(name) + " does another workload: '"
                        + r.workload() + "' (expected: '" + b.workload() + "')");
            }
            out.println(name + " cpython " + b.unit().format(r.value()) + " " + b.unit().label());
            return r.value();
        } catch (Exception e) {
            failures.add(fail(name, "cpython", e));
            return null;
        } finally {
            diagnostics.forEach(line -> err.println("[python] " + line));
        }
    }

    private void printRatios(Outcome o) {
        String name = o.benchmark().name();
        Goal goal = o.benchmark().goal();
        Double vsCpython = o.vsCpython();
        if (goal.isAbsolute() && o.bingfa() != null) {
            out.println("# " + name + " " + goal.cpythonText(o.benchmark().unit()) + ": " + o.cpythonStatus());
        }
        if (vsCpython != null) {
            out.println("# " + name + " bingfa/cpython " + Harness.ratio(vsCpython)
                    + " (" + (goal.isAbsolute() ? "for comparison" : goal.cpythonText(o.benchmark().unit()) + ": " + o.cpythonStatus())
                    + ")");
        } else if (o.cpythonNote() != null) {
            out.println("# " + name + " bingfa/cpython n/a (cpython " + o.cpythonNote() + ")");
        }
        Double vsJdk = o.vsJdk();
        if (vsJdk != null) {
            out.println("# " + name + " bingfa/jdk " + Harness.ratio(vsJdk)
                    + " (" + (goal.isAbsolute() ? "for comparison" : goal.jdkText() + ": " + o.jdkStatus()) + ")");
        }
        if (!o.benchmark().unit().higherIsBetter() && (vsCpython != null || vsJdk != null)) {
            out.println("# " + name + " ratios for " + o.benchmark().unit().label()
                    + " are other/bingfa: above 1 means bingfa "
                    + (o.benchmark().unit().isTime() ? "took less time" : "has the lower " + o.benchmark().unit().label()));
        }
    }

    /** The warm-up run; false (with the failure recorded) if it failed. */
    private boolean attempt(Benchmark b, String side, Harness.Work trial, List<String> failures) {
        try {
            trial.run();
            return true;
        } catch (Exception e) {
            failures.add(fail(b.name(), side, e));
            return false;
        }
    }

    /** One timed run, in seconds, or NaN if it failed (failure recorded). */
    private double timed(Benchmark b, String side, Harness.Work trial, List<String> failures) {
        System.gc();
        try {
            return Harness.seconds(trial);
        } catch (Exception e) {
            failures.add(fail(b.name(), side, e));
            return Double.NaN;
        }
    }

    private String fail(String name, String side, Exception e) {
        String what = e instanceof CheckFailedException ? "check failed: " + e.getMessage() : "error: " + e;
        out.println("# " + name + " " + side + " " + what);
        if (!(e instanceof CheckFailedException)) {
            e.printStackTrace(err);
        }
        return side + " " + what;
    }

    private void progress(Benchmark b, String what) {
        err.println("[bench] " + b.name() + ": " + what);
        err.flush();
    }
}

package io.bingfa.bench;

import static io.bingfa.bench.Harness.check;

import io.bingfa.multiprocessing.JvmProcess;
import io.bingfa.multiprocessing.Multiprocessing;
import java.time.Duration;

/**
 * {@code process_start}: start + join one child process that runs a no-op, in milliseconds (lower is
 * better): the fastest single start+join of the timed runs, each run being {@code SAMPLES} children
 * one after another (never two at once). bingfa starts a {@link JvmProcess} whose target is an empty
 * serialisable lambda; the JDK peer starts {@code java -cp <class path> JdkChild noop} with a
 * {@link ProcessBuilder} and waits for it. CPython uses the spawn start method (a fresh interpreter
 * that imports the script and unpickles the target), the closest match to a fresh JVM.
 * Goal: no slower than CPython's spawn.
 */
final class ProcessStart extends Benchmark {
    private final int samples;
    private final PassTimes bingfaTimes = new PassTimes();
    private final PassTimes jdkTimes = new PassTimes();
    private boolean aotCache;

    ProcessStart(boolean quick) {
        samples = quick ? 2 : 5;
    }

    @Override public String name() { return "process_start"; }
    @Override public Unit unit() { return Unit.MS; }
    @Override public Goal goal() { return Goal.ratios(1, Double.NaN, "ProcessBuilder java -cp CP JdkChild noop + waitFor"); }

    @Override
    public String workload() {
        return "start + join one child process running a no-op (CPython: spawn start method), "
                + samples + " in a row per timed run, the fastest one";
    }

    @Override public long amount() { return samples; }

    @Override
    public void open() throws InterruptedException {
        bingfaTimes.reset();
        jdkTimes.reset();
        // Children start from JDK 25's AOT cache once it exists (made once per JDK and class path
        // by a background training child); wait for it rather than time the first children
        // without it. Where it cannot exist (JDK < 25, class-path directories) this returns false.
        aotCache = Multiprocessing.prepareChildren(Duration.ofSeconds(30));
    }

    @Override
    public java.util.List<String> notes() {
        return java.util.List.of("bingfa children start from the AOT cache: " + aotCache);
    }

    @Override
    public void bingfa() throws Exception {
        bingfaTimes.newRun();
        for (int i = 0; i < samples; i++) {
            JvmProcess child = new JvmProcess(() -> { });
            try {
                bingfaTimes.time("sample", () -> {
                    child.start();
                    child.join();
                });
                check(child.exitCode() == 0, "child exit code " + child.exitCode() + " (expected: 0)");
            } finally {
                if (child.isAlive()) {
                    child.kill();
                    child.join();
                }
            }
        }
    }

    @Override
    public void jdk() throws Exception {
        jdkTimes.newRun();
        for (int i = 0; i < samples; i++) {
            Process[] child = new Process[1];
            try {
                jdkTimes.time("sample", () -> {
                    child[0] = JdkChild.command("noop")
                            .redirectInput(ProcessBuilder.Redirect.INHERIT)
                            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                            .start();
                    child[0].waitFor();
                });
                check(child[0].exitValue() == 0, "child exit code " + child[0].exitValue() + " (expected: 0)");
            } finally {
                if (child[0] != null && child[0].isAlive()) {
                    JdkChild.kill(child[0]);
                }
            }
        }
    }

    /** The fastest single start+join of the timed runs, in ms (the best run's total is not used). */
    @Override
    public double figure(String side, double bestSeconds) {
        return (side.equals("bingfa") ? bingfaTimes : jdkTimes).best("sample") * 1000;
    }
}

package io.bingfa.bench;

import static io.bingfa.bench.Harness.check;

import io.bingfa.multiprocessing.JvmProcess;
import io.bingfa.multiprocessing.ProcessQueue;
import io.bingfa.threading.Threads;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * {@code cpu_threads_vs_processes}: W = 2 x cores workers each run {@link #spin(int)}, once as
 * threads, once as processes (start-up included); the figure is best threads time / best processes
 * time ({@code ratio}, lower is better; CPython's GIL makes it about W / min(W, cores) there). The
 * goal is absolute: at most 1.1, threads being no slower than processes.
 *
 * <p>bingfa: threads started with {@link Threads#start}; processes are {@link JvmProcess}es that put
 * their result on a {@link ProcessQueue} (CPython: a {@code SimpleQueue}). The JDK peer measures
 * the same ratio with plain JDK means: the threads pass on an {@link ExecutorService} of W threads
 * (created and shut down inside the pass, as bingfa's and CPython's threads are), the processes pass
 * with W {@link ProcessBuilder} children ({@code java -cp CP JdkChild spin N}) that print their
 * result. A threads-only peer would have no ratio to compare: the point of the benchmark is how
 * threads fare against processes on the same runtime, so both Java sides run both passes.
 */
final class CpuThreadsVsProcesses extends Benchmark {
    private final int workers;
    private final int steps;
    private final int expected;
    private final PassTimes bingfaTimes = new PassTimes();
    private final PassTimes jdkTimes = new PassTimes();

    CpuThreadsVsProcesses(boolean quick) {
        workers = 2 * Runtime.getRuntime().availableProcessors();
        steps = quick ? 500_000 : 5_000_000;
        expected = spin(steps);
    }

    /** x = 1, then N times x = (x * 1103515245 + 12345) & 0x7FFFFFFF; returns x. */
    static int spin(int n) {
        long x = 1;
        for (int i = 0; i < n; i++) {
            x = (x * 1103515245L + 12345) & 0x7FFFFFFFL;
        }
        return (int) x;
    }

    @Override public String name() { return "cpu_threads_vs_processes"; }
    @Override public Unit unit() { return Unit.RATIO; }
    @Override public Goal goal() {
        return Goal.atMost(1.1, "ExecutorService threads vs ProcessBuilder child JVMs");
    }

    @Override
    public String workload() {
        return workers + " workers (2 x " + workers / 2 + " cores) each run a fixed CPU loop of " + steps
                + " steps, once as threads, once as processes (CPython: fork start method); threads time / processes time";
    }

    @Override public long amount() { return workers; }

    @Override
    public List<String> semantics() {
        return List.of("spin(" + steps + ") = " + expected);
    }

    @Override
    public void open() {
        bingfaTimes.reset();
        jdkTimes.reset();
    }

    @Override
    public void bingfa() throws Exception {
        bingfaTimes.newRun();
        bingfaTimes.time("threads", this::bingfaThreads);
        bingfaTimes.time("processes", this::bingfaProcesses);
    }

    private void bingfaThreads() throws Exception {
        var results = new AtomicIntegerArray(workers);
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            int slot = w;
            threads.add(Threads.start(() -> results.set(slot, spin(steps))));
        }
        for (Thread t : threads) {
            t.join();
        }
        checkResults("thread", toArray(results));
    }

    private void bingfaProcesses() throws Exception {
        ProcessQueue<Integer> results = new ProcessQueue<>();
        int n = steps;
        List<JvmProcess> children = new ArrayList<>();
        try {
            for (int w = 0; w < workers; w++) {
                JvmProcess child = new JvmProcess(() -> results.put(spin(n)));
                children.add(child);
                child.start();
            }
            int[] got = new int[workers];
            for (int w = 0; w < workers; w++) {
                Integer r = results.get(Duration.ofSeconds(60));
                got[w] = r;
            }
            for (JvmProcess child : children) {
                child.join();
                check(child.exitCode() == 0, "child exit code " + child.exitCode() + " (expected: 0)");
            }
            checkResults("process", got);
        } finally {
            for (JvmProcess child : children) {
                if (child.isAlive()) {
                    child.kill();
                    child.join();
                }
            }
            results.close();
        }
    }

    @Override
    public void jdk() throws Exception {
        jdkTimes.newRun();
        jdkTimes.time("threads", this::jdkThreads);
        jdkTimes.time("processes", this::jdkProcesses);
    }

    private void jdkThreads() throws Exception {
        int[] got = new int[workers];
        try (ExecutorService pool = Executors.newFixedThreadPool(workers)) {
            List<Future<Integer>> futures = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                futures.add(pool.submit(() -> spin(steps)));
            }
            for (int w = 0; w < workers; w++) {
                got[w] = futures.get(w).get();
            }
        }
        checkResults("thread", got);
    }

    private void jdkProcesses() throws Exception {
        List<Process> children = new ArrayList<>();
        try {
            for (int w = 0; w < workers; w++) {
                children.add(JdkChild.command("spin", Integer.toString(steps))
                        .redirectInput(ProcessBuilder.Redirect.INHERIT)
                        .start());
            }
            int[] got = new int[workers];
            for (int w = 0; w < workers; w++) {
                Process child = children.get(w);
                try (var reader = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.US_ASCII))) {
                    String line = reader.readLine();
                    check(line != null, "child " + w + " printed no result");
                    got[w] = Integer.parseInt(line.strip());
                }
                check(child.waitFor() == 0, "child exit code " + child.exitValue() + " (expected: 0)");
            }
            checkResults("process", got);
        } finally {
            JdkChild.killAll(children);
        }
    }

    private static int[] toArray(AtomicIntegerArray a) {
        int[] r = new int[a.length()];
        for (int i = 0; i < r.length; i++) {
            r[i] = a.get(i);
        }
        return r;
    }

    private void checkResults(String kind, int[] got) throws CheckFailedException {
        int[] want = new int[workers];
        Arrays.fill(want, expected);
        check(Arrays.equals(got, want), kind + " results " + Arrays.toString(got) + " (expected: " + workers
                + " x " + expected + ")");
    }

    @Override
    public List<String> notes() {
        return List.of(times("bingfa", bingfaTimes), times("jdk", jdkTimes));
    }

    private String times(String side, PassTimes t) {
        try {
            return String.format(java.util.Locale.ROOT, "%s threads %.3f s, processes %.3f s (best of the timed runs)",
                    side, t.best("threads"), t.best("processes"));
        } catch (IllegalStateException noRun) {
            return side + " no timed run";
        }
    }

    /** Best threads time / best processes time of the side's timed runs. */
    @Override
    public double figure(String side, double bestSeconds) {
        PassTimes t = side.equals("bingfa") ? bingfaTimes : jdkTimes;
        return t.best("threads") / t.best("processes");
    }
}

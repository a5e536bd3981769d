package io.bingfa.bench;

import static io.bingfa.bench.Harness.check;

import io.bingfa.SerializableFunction;
import io.bingfa.multiprocessing.Pool;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code parallel_sum}: sum 1..n in 8 range chunks ({@link #chunkSum}, a plain loop) on a pool of
 * {@code cores} workers, against the same 8 chunks summed one after another in this JVM; the figure
 * is best sequential time / best parallel time ({@code speedup}, higher is better). The goal is
 * absolute: a speedup of at least 1.6 on 2 cores. Each side's pool is started in {@link #open()}
 * (untimed) and shared by all runs; the sequential pass is the same code on both sides.
 *
 * <p>bingfa: a {@link Pool} of {@code cores} worker processes, {@code map(chunkSum, chunks, 1)}.
 * The JDK peer uses an {@link ExecutorService} of {@code cores} threads ({@code invokeAll}): that
 * is how a Java program sums in parallel, since Java threads run in parallel; it shows the
 * speedup this machine allows with no process boundary, the ceiling bingfa's process pool is
 * measured against. A ProcessBuilder pool would only measure a hand-written copy of the same IPC.
 */
final class ParallelSum extends Benchmark {
    private static final int CHUNKS = 8;
    private static final SerializableFunction<long[], Long> CHUNK_SUM = ParallelSum::chunkSum;
    private final long n;
    private final int workers;
    private final List<long[]> chunks = new ArrayList<>();
    private final PassTimes bingfaTimes = new PassTimes();
    private final PassTimes jdkTimes = new PassTimes();
    private Pool pool;
    private ExecutorService threads;

    ParallelSum(boolean quick) {
        n = quick ? 2_000_000 : 20_000_000;
        workers = Runtime.getRuntime().availableProcessors();
        long step = n / CHUNKS;
        for (int k = 0; k < CHUNKS; k++) {
            chunks.add(new long[] {k * step + 1, (k + 1) * step});
        }
    }

    /** s += i for i in lo..hi (both included), bounds = {lo, hi}. */
    static long chunkSum(long[] bounds) {
        long s = 0;
        for (long i = bounds[0]; i <= bounds[1]; i++) {
            s += i;
        }
        return s;
    }

    @Override public String name() { return "parallel_sum"; }
    @Override public Unit unit() { return Unit.SPEEDUP; }
    @Override public Goal goal() { return Goal.atLeast(1.6, "ExecutorService of cores threads"); }

    @Override
    public String workload() {
        return "sum 1.." + n + " in " + CHUNKS + " range chunks on a pool of " + workers
                + " processes (CPython: fork start method) vs the same chunks in one process; sum checked; "
                + "sequential time / parallel time";
    }

    @Override public long amount() { return n; }

    @Override
    public void open() throws InterruptedException {
        bingfaTimes.reset();
        jdkTimes.reset();
        pool = new Pool(workers);
        threads = Executors.newFixedThreadPool(workers);
        // Bring the worker JVMs' task path (decode, dispatch, encode) to the JIT's steady state,
        // as the parent's own code already is: the runner's single warm-up pass gives each worker
        // only four tasks, and a cold task path costs ~1 ms per chunk against a ~0.7 ms chunk.
        List<long[]> tiny = new ArrayList<>();
        for (int k = 0; k < CHUNKS; k++) {
            tiny.add(new long[] {1, 1_000});
        }
        for (int i = 0; i < 300; i++) {
            pool.map(CHUNK_SUM, tiny, 1);
        }
    }

    @Override
    public void bingfa() throws Exception {
        bingfaTimes.newRun();
        bingfaTimes.time("sequential", this::sequential);
        bingfaTimes.time("parallel", () -> {
            long total = 0;
            for (Long s : pool.map(CHUNK_SUM, chunks, 1)) {
                total += s;
            }
            checkTotal(total);
        });
    }

    @Override
    public void jdk() throws Exception {
        jdkTimes.newRun();
        jdkTimes.time("sequential", this::sequential);
        jdkTimes.time("parallel", () -> {
            List<Callable<Long>> tasks = new ArrayList<>();
            for (long[] c : chunks) {
                tasks.add(() -> chunkSum(c));
            }
            long total = 0;
            for (Future<Long> f : threads.invokeAll(tasks)) {
                total += f.get();
            }
            checkTotal(total);
        });
    }

    private void sequential() throws CheckFailedException {
        long total = 0;
        for (long[] c : chunks) {
            total += chunkSum(c);
        }
        checkTotal(total);
    }

    private void checkTotal(long total) throws CheckFailedException {
        long expected = n * (n + 1) / 2;
        check(total == expected, "sum " + total + " (expected: " + expected + ")");
    }

    @Override
    public List<String> notes() {
        return List.of(times("bingfa", bingfaTimes), times("jdk", jdkTimes));
    }

    private static String times(String side, PassTimes t) {
        try {
            return String.format(Locale.ROOT, "%s sequential %.3f s, parallel %.3f s (best of the timed runs)",
                    side, t.best("sequential"), t.best("parallel"));
        } catch (IllegalStateException noRun) {
            return side + " no timed run";
        }
    }

    /** Best sequential time / best parallel time of the side's timed runs. */
    @Override
    public double figure(String side, double bestSeconds) {
        PassTimes t = side.equals("bingfa") ? bingfaTimes : jdkTimes;
        return t.best("sequential") / t.best("parallel");
    }

    @Override
    public void close() throws Exception {
        try {
            if (pool != null) {
                pool.terminate();
                pool.join();
            }
        } finally {
            if (threads != null) {
                threads.close();
            }
        }
    }
}

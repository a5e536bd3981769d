package io.bingfa.lab.experiments;

import io.bingfa.multiprocessing.Pool;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The parallel-sum experiment's process-pool part: {@code Pool(cores).map} over the 8 ranges,
 * once on a pool just created (its workers' start-up included) and once more on the same, warm
 * pool. The pool is terminated and joined on every path.
 */
final class ParallelSumPool {
    private ParallelSumPool() {}

    /** Runs in a pool worker: {lo, hi} -> {sum of lo..hi, nanoseconds it took}. */
    static long[] work(long[] range) {
        long start = System.nanoTime();
        long total = ParallelSum.sum(range[0], range[1]);
        return new long[] {total, System.nanoTime() - start};
    }

    /** {cold, warm}, each the best of {@code reps} pools. */
    static ParallelSum.Way[] run(LabContext ctx, String coldLabel, String warmLabel, long n, int cores, int reps)
            throws Exception {
        List<long[]> ranges = new ArrayList<>();
        for (int c = 0; c < ParallelSum.CHUNKS; c++) {
            ranges.add(new long[] {ParallelSum.chunkStart(n, c), ParallelSum.chunkStart(n, c + 1) - 1});
        }
        ParallelSum.Way cold = null;
        ParallelSum.Way warm = null;
        for (int rep = 0; rep < reps; rep++) {
            Set<Thread> before = new HashSet<>(Thread.getAllStackTraces().keySet());
            try {
                long start = System.nanoTime();
                Pool pool = new Pool(cores);
                try (Pool.Scope scope = pool.terminateOnExit()) {
                    ParallelSum.Way c = measure(coldLabel, pool, ranges, start);
                    ParallelSum.Way w = measure(warmLabel, pool, ranges, System.nanoTime());
                    pool.close();
                    pool.join();
                    cold = cold == null || c.elapsed() < cold.elapsed() ? c : cold;
                    warm = warm == null || w.elapsed() < warm.elapsed() ? w : warm;
                }
            } finally {
                awaitNewBingfaThreads(before);
            }
        }
        return new ParallelSum.Way[] {cold, warm};
    }

    private static ParallelSum.Way measure(String label, Pool pool, List<long[]> ranges, long start) throws InterruptedException {
        List<long[]> results = pool.map(ParallelSumPool::work, ranges);
        double elapsed = (System.nanoTime() - start) / 1e9;
        long total = 0;
        long slowest = 0;
        for (long[] r : results) {
            total += r[0];
            slowest = Math.max(slowest, r[1]);
        }
        return new ParallelSum.Way(label, total, elapsed, slowest / 1e9, 0);
    }

    /** Joins the threads the pool and its workers' JvmProcesses started, which end just after them. */
    private static void awaitNewBingfaThreads(Set<Thread> before) throws InterruptedException {
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (!before.contains(t) && t.getName().startsWith("bingfa-")) {
                t.join(10_000);
            }
        }
    }

    /** The pool's sentence of the conclusion. */
    static String conclusion(LabContext ctx, ParallelSum.Way[] pool, ParallelSum.Way seq) {
        if (pool.length < 2) {
            return "";
        }
        ParallelSum.Way cold = pool[0];
        ParallelSum.Way warm = pool[1];
        return ctx.t("A process Pool took %.3f s including the start of its workers, then %.3f s for the same map on the warm pool (%s the single thread): a pool pays the start-up once, and each later map only copies the ranges and the results. ",
                "进程池包括启动工作进程用了%.3f秒，在已预热的池上同样的map用了%.3f秒（单线程的%s）：进程池只付一次启动开销，之后每次map只需复制范围和结果。")
                .formatted(cold.elapsed(), warm.elapsed(), ParallelSum.speedup(seq.elapsed() / warm.elapsed()).replace("x", ctx.t("x", "倍")));
    }
}

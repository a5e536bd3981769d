package io.bingfa.lab.experiments;

import io.bingfa.lab.examples.Lang;
import io.bingfa.multiprocessing.SharedArray;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.stream.LongStream;
import org.knowm.xchart.CategoryChart;

/**
 * Experiment: the course's "divide and conquer" sum of 1..100,000,000 in 8 chunks, one thread
 * after another, in 8 child JVMs (results back through a {@link SharedArray}), on a process
 * {@code Pool(cores).map} over the 8 ranges, on 8 threads, and as a parallel stream. Every sum is
 * checked against n(n+1)/2 exactly.
 */
final class ParallelSum implements Experiment {
    static final int CHUNKS = 8;
    /** Per chunk in the shared array: compute start, compute end (System.nanoTime), the chunk's sum. */
    private static final int SLOTS = 3;

    @Override
    public String name() {
        return "parallel-sum";
    }

    @Override
    public String title(Lang lang) {
        return lang.pick("Sum of 1..N in 8 chunks: threads, processes, a pool", "1..N求和分8块：线程、进程、进程池");
    }

    @Override
    public String question(Lang lang) {
        return lang.pick("The course splits the sum of 1..100,000,000 over 8 processes to use every core. In Java, how do 8 child JVMs, a process Pool, 8 threads and a parallel stream compare with one thread, start-up included?",
                "课程把1..100,000,000的求和分给8个进程，以用上所有核。在Java中，8个子JVM、进程池、8个线程、并行流与单线程相比如何（包含启动时间）？");
    }

    @Override
    public String origin() {
        return "002 例子2 使用多进程对复杂任务进行“分而治之” (1~100000000求和, 8个进程)";
    }

    /** The sum of lo..hi, one number after another, as the course's loop. */
    static long sum(long lo, long hi) {
        long total = 0;
        for (long i = lo; i <= hi; i++) {
            total += i;
        }
        return total;
    }

    /** The first number of chunk {@code c} of 1..n (chunk CHUNKS starts after n). */
    static long chunkStart(long n, int c) {
        return 1 + n * c / CHUNKS;
    }

    /** A chunk's work in a child JVM: its sum and its computing time, into {@code out}. */
    static void chunk(SharedArray out, int c, long lo, long hi) {
        long start = System.nanoTime();
        long total = sum(lo, hi);
        out.set(SLOTS * c, start);
        out.set(SLOTS * c + 1, System.nanoTime());
        out.set(SLOTS * c + 2, total);
    }

    /** One way of summing, measured: the total, wall time, and the slowest worker's own computing time. */
    record Way(String label, long total, double elapsed, double computing, double meanStartup) {}

    private static Way sequential(String label, long n) {
        long start = System.nanoTime();
        long total = sum(1, n);
        double t = (System.nanoTime() - start) / 1e9;
        return new Way(label, total, t, t, 0);
    }

    private static Way threads(String label, long n) throws InterruptedException {
        long[] sums = new long[CHUNKS];
        long[] times = new long[CHUNKS];
        long start = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < CHUNKS; c++) {
            int id = c;
            threads.add(Thread.ofPlatform().name("parallel-sum-" + c).start(() -> {
                long t0 = System.nanoTime();
                sums[id] = sum(chunkStart(n, id), chunkStart(n, id + 1) - 1);
                times[id] = System.nanoTime() - t0;
            }));
        }
        long total = 0;
        for (int c = 0; c < CHUNKS; c++) {
            threads.get(c).join();
            total += sums[c];
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        long slowest = 0;
        for (long t : times) {
            slowest = Math.max(slowest, t);
        }
        return new Way(label, total, elapsed, slowest / 1e9, 0);
    }

    private static Way parallelStream(String label, long n, int cores) throws Exception {
        List<Thread> workers = Collections.synchronizedList(new ArrayList<>());
        ForkJoinPool pool = new ForkJoinPool(cores, p -> {
            ForkJoinWorkerThread t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(p);
            workers.add(t);
            return t;
        }, null, false);
        long start = System.nanoTime();
        long[] result;
        try {
            result = pool.submit(() -> {
                long t0 = System.nanoTime();
                long total = LongStream.rangeClosed(1, n).parallel().sum();
                return new long[] {total, System.nanoTime() - t0};
            }).get();
        } finally {
            pool.close();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        for (Thread t : workers) {
            t.join();
        }
        return new Way(label, result[0], elapsed, result[1] / 1e9, 0);
    }

    private static Way processes(LabContext ctx, String label, long n) throws InterruptedException {
        SharedArray out = SharedArray.ofLongs(SLOTS * CHUNKS);
        long[] launched = new long[CHUNKS];
        long start = System.nanoTime();
        try (ThreadsVsProcessesJvms jvms = new ThreadsVsProcessesJvms("sum");
                Progress progress = ctx.progress("[parallel-sum] " + label)) {
            for (int c = 0; c < CHUNKS; c++) {
                int id = c;
                long lo = chunkStart(n, c);
                long hi = chunkStart(n, c + 1) - 1;
                launched[c] = jvms.start(() -> chunk(out, id, lo, hi));
            }
            jvms.joinAll(progress, ctx.t("%d/%d exited", "已退出%d/%d"));
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        long[] v = out.toLongArray();
        long total = 0;
        long slowest = 0;
        double startup = 0;
        for (int c = 0; c < CHUNKS; c++) {
            total += v[SLOTS * c + 2];
            slowest = Math.max(slowest, v[SLOTS * c + 1] - v[SLOTS * c]);
            startup += (v[SLOTS * c] - launched[c]) / 1e9 / CHUNKS;
        }
        return new Way(label, total, elapsed, slowest / 1e9, startup);
    }

    @Override
    public void run(LabContext ctx, Section s) throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        long n = ctx.size(100_000_000, 10_000_000);
        long expected = n * (n + 1) / 2;
        int reps = ctx.size(3, 2);
        int processReps = ctx.size(2, 1);
        s.parameter("N", String.format("%,d", n));
        s.parameter(ctx.t("Expected sum", "期望的和"), String.format("n(n+1)/2 = %,d", expected));
        s.parameter(ctx.t("Chunks", "分块"), ctx.t("%d ranges of %,d numbers: [1, n/8], [n/8+1, 2n/8], ...", "%d段，每段%,d个数：[1, n/8]，[n/8+1, 2n/8]，……").formatted(CHUNKS, n / CHUNKS));
        s.parameter(ctx.t("Cores", "核数"), cores);
        s.parameter(ctx.t("Repeats", "重复次数"), ctx.t("threads and streams best of %d, child JVMs and the pool best of %d (after one warm-up sum in this JVM)",
                "线程和流取%d次中最好的，子JVM和进程池取%d次中最好的（先在本JVM中预热一次）").formatted(reps, processReps));
        s.note(ctx.t("Every sum is compared with n(n+1)/2; a wrong one fails the experiment.", "每个和都与n(n+1)/2比较；不相等则实验失败。"));
        s.note(ctx.t("Elapsed is wall time around everything, start-up of threads, JVMs and pools included. 'Computing' is the slowest worker's own time (System.nanoTime() around its loop; a child JVM writes its figures into a SharedArray): the seed's program started its clock after the processes, which hides their start-up.",
                "耗时是包含一切的墙钟时间，包括线程、JVM和进程池的启动。“计算”是最慢的工作者自己的时间（循环前后的System.nanoTime()；子JVM把数字写入SharedArray）：原文的程序在启动进程之后才开始计时，因此没有计入进程的启动时间。"));
        s.headers(ctx.t("how", "方式"), ctx.t("sum (checked exactly)", "和（已与n(n+1)/2核对）"), ctx.t("elapsed (s)", "耗时(秒)"),
                ctx.t("speed-up", "加速比"), ctx.t("computing (s)", "计算(秒)"));
        sum(1, Math.min(n, 20_000_000)); // warm-up: the JIT compiles the loop
        String seqLabel = ctx.t("1 thread, sequential", "单线程顺序执行");
        String jvmLabel = ctx.t("%d child JVMs", "%d个子JVM").formatted(CHUNKS);
        String poolLabel = ctx.t("Pool(%d).map, started cold", "Pool(%d).map（冷启动）").formatted(cores);
        String warmLabel = ctx.t("Pool(%d).map, warm", "Pool(%d).map（已预热）").formatted(cores);
        String thrLabel = ctx.t("%d threads", "%d个线程").formatted(CHUNKS);
        String streamLabel = ctx.t("parallel stream (%d)", "并行流（%d）").formatted(cores);
        List<Way> ways = new ArrayList<>();
        Way seq = best(reps, () -> sequential(seqLabel, n));
        report(s, ways, seq, seq, expected);
        Way thr = best(reps, () -> threads(thrLabel, n));
        report(s, ways, thr, seq, expected);
        Way stream = best(reps, () -> parallelStream(streamLabel, n, cores));
        report(s, ways, stream, seq, expected);
        Way jvm = best(processReps, () -> processes(ctx, jvmLabel, n));
        report(s, ways, jvm, seq, expected);
        Way[] pool = ParallelSumPool.run(ctx, poolLabel, warmLabel, n, cores, processReps);
        for (Way w : pool) {
            report(s, ways, w, seq, expected);
        }
        CategoryChart chart = Charts.bars(ctx.t("Sum of 1..%,d in %d chunks on %d cores", "1..%,d求和，分%d块，%d核").formatted(n, CHUNKS, cores),
                ctx.t("how", "方式"), ctx.t("milliseconds (log scale)", "毫秒（对数坐标）"));
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setYAxisMin(0.1);
        List<String> cats = new ArrayList<>();
        List<Double> elapsed = new ArrayList<>();
        List<Double> computing = new ArrayList<>();
        for (Way w : ways) {
            cats.add(w.label());
            elapsed.add(ms(w.elapsed()));
            computing.add(ms(Double.isNaN(w.computing()) ? w.elapsed() : w.computing()));
        }
        Charts.series(chart, ctx.t("elapsed, start-up included", "耗时（含启动）"), cats, elapsed);
        Charts.series(chart, ctx.t("computing (slowest worker)", "计算（最慢的工作者）"), cats, computing);
        chart.getStyler().setXAxisLabelRotation(15);
        s.chart(chart);
        double thrUp = seq.elapsed() / thr.elapsed();
        double jvmUp = seq.elapsed() / jvm.elapsed();
        String a = ctx.t("Every way found the exact sum %,d. One thread took %.3f s; %d threads took %.3f s (%.2fx on %d cores) and a parallel stream %.3f s (%.2fx). ",
                "每种方式都得到了精确的和%,d。单线程用了%.3f秒；%d个线程用了%.3f秒（%d核上%.2f倍），并行流%.3f秒（%.2f倍）。")
                .formatted(ctx.lang() == Lang.ZH
                        ? new Object[] {expected, seq.elapsed(), CHUNKS, thr.elapsed(), cores, thrUp, stream.elapsed(), seq.elapsed() / stream.elapsed()}
                        : new Object[] {expected, seq.elapsed(), CHUNKS, thr.elapsed(), thrUp, cores, stream.elapsed(), seq.elapsed() / stream.elapsed()});
        if (thrUp < 1.2) {
            a += ctx.t("At %.1f ms the whole job is too short for even threads to pay off: starting them costs about as much as the work. ",
                    "整个工作只有%.1f毫秒，短到连线程都不划算：启动它们的开销和工作本身差不多。").formatted(seq.elapsed() * 1000);
        }
        String b = ctx.t("%d child JVMs took %.3f s (%s): each needed %.0f ms to start, while the slowest computed its chunk in %.3f s (its JIT starting cold)",
                "%d个子JVM用了%.3f秒（%s）：每个启动需要%.0f毫秒，而最慢的一个计算自己那块只用了%.3f秒（JIT从零开始）")
                .formatted(CHUNKS, jvm.elapsed(), speedup(jvmUp).replace("x", ctx.t("x", "倍")), jvm.meanStartup() * 1000, jvm.computing());
        String c = jvm.elapsed() > thr.elapsed()
                ? ctx.t(": for a job of %.1f ms on one thread, the processes cost %.0fx the work more than threads did, and threads win. ",
                        "：对于单线程%.1f毫秒的工作，进程比线程多花了工作本身的%.0f倍，线程胜出。").formatted(seq.elapsed() * 1000, (jvm.elapsed() - thr.elapsed()) / seq.elapsed())
                : ctx.t(": the job (%.1f ms on one thread) was long enough for processes to catch up with threads. ",
                        "：工作（单线程%.1f毫秒）足够长，进程追上了线程。").formatted(seq.elapsed() * 1000);
        String d = ParallelSumPool.conclusion(ctx, pool, seq);
        s.conclusion(a + b + c + d + ctx.busyWarning());
    }

    private interface Measure {
        Way run() throws Exception;
    }

    private static Way best(int reps, Measure m) throws Exception {
        Way best = null;
        for (int i = 0; i < reps; i++) {
            Way w = m.run();
            if (best == null || w.elapsed() < best.elapsed()) {
                best = w;
            }
        }
        return best;
    }

    private static void report(Section s, List<Way> ways, Way w, Way seq, long expected) {
        if (w.total() != expected) {
            throw new IllegalStateException(w.label() + " summed " + w.total() + ", expected " + expected);
        }
        ways.add(w);
        s.row(w.label(), String.format("%,d", w.total()), String.format("%.3f", w.elapsed()),
                speedup(seq.elapsed() / w.elapsed()),
                Double.isNaN(w.computing()) ? "-" : String.format("%.3f", w.computing()));
    }

    /** Milliseconds for the log-scale chart: one decimal, at least 0.1. */
    private static double ms(double seconds) {
        return Math.max(0.1, Math.round(seconds * 10_000) / 10.0);
    }

    static String speedup(double x) {
        return String.format(x < 0.1 ? "%.3fx" : "%.2fx", x);
    }
}

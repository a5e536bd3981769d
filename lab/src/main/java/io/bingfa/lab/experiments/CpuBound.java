package io.bingfa.lab.experiments;

import io.bingfa.lab.examples.Lang;
import io.bingfa.threading.Lock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.CategoryChart;

/**
 * Experiment 2: 2 x cores workers of a fixed loop, run one after another, as threads, and as threads
 * under a GIL emulation: one global bingfa {@link Lock} that a worker holds while it computes and
 * gives up every 5 ms (CPython's {@code sys.getswitchinterval()}) and around blocking calls.
 */
final class CpuBound implements Experiment {
    /** CPython's default switch interval. */
    static final long SWITCH_INTERVAL_NANOS = 5_000_000L;

    @Override
    public String name() {
        return "cpu-bound";
    }

    @Override
    public String title(Lang lang) {
        return lang.pick("CPU-bound: threads with and without a GIL", "CPU密集型：有无GIL的线程");
    }

    @Override
    public String question(Lang lang) {
        return lang.pick("Do threads make pure computation faster? Java threads run on every core at once; what happens when one global lock (a GIL, as in CPython) lets only one of them compute at a time?",
                "多线程能让纯计算变快吗？Java线程可以同时在所有核上运行；如果一把全局锁（GIL，和CPython一样）每次只允许一个线程计算，会怎样？");
    }

    @Override
    public String origin() {
        return "000 §七 GIL全局解释器锁, §7.4 计算密集型";
    }

    /** The fixed loop: a xorshift generator run {@code iterations} times. */
    static long spin(long seed, long iterations) {
        long x = seed | 1;
        for (long i = 0; i < iterations; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
        }
        return x;
    }

    /** The global interpreter lock of the emulation. */
    static final class Gil {
        private final Lock lock = new Lock("GIL");
        private long since;
        volatile long switches;

        void enter() throws InterruptedException {
            lock.acquire();
            since = System.nanoTime();
        }

        void exit() {
            lock.release();
        }

        /** Call only when holding the GIL: gives it up once the switch interval has passed. */
        void checkInterval() throws InterruptedException {
            if (System.nanoTime() - since >= SWITCH_INTERVAL_NANOS) {
                switches++;
                lock.release();
                Thread.yield();
                enter();
            }
        }

        /** Runs a blocking call without the GIL, as CPython's Py_BEGIN_ALLOW_THREADS. */
        void blocking(Runnable call) throws InterruptedException {
            exit();
            try {
                call.run();
            } finally {
                enter();
            }
        }
    }

    static long gilWorker(Gil gil, long seed, long iterations) throws InterruptedException {
        final long chunk = 20_000;
        long x = seed;
        gil.enter();
        try {
            for (long done = 0; done < iterations; done += chunk) {
                x = spin(x, Math.min(chunk, iterations - done));
                gil.checkInterval();
            }
        } finally {
            gil.exit();
        }
        return x;
    }

    /** Runs the workers one way; returns the GIL hand-overs (0 without the GIL). */
    private static long runMode(LabContext ctx, int mode, String label, int workers, long iterations, long[] sink)
            throws InterruptedException {
        try (Progress progress = ctx.progress("[cpu-bound] " + label)) {
            if (mode == 0) {
                for (int w = 0; w < workers; w++) {
                    sink[w] = spin(w + 1, iterations);
                    progress.update(ctx.t("%d/%d workers done", "已完成%d/%d").formatted(w + 1, workers));
                }
                return 0;
            }
            Gil gil = mode == 2 ? new Gil() : null;
            List<Thread> threads = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                int id = w;
                threads.add(Thread.ofPlatform().name("cpu-worker-" + w).start(() -> {
                    try {
                        sink[id] = gil == null ? spin(id + 1, iterations) : gilWorker(gil, id + 1, iterations);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }));
            }
            for (Thread t : threads) {
                while (!t.join(java.time.Duration.ofMillis(100))) {
                    progress.update(ctx.t("running", "运行中"));
                }
            }
            return gil == null ? 0 : gil.switches;
        }
    }

    @Override
    public void run(LabContext ctx, Section s) throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        int workers = 2 * cores;
        // calibrate: iterations for the target time of one worker alone
        spin(1, 5_000_000);
        long t0 = System.nanoTime();
        spin(3, 20_000_000);
        double perIter = (System.nanoTime() - t0) / 20e6;
        double target = ctx.size(0.25, 0.03);
        long iterations = Math.max(1_000_000, Math.round(target * 1e9 / perIter) / 1_000_000 * 1_000_000);
        s.parameter(ctx.t("Workers", "工作者"), ctx.t("%d (2 x %d cores)", "%d（2 x %d核）").formatted(workers, cores));
        s.parameter(ctx.t("Each worker", "每个工作者"), ctx.t("%,d iterations of a xorshift loop (about %.0f ms alone)",
                "xorshift循环%,d次（单独运行约%.0f毫秒）").formatted(iterations, iterations * perIter / 1e6));
        s.parameter("--gil", ctx.t("one global bingfa Lock held while computing, given up every 5 ms (CPython's switch interval) and around blocking calls",
                "一把全局bingfa Lock，计算时持有，每5毫秒（CPython的切换间隔）以及阻塞调用前后释放"));
        s.headers(ctx.t("how", "方式"), ctx.t("elapsed (s)", "耗时(秒)"), ctx.t("speed-up", "加速比"),
                ctx.t("GIL switches", "GIL切换次数"));
        List<String> cats = List.of(ctx.t("sequential", "顺序执行"), ctx.t("threads", "多线程"), ctx.t("threads under --gil", "多线程 + --gil"));
        double[] times = new double[3];
        long[] sink = new long[workers];
        long switches = 0;
        int reps = ctx.size(3, 2);
        s.parameter(ctx.t("Repeats", "重复次数"), ctx.t("each way runs %d times; the table shows the fastest", "每种方式运行%d次，表中为最快的一次").formatted(reps));
        for (int mode = 0; mode < 3; mode++) {
            times[mode] = Double.MAX_VALUE;
            for (int rep = 0; rep < reps; rep++) {
                long start = System.nanoTime();
                long sw = runMode(ctx, mode, cats.get(mode), workers, iterations, sink);
                double t = (System.nanoTime() - start) / 1e9;
                if (t < times[mode]) {
                    times[mode] = t;
                    if (mode == 2) {
                        switches = sw;
                    }
                }
            }
            s.row(cats.get(mode), String.format("%.3f", times[mode]), String.format("%.2fx", times[0] / times[mode]),
                    mode == 2 ? String.valueOf(switches) : "-");
        }
        CategoryChart chart = Charts.bars(ctx.t("%d workers of a fixed loop on %d cores", "%d个固定循环工作者，%d核").formatted(workers, cores),
                ctx.t("how the workers ran", "运行方式"), ctx.t("elapsed (s)", "耗时（秒）"));
        List<Double> java = new ArrayList<>();
        for (double t : times) {
            java.add(Math.round(t * 1000) / 1000.0);
        }
        Charts.series(chart, "Java (bingfa)", cats, java);
        String py = "";
        if (ctx.python() != null) {
            Map<String, Double> p = ctx.python().run("cpu_bound.py", List.of("--workers", String.valueOf(workers),
                    "--seconds", String.valueOf(target)), 300);
            double pySeq = p.get("sequential");
            double pyThr = p.get("threads");
            s.row("CPython " + cats.get(0), String.format("%.3f", pySeq), "1.00x", "-");
            s.row("CPython " + cats.get(1), String.format("%.3f", pyThr), String.format("%.2fx", pySeq / pyThr), ctx.t("(real GIL)", "（真正的GIL）"));
            Charts.series(chart, "CPython", cats, List.of(pySeq, pyThr, 0.0));
            py = ctx.t(" CPython, with its real GIL, ran the same %d workers on threads at %.2fx the sequential speed: the emulation matches it.",
                    " 带真正GIL的CPython在多线程下的速度是顺序执行的%2$.2f倍（%1$d个工作者）：与模拟相符。").formatted(workers, pySeq / pyThr);
        }
        s.chart(chart);
        double threadSpeedup = times[0] / times[1];
        double gilSpeedup = times[0] / times[2];
        String a = ctx.t("On %d cores, %d threads ran at %.2fx the speed of one after another (%.2f s vs %.2f s)",
                "在%d核上，%d个线程的速度是依次执行的%.2f倍（%.2f秒对%.2f秒）").formatted(cores, workers, threadSpeedup, times[1], times[0]);
        String b = threadSpeedup >= 0.75 * Math.min(cores, workers)
                ? ctx.t(", close to the %d cores: Java threads compute in parallel. ", "，接近%d核的上限：Java线程是并行计算的。").formatted(cores)
                : ctx.t(", short of %d cores (something else was using the machine, or the work was too short). ", "，未达到%d核的上限（机器上有其他负载，或工作量太小）。").formatted(cores);
        String c = ctx.t("Under the GIL emulation the same threads took %.2f s, %.2fx the sequential speed, with %d lock hand-overs: only one computes at a time, which is why the course's Python threads do not scale on CPU work.",
                "在GIL模拟下同样的线程用了%.2f秒，是顺序执行速度的%.2f倍，锁交接%d次：同一时刻只有一个线程在计算，这就是课程中Python线程在计算密集型任务上无法加速的原因。")
                .formatted(times[2], gilSpeedup, switches);
        s.conclusion(a + b + c + py + ctx.busyWarning());
    }
}

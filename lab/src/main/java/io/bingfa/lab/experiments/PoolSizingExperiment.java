package io.bingfa.lab.experiments;

import io.bingfa.futures.PoolSizing;
import io.bingfa.futures.ThreadPoolExecutor;
import io.bingfa.lab.examples.Lang;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Experiment 5: measures the compute time x and wait time y of a mixed task, computes the course's
 * pool size N = cores * (x + y) / x, and measures throughput for pool sizes 1..4N.
 *
 * <p>The formula is {@link PoolSizing#threads}. Beside the fixed pools (including the pools
 * of one thread per core and of 100), bingfa's adaptive pool runs the same task: where it settles
 * and what it achieves are the experiment's second answer.
 */
final class PoolSizingExperiment implements Experiment {
    private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();

    @Override
    public String name() {
        return "pool-sizing";
    }

    @Override
    public String title(Lang lang) {
        return lang.pick("Pool sizing: threads = cores × (x + y) / x", "线程池大小：线程数 = 核数 × (x + y) / x");
    }

    @Override
    public String question(Lang lang) {
        return lang.pick("A task computes for x and waits for y. The course's rule says a pool wants cores × (x + y) / x threads. Does measured throughput peak there?",
                "一个任务计算x、等待y。课程中的规则说线程池需要 核数 × (x + y) / x 个线程。实测吞吐量是否在那里达到峰值？");
    }

    @Override
    public String origin() {
        return "002 线程池 (线程数 = CPU核数 * (x + y) / x)";
    }

    /** One task: compute for about {@code cpuNanos} of CPU time, then sleep {@code wait}. */
    private static void task(long cpuNanos, Duration wait) throws InterruptedException {
        long until = MX.getCurrentThreadCpuTime() + cpuNanos;
        long x = 1;
        while (MX.getCurrentThreadCpuTime() < until) {
            x = CpuBound.spin(x, 2_000);
        }
        if (x == 42) {
            Thread.yield();
        }
        Thread.sleep(wait);
    }

    @Override
    public void run(LabContext ctx, Section s) throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        long cpuNanos = ctx.quick() ? 2_000_000L : 4_000_000L;
        Duration wait = Duration.ofNanos(cpuNanos * 4);
        double window = ctx.size(0.4, 0.15);
        // measure x and y of the task, alone
        int samples = 20;
        long cpu = 0;
        long wall = 0;
        for (int i = 0; i < samples; i++) {
            long c0 = MX.getCurrentThreadCpuTime();
            long w0 = System.nanoTime();
            task(cpuNanos, wait);
            cpu += MX.getCurrentThreadCpuTime() - c0;
            wall += System.nanoTime() - w0;
        }
        double x = cpu / (double) samples / 1e6;
        double y = (wall - cpu) / (double) samples / 1e6;
        int n = PoolSizing.threads(cores, Duration.ofNanos(Math.round(x * 1e6)),
                Duration.ofNanos(Math.max(0, Math.round(y * 1e6))));
        s.parameter(ctx.t("Task", "任务"), ctx.t("compute %.1f ms of CPU time, then sleep %.1f ms", "计算%.1f毫秒CPU时间，然后睡眠%.1f毫秒")
                .formatted(cpuNanos / 1e6, wait.toNanos() / 1e6));
        s.parameter(ctx.t("Measured x (CPU, ThreadMXBean)", "实测x（CPU，ThreadMXBean）"), String.format("%.2f ms", x));
        s.parameter(ctx.t("Measured y (wall - CPU)", "实测y（墙钟 - CPU）"), String.format("%.2f ms", y));
        s.parameter(ctx.t("Formula", "公式"), String.format("N = %d × (%.2f + %.2f) / %.2f = %d", cores, x, y, x, n));
        s.parameter(ctx.t("N from", "N的来源"), "io.bingfa.futures.PoolSizing.threads");
        s.parameter(ctx.t("Adaptive pool", "自适应线程池"), ctx.t("ThreadPoolExecutor.builder().adaptive(1, 100): measures each task's CPU and wait time and resizes toward the formula; runs %.2f s to settle, then is measured like the others",
                "ThreadPoolExecutor.builder().adaptive(1, 100)：测量每个任务的CPU与等待时间，并按公式调整大小；先运行%.2f秒稳定下来，再与其他线程池一样测量").formatted(3 * window));
        s.parameter(ctx.t("Each pool size", "每个线程池大小"), ctx.t("runs tasks for %.2f s on Executors.newFixedThreadPool, twice; the better run counts", "在Executors.newFixedThreadPool上运行%.2f秒，共两次，取较好的一次").formatted(window));
        TreeSet<Integer> sizes = new TreeSet<>();
        int max = 4 * n;
        int step = Math.max(1, max / ctx.size(9, 5));
        for (int p = 1; p <= max; p += step) {
            sizes.add(p);
        }
        sizes.add(n);
        sizes.add(max);
        sizes.add(cores);
        sizes.add(100);
        s.headers(ctx.t("pool size", "线程池大小"), ctx.t("tasks/s", "任务/秒"), ctx.t("vs. N", "与N相比"));
        List<Integer> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        double atN = 0;
        double best = 0;
        int bestSize = 0;
        List<double[]> measured = new ArrayList<>();
        for (int size : sizes) {
            double tps = Math.max(throughput(size, cpuNanos, wait, window), throughput(size, cpuNanos, wait, window));
            measured.add(new double[] {size, tps});
            xs.add(size);
            ys.add(Math.round(tps * 10) / 10.0);
            if (size == n) {
                atN = tps;
            }
            if (tps > best) {
                best = tps;
                bestSize = size;
            }
        }
        for (double[] m : measured) {
            s.row((int) m[0] + ((int) m[0] == n ? ctx.t("  ← N (formula)", "  ← N（公式）") : ""),
                    String.format("%.0f", m[1]), atN > 0 ? String.format("%.0f%%", 100 * m[1] / atN) : "-");
        }
        double[] adaptive = adaptiveThroughput(cpuNanos, wait, window);
        int settled = (int) adaptive[1];
        s.row(ctx.t("adaptive (settled at %d)", "自适应（稳定在%d）").formatted(settled),
                String.format("%.0f", adaptive[0]), atN > 0 ? String.format("%.0f%%", 100 * adaptive[0] / atN) : "-");
        XYChart chart = Charts.lines(ctx.t("Throughput by pool size (task: %.1f ms CPU + %.1f ms wait, %d cores)",
                "按线程池大小的吞吐量（任务：%.1f毫秒CPU + %.1f毫秒等待，%d核）").formatted(x, y, cores),
                ctx.t("pool size (threads)", "线程池大小（线程数）"), ctx.t("throughput (tasks/s)", "吞吐量（任务/秒）"));
        chart.addSeries(ctx.t("measured", "实测"), xs, ys);
        XYSeries mark = chart.addSeries(ctx.t("the formula's N = %d", "公式给出的N = %d").formatted(n), List.of(n), List.of(Math.round(atN * 10) / 10.0));
        mark.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        mark.setMarker(SeriesMarkers.DIAMOND);
        XYSeries auto = chart.addSeries(ctx.t("adaptive pool, settled at %d", "自适应线程池，稳定在%d").formatted(settled),
                List.of(settled), List.of(Math.round(adaptive[0] * 10) / 10.0));
        auto.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        auto.setMarker(SeriesMarkers.CIRCLE);
        chart.getStyler().setMarkerSize(10);
        s.chart(chart);
        double ceiling = cores * 1000.0 / x;
        String busy = ctx.busyWarning();
        if (!busy.isEmpty()) {
            busy += ctx.t(" Other programs also favour big pools: the OS shares the CPUs among threads, so a pool with more threads gets a bigger share.",
                    " 其他程序也会让大线程池占优：操作系统按线程分配CPU，线程越多分到的份额越大。");
        }
        s.conclusion(ctx.t("The task computed x = %.2f ms and waited y = %.2f ms, so the formula gives N = %d × (x + y) / x = %d threads. At N the pool ran %.0f tasks/s, %.0f%% of the best measured (%.0f tasks/s at %d threads) and %.0f%% of the CPU ceiling cores/x = %.0f tasks/s; a pool of %d (one per core) ran %.0f tasks/s. %s",
                "任务计算x = %.2f毫秒、等待y = %.2f毫秒，因此公式给出 N = %d × (x + y) / x = %d 个线程。N个线程时每秒完成%.0f个任务，是实测最佳值（%d个线程时%.0f个/秒）的%.0f%%，是CPU上限 核数/x = %.0f 个/秒的%.0f%%；%d个线程（每核一个）时每秒%.0f个。%s")
                .formatted(ctx.lang() == Lang.ZH
                        ? new Object[] {x, y, cores, n, atN, bestSize, best, 100 * atN / best, ceiling, 100 * atN / ceiling, cores, tps(measured, cores),
                                atN >= 0.9 * best ? "公式的选择接近最优：更多线程不再增加吞吐量，只增加内存和切换。" : "N是任务的计算与等待完美交替时刚好占满所有核的最小线程数；实际上计算阶段会相互碰撞，核会空闲，所以%d个线程（%.1f倍N）表现最好。".formatted(bestSize, (double) bestSize / n)}
                        : new Object[] {x, y, cores, n, atN, 100 * atN / best, best, bestSize, 100 * atN / ceiling, ceiling, cores, tps(measured, cores),
                                atN >= 0.9 * best ? "The formula's choice is within 10% of the best: more threads add no throughput, only memory and switching."
                                        : "N is the fewest threads that could keep every core busy if the tasks' computing and waiting alternated perfectly; in practice their computing phases collide and cores idle, so %d threads (%.1f x N) did best here.".formatted(bestSize, (double) bestSize / n)})
                + " " + adaptiveConclusion(ctx, settled, n, adaptive[0], tps(measured, cores), tps(measured, 100), cores) + busy);
    }

    private static String adaptiveConclusion(LabContext ctx, int settled, int n, double adaptive,
            double perCore, double hundred, int cores) {
        return ctx.t("bingfa's adaptive pool, which measures its tasks and applies the same formula, settled at %d threads (N = %d) and ran %.0f tasks/s: %.1fx a fixed pool of %d (one thread per core) and %.0f%% of a fixed pool of 100, with %.0f%% of its threads.",
                "bingfa的自适应线程池测量任务并套用同一公式，稳定在%d个线程（N = %d），每秒完成%.0f个任务：是固定%d个线程（每核一个）的%.1f倍，是固定100个线程的%.0f%%，而线程数只有它的%.0f%%。")
                .formatted(ctx.lang() == Lang.ZH
                        ? new Object[] {settled, n, adaptive, cores, adaptive / perCore, 100 * adaptive / hundred, settled * 100.0 / 100}
                        : new Object[] {settled, n, adaptive, adaptive / perCore, cores, 100 * adaptive / hundred, settled * 100.0 / 100});
    }

    /**
     * Runs the task on an adaptive pool kept busy (a bounded number of tasks in flight) for three
     * windows to let it settle, then measures one more window.
     *
     * @return {tasks per second in the measured window, the pool's size at its end}
     */
    private static double[] adaptiveThroughput(long cpuNanos, Duration wait, double window) throws Exception {
        try (ThreadPoolExecutor pool = ThreadPoolExecutor.builder().threadNamePrefix("adaptive")
                .adaptive(1, 100).build()) {
            Semaphore inFlight = new Semaphore(200);
            AtomicLong done = new AtomicLong();
            long settleEnd = System.nanoTime() + Math.round(3 * window * 1e9);
            long measureEnd = settleEnd + Math.round(window * 1e9);
            long doneAtStart = -1;
            while (System.nanoTime() < measureEnd) {
                if (doneAtStart < 0 && System.nanoTime() >= settleEnd) {
                    doneAtStart = done.get();
                }
                if (!inFlight.tryAcquire(10, TimeUnit.MILLISECONDS)) {
                    continue;
                }
                pool.submit(() -> {
                    try {
                        task(cpuNanos, wait);
                        done.incrementAndGet();
                    } finally {
                        inFlight.release();
                    }
                    return null;
                });
            }
            double tps = (done.get() - Math.max(0, doneAtStart)) / window;
            return new double[] {tps, pool.currentSize()};
        }
    }

    private static double tps(List<double[]> measured, int size) {
        for (double[] m : measured) {
            if ((int) m[0] == size) {
                return m[1];
            }
        }
        return 0;
    }

    /** Tasks completed per second by a fixed pool of {@code size} kept busy for {@code window} seconds. */
    private static double throughput(int size, long cpuNanos, Duration wait, double window) throws InterruptedException {
        List<Thread> workers = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(size, r -> {
            Thread t = Thread.ofPlatform().name("pool-sizing-" + workers.size()).unstarted(r);
            workers.add(t);
            return t;
        });
        AtomicLong done = new AtomicLong();
        long start = System.nanoTime();
        long end = start + Math.round(window * 1e9);
        try {
            for (int i = 0; i < size; i++) {
                pool.execute(() -> {
                    try {
                        while (System.nanoTime() < end) {
                            task(cpuNanos, wait);
                            done.incrementAndGet();
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
            }
        } finally {
            pool.shutdown();
            pool.awaitTermination(1, TimeUnit.MINUTES);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        for (Thread t : workers) {
            t.join();
        }
        return done.get() / seconds;
    }
}

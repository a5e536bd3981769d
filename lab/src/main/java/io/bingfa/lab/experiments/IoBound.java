package io.bingfa.lab.experiments;

import io.bingfa.lab.examples.Lang;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.knowm.xchart.CategoryChart;

/**
 * Experiment 1: 4000 tasks that each sleep 2 s, as platform threads, as virtual threads and on a
 * fixed pool; then 100,000 virtual threads. Elapsed time and peak memory ({@link Memory}).
 */
final class IoBound implements Experiment {
    @Override
    public String name() {
        return "io-bound";
    }

    @Override
    public String title(Lang lang) {
        return lang.pick("I/O-bound: thousands of sleeping tasks", "I/O密集型：成千上万个睡眠任务");
    }

    @Override
    public String question(Lang lang) {
        return lang.pick("Tasks that mostly wait (here: sleep 2 s) overlap on threads. What do 4000 of them cost as platform threads, as virtual threads, on a fixed pool, and can 100,000 virtual threads do it?",
                "主要在等待的任务（这里：睡眠2秒）可以在线程上重叠执行。4000个这样的任务用平台线程、虚拟线程、固定线程池各要多少时间和内存？100,000个虚拟线程行吗？");
    }

    @Override
    public String origin() {
        return "000 §7.4 GIL与多线程 (IO密集型); 002 Python中的多线程";
    }

    private interface Starter {
        /** Starts the task; returns the platform thread it started, to be joined, or null. */
        Thread start(Runnable task);
    }

    @Override
    public void run(LabContext ctx, Section s) throws Exception {
        int tasks = ctx.size(4000, 400);
        double sleep = ctx.size(2.0, 0.2);
        int poolSize = ctx.size(1000, 100);
        int many = ctx.size(100_000, 10_000);
        s.parameter(ctx.t("Tasks", "任务数"), tasks);
        s.parameter(ctx.t("Each task", "每个任务"), ctx.t("sleeps %.1f s", "睡眠%.1f秒").formatted(sleep));
        s.parameter(ctx.t("Fixed pool", "固定线程池"), ctx.t("%d platform threads (Executors.newFixedThreadPool)", "%d个平台线程（Executors.newFixedThreadPool）").formatted(poolSize));
        s.parameter(ctx.t("Then", "然后"), ctx.t("%,d virtual threads", "%,d个虚拟线程").formatted(many));
        Memory probe = new Memory();
        String source = probe.source();
        probe.close();
        s.note(ctx.t("Memory: a sampler reads %s from /proc/self/status every 10 ms; the figure is the peak minus the value just before the run (memory the run made the process touch, thread stacks included). The peak number of live platform threads is sampled too (ThreadMXBean). RSS is rarely given back, so each run is measured against its own baseline after a GC.",
                "内存：采样线程每10毫秒从/proc/self/status读取%s；数字是峰值减去运行前的值（本次运行让进程多占用的内存，包括线程栈）。同时采样存活的平台线程数峰值（ThreadMXBean）。RSS很少归还，因此每次运行都在GC之后以自己的基线计算。").formatted(source));
        s.headers(ctx.t("how", "方式"), ctx.t("tasks", "任务数"), ctx.t("elapsed (s)", "耗时(秒)"),
                ctx.t("peak memory (MB)", "内存峰值(MB)"), ctx.t("peak threads", "线程峰值"));
        List<String> cats = new ArrayList<>();
        List<Double> elapsed = new ArrayList<>();
        List<Double> memory = new ArrayList<>();
        long sleepNanos = Math.round(sleep * 1e9);
        Runnable task = () -> {
            try {
                Thread.sleep(java.time.Duration.ofNanos(sleepNanos));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        String[] labels = {ctx.t("platform threads", "平台线程"), ctx.t("virtual threads", "虚拟线程"),
                ctx.t("fixed pool of %d", "%d线程的线程池").formatted(poolSize), ctx.t("virtual threads", "虚拟线程")};
        double[] results = new double[8];
        for (int i = 0; i < 4; i++) {
            int n = i == 3 ? many : tasks;
            String label = labels[i];
            double[] r;
            if (i == 2) {
                List<Thread> workers = java.util.Collections.synchronizedList(new ArrayList<>());
                ExecutorService pool = Executors.newFixedThreadPool(poolSize, t -> {
                    Thread w = Thread.ofPlatform().name("lab-pool-", workers.size()).unstarted(t);
                    workers.add(w);
                    return w;
                });
                try {
                    r = measure(ctx, label, n, t -> {
                        pool.execute(t);
                        return null;
                    }, task);
                } finally {
                    pool.shutdown();
                    pool.awaitTermination(1, TimeUnit.MINUTES);
                    for (Thread w : workers) {
                        w.join();
                    }
                }
            } else if (i == 0) {
                r = measure(ctx, label, n, t -> Thread.ofPlatform().start(t), task);
            } else {
                r = measure(ctx, label, n, t -> {
                    Thread.ofVirtual().start(t);
                    return null;
                }, task);
            }
            results[2 * i] = r[0];
            results[2 * i + 1] = r[1];
            cats.add(label + " ×" + String.format("%,d", n));
            elapsed.add(round(r[0], 2));
            memory.add(round(r[1], 1));
            s.row(label, String.format("%,d", n), String.format("%.2f", r[0]), String.format("%.1f", r[1]), (int) r[2]);
        }
        String py = "";
        if (ctx.python() != null) {
            Map<String, Double> p = ctx.python().run("io_bound.py", List.of("--tasks", String.valueOf(tasks), "--sleep", String.valueOf(sleep)), 300);
            cats.add(ctx.t("CPython threads", "CPython线程") + " ×" + String.format("%,d", tasks));
            elapsed.add(round(p.get("elapsed"), 2));
            memory.add(round(p.get("peak_mb"), 1));
            s.row("CPython threading.Thread", String.format("%,d", tasks), String.format("%.2f", p.get("elapsed")),
                    String.format("%.1f", p.get("peak_mb")), p.get("threads").intValue());
            py = ctx.t(" CPython's threads took %.2f s and %.0f MB (VmRSS growth, sampled the same way): waiting releases the GIL, so Python threads overlap I/O too.",
                    " CPython线程用时%.2f秒、%.0f MB（同样采样的VmRSS增长）：等待时GIL被释放，因此Python线程同样能重叠I/O。").formatted(p.get("elapsed"), p.get("peak_mb"));
        }
        CategoryChart chart = Charts.bars(ctx.t("%d tasks sleeping %.1f s each", "%d个各睡眠%.1f秒的任务").formatted(tasks, sleep),
                ctx.t("how the tasks ran", "运行方式"), ctx.t("elapsed (s) / peak memory (MB, right)", "耗时（秒）/ 内存峰值（MB）"));
        chart.getStyler().setYAxisGroupPosition(1, org.knowm.xchart.style.Styler.YAxisPosition.Right);
        Charts.series(chart, ctx.t("elapsed (s)", "耗时（秒）"), cats, elapsed);
        Charts.series(chart, ctx.t("peak memory (MB)", "内存峰值（MB）"), cats, memory).setYAxisGroup(1);
        chart.setYAxisGroupTitle(0, ctx.t("elapsed (s)", "耗时（秒）"));
        chart.setYAxisGroupTitle(1, ctx.t("peak memory (MB)", "内存峰值（MB）"));
        s.chart(chart);
        double ideal = sleep;
        String a = ctx.t("Virtual threads finished %,d sleeps of %.1f s in %.2f s using %.0f MB; platform threads took %.2f s and %.0f MB",
                "虚拟线程用%3$.2f秒、%4$.0f MB完成了%1$,d个%2$.1f秒的睡眠；平台线程用了%5$.2f秒和%6$.0f MB")
                .formatted(tasks, sleep, results[2], results[3], results[0], results[1]);
        String b = ctx.t("; the pool of %d ran them %d at a time, %.2f s (%.0f rounds of %.1f s). ",
                "；%d线程的线程池每次运行%d个，用时%.2f秒（%.0f轮，每轮%.1f秒）。")
                .formatted(poolSize, poolSize, results[4], Math.ceil((double) tasks / poolSize), sleep);
        String c = ctx.t("%,d virtual threads took %.2f s (%.0f%% over the %.1f s sleep) and %.0f MB. ",
                "%,d个虚拟线程用时%.2f秒（比%.1f秒的睡眠多%3$.0f%%）、%5$.0f MB。")
                .formatted(many, results[6], 100 * (results[6] - ideal) / ideal, ideal, results[7]);
        String verdict = results[3] < results[1]
                ? ctx.t("Virtual threads used %.1fx less memory than platform threads for the same work.",
                        "完成同样的工作，虚拟线程占用的内存是平台线程的1/%.1f。").formatted(results[1] / Math.max(0.1, results[3]))
                : ctx.t("Here virtual threads did not use less memory than platform threads (%.0f vs %.0f MB): the sampler saw no difference.",
                        "这次虚拟线程并不比平台线程省内存（%.0f 对 %.0f MB）：采样未看到差别。").formatted(results[3], results[1]);
        if (ctx.lang() == Lang.ZH) {
            c = "%,d个虚拟线程用时%.2f秒（比%.1f秒的睡眠多%.0f%%）、%.0f MB。".formatted(many, results[6], ideal,
                    100 * (results[6] - ideal) / ideal, results[7]);
        }
        s.conclusion(a + b + c + verdict + py);
    }

    private static double round(double v, int places) {
        double f = Math.pow(10, places);
        return Math.round(v * f) / f;
    }

    /** Starts {@code n} tasks and waits for them; returns elapsed s, peak MB, peak threads. */
    private static double[] measure(LabContext ctx, String label, int n, Starter starter, Runnable task) throws Exception {
        CountDownLatch done = new CountDownLatch(n);
        Runnable counted = () -> {
            try {
                task.run();
            } finally {
                done.countDown();
            }
        };
        Memory memory = new Memory();
        long start = System.nanoTime();
        List<Thread> started = new ArrayList<>();
        try (Progress progress = ctx.progress("[io-bound] " + label)) {
            for (int i = 0; i < n; i++) {
                Thread t = starter.start(counted);
                if (t != null) {
                    started.add(t);
                }
                if ((i & 255) == 0) {
                    progress.update(ctx.t("%d/%d started", "已启动%d/%d").formatted(i, n));
                }
            }
            while (!done.await(100, TimeUnit.MILLISECONDS)) {
                progress.update(ctx.t("%d/%d finished", "已完成%d/%d").formatted(n - done.getCount(), n));
            }
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        memory.close();
        for (Thread t : started) {
            t.join();
        }
        return new double[] {elapsed, memory.peakMb(), memory.peakThreads()};
    }
}

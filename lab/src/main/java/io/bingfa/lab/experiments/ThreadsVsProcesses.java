package io.bingfa.lab.experiments;

import io.bingfa.lab.examples.Lang;
import io.bingfa.multiprocessing.SharedArray;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.CategoryChart;

/**
 * Experiment: 2 x cores workers of the cpu-bound experiment's fixed loop, run one after another,
 * as threads, and as child JVMs ({@link io.bingfa.multiprocessing.JvmProcess}). Wall time includes
 * starting the workers; each worker also records when it began and ended computing (in a
 * {@link SharedArray}), which splits a process's time into start-up and computing.
 */
final class ThreadsVsProcesses implements Experiment {
    /** Per worker in the shared array: compute start, compute end (System.nanoTime), the loop's result. */
    private static final int SLOTS = 3;

    @Override
    public String name() {
        return "threads-vs-processes";
    }

    @Override
    public String title(Lang lang) {
        return lang.pick("CPU-bound: threads or processes?", "CPU密集型：多线程还是多进程？");
    }

    @Override
    public String question(Lang lang) {
        return lang.pick("CPython needs processes to compute on several cores, because of the GIL. Java threads have no GIL: do they scale by themselves, and what does a process (a child JVM) cost on top?",
                "由于GIL，CPython需要多进程才能在多个核上计算。Java线程没有GIL：它们自己就能加速吗？一个进程（子JVM）又要额外付出多少？");
    }

    @Override
    public String origin() {
        return "000 §7.4 计算密集型 (Process vs Thread, 12 workers)";
    }

    /** The work of worker {@code id}: the loop, with its start and end recorded in {@code out}. */
    static void work(SharedArray out, int id, long iterations) {
        long start = System.nanoTime();
        long x = CpuBound.spin(id + 1, iterations);
        out.set(SLOTS * id, start);
        out.set(SLOTS * id + 1, System.nanoTime());
        out.set(SLOTS * id + 2, x);
    }

    /** One way of running the workers, measured. */
    private record Run(double elapsed, double meanStartup, double meanCompute, long[] results) {}

    private static Run runSequential(SharedArray out, int workers, long iterations) {
        long start = System.nanoTime();
        long[] launched = new long[workers];
        for (int w = 0; w < workers; w++) {
            launched[w] = System.nanoTime();
            work(out, w, iterations);
        }
        return measured(out, start, launched, workers);
    }

    private static Run runThreads(SharedArray out, int workers, long iterations) throws InterruptedException {
        long start = System.nanoTime();
        long[] launched = new long[workers];
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            int id = w;
            launched[w] = System.nanoTime();
            threads.add(Thread.ofPlatform().name("threads-vs-processes-" + w).start(() -> work(out, id, iterations)));
        }
        for (Thread t : threads) {
            t.join();
        }
        return measured(out, start, launched, workers);
    }

    private static Run runProcesses(LabContext ctx, SharedArray out, int workers, long iterations) throws InterruptedException {
        long start = System.nanoTime();
        long[] launched = new long[workers];
        try (ThreadsVsProcessesJvms jvms = new ThreadsVsProcessesJvms("tvp");
                Progress progress = ctx.progress("[threads-vs-processes] " + ctx.t("child JVMs", "子JVM"))) {
            for (int w = 0; w < workers; w++) {
                int id = w;
                launched[w] = jvms.start(() -> work(out, id, iterations));
            }
            jvms.joinAll(progress, ctx.t("%d/%d exited", "已退出%d/%d"));
            return measured(out, start, launched, workers);
        }
    }

    private static Run measured(SharedArray out, long start, long[] launched, int workers) {
        double elapsed = (System.nanoTime() - start) / 1e9;
        long[] v = out.toLongArray();
        double startup = 0;
        double compute = 0;
        long[] results = new long[workers];
        for (int w = 0; w < workers; w++) {
            startup += (v[SLOTS * w] - launched[w]) / 1e9;
            compute += (v[SLOTS * w + 1] - v[SLOTS * w]) / 1e9;
            results[w] = v[SLOTS * w + 2];
        }
        for (int i = 0; i < v.length; i++) {
            out.set(i, 0L);
        }
        return new Run(elapsed, startup / workers, compute / workers, results);
    }

    @Override
    public void run(LabContext ctx, Section s) throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        int workers = Math.min(2 * cores, ThreadsVsProcessesJvms.MAX_CHILDREN);
        CpuBound.spin(1, 5_000_000);
        long t0 = System.nanoTime();
        CpuBound.spin(3, 20_000_000);
        double perIter = (System.nanoTime() - t0) / 20e6;
        double target = ctx.size(0.5, 0.1);
        long iterations = Math.max(1_000_000, Math.round(target * 1e9 / perIter) / 1_000_000 * 1_000_000);
        int reps = ctx.size(3, 2);
        int processReps = ctx.size(2, 1);
        s.parameter(ctx.t("Workers", "工作者"), ctx.t("%d (2 x %d cores%s)", "%d（2 x %d核%s）").formatted(workers, cores,
                workers < 2 * cores ? ctx.t(", capped at 16 child JVMs", "，子JVM最多16个") : ""));
        s.parameter(ctx.t("Each worker", "每个工作者"), ctx.t("%,d iterations of the cpu-bound experiment's xorshift loop (about %.0f ms alone, JIT-compiled)",
                "cpu-bound实验的xorshift循环%,d次（单独运行约%.0f毫秒，已JIT编译）").formatted(iterations, iterations * perIter / 1e6));
        s.parameter(ctx.t("Processes", "进程"), ctx.t("one child JVM per worker: new JvmProcess(() -> work(...)).start(), then join(); the child runs the same loop with a cold JIT",
                "每个工作者一个子JVM：new JvmProcess(() -> work(...)).start()，然后join()；子JVM运行同样的循环，JIT从零开始"));
        s.parameter(ctx.t("Repeats", "重复次数"), ctx.t("sequential and threads run %d times, child JVMs %d times; the table shows the fastest", "顺序执行和线程运行%d次，子JVM运行%d次；表中为最快的一次").formatted(reps, processReps));
        s.note(ctx.t("Elapsed is wall time from the first start() to the last join(), start-up included. Each worker writes the System.nanoTime() at which it began and ended computing into a SharedArray (shared memory, read by the parent); on Linux every process reads the same monotonic clock, so 'start-up' is from the parent's start() call to the worker's first instruction, and 'computing' is the worker's own time.",
                "耗时是从第一次start()到最后一次join()的墙钟时间，包含启动。每个工作者把开始和结束计算时的System.nanoTime()写入SharedArray（共享内存，父进程读取）；在Linux上所有进程读同一个单调时钟，因此“启动”是从父进程调用start()到工作者执行第一条指令，“计算”是工作者自己的时间。"));
        s.headers(ctx.t("how", "方式"), ctx.t("elapsed (s)", "耗时(秒)"), ctx.t("speed-up", "加速比"),
                ctx.t("start-up/worker (ms)", "每个启动(毫秒)"), ctx.t("computing/worker (ms)", "每个计算(毫秒)"));
        List<String> cats = List.of(ctx.t("sequential", "顺序执行"), ctx.t("%d threads", "%d个线程").formatted(workers),
                ctx.t("%d child JVMs", "%d个子JVM").formatted(workers));
        SharedArray out = SharedArray.ofLongs(SLOTS * workers);
        Run[] best = new Run[3];
        long[] expected = null;
        for (int mode = 0; mode < 3; mode++) {
            for (int rep = 0; rep < (mode == 2 ? processReps : reps); rep++) {
                Run r = switch (mode) {
                    case 0 -> runSequential(out, workers, iterations);
                    case 1 -> runThreads(out, workers, iterations);
                    default -> runProcesses(ctx, out, workers, iterations);
                };
                if (expected == null) {
                    expected = r.results();
                } else if (!java.util.Arrays.equals(expected, r.results())) {
                    throw new IllegalStateException(cats.get(mode) + " computed " + java.util.Arrays.toString(r.results())
                            + ", sequentially " + java.util.Arrays.toString(expected));
                }
                if (best[mode] == null || r.elapsed() < best[mode].elapsed()) {
                    best[mode] = r;
                }
            }
            Run r = best[mode];
            s.row(cats.get(mode), String.format("%.3f", r.elapsed()), String.format("%.2fx", best[0].elapsed() / r.elapsed()),
                    String.format("%.2f", r.meanStartup() * 1000), String.format("%.0f", r.meanCompute() * 1000));
        }
        CategoryChart chart = Charts.bars(ctx.t("%d workers of a fixed loop on %d cores: threads vs child JVMs", "%d个固定循环工作者，%d核：线程与子JVM").formatted(workers, cores),
                ctx.t("how the workers ran", "运行方式"), ctx.t("seconds", "秒"));
        List<Double> elapsed = new ArrayList<>();
        List<Double> startup = new ArrayList<>();
        for (Run r : best) {
            elapsed.add(round3(r.elapsed()));
            startup.add(round3(r.meanStartup()));
        }
        Charts.series(chart, ctx.t("elapsed, start-up included", "耗时（含启动）"), cats, elapsed);
        Charts.series(chart, ctx.t("start-up per worker", "每个工作者的启动时间"), cats, startup);
        String py = python(ctx, s, chart, cats, workers, target);
        s.chart(chart);
        double threadSpeedup = best[0].elapsed() / best[1].elapsed();
        double processSpeedup = best[0].elapsed() / best[2].elapsed();
        String a = ctx.t("On %d cores, %d Java threads ran at %.2fx the sequential speed (%.2f s vs %.2f s), each starting in %.2f ms: with no GIL, threads alone use every core. ",
                "在%d核上，%d个Java线程的速度是顺序执行的%.2f倍（%.2f秒对%.2f秒），每个线程%.2f毫秒就启动了：没有GIL，只用线程就能用满所有核。")
                .formatted(cores, workers, threadSpeedup, best[1].elapsed(), best[0].elapsed(), best[1].meanStartup() * 1000);
        if (threadSpeedup < 0.75 * Math.min(cores, workers)) {
            a = ctx.t("On %d cores, %d Java threads ran at %.2fx the sequential speed (%.2f s vs %.2f s), short of %d cores (something else was using the machine, or the work was too short). ",
                    "在%d核上，%d个Java线程的速度是顺序执行的%.2f倍（%.2f秒对%.2f秒），未达到%d核的上限（机器上有其他负载，或工作量太小）。")
                    .formatted(cores, workers, threadSpeedup, best[1].elapsed(), best[0].elapsed(), cores);
        }
        double overhead = best[2].elapsed() - best[1].elapsed();
        boolean coldJit = best[2].meanCompute() > 1.1 * best[1].meanCompute();
        String b = ctx.t("%d child JVMs took %.2f s (%.2fx): each needed %.0f ms from start() to its first instruction and computed for %.0f ms (%.0f ms on a thread%s)",
                "%d个子JVM用了%.2f秒（%.2f倍）：每个从start()到执行第一条指令需要%.0f毫秒，计算了%.0f毫秒（线程上是%.0f毫秒%s）")
                .formatted(workers, best[2].elapsed(), processSpeedup, best[2].meanStartup() * 1000,
                        best[2].meanCompute() * 1000, best[1].meanCompute() * 1000,
                        coldJit ? ctx.t(": the child's JIT starts cold", "：子JVM的JIT从零开始") : "");
        String c = overhead > 0
                ? ctx.t(", so processes cost %.2f s more than threads here. In Java, reach for processes for isolation (a crash or a memory leak stays in the child), not for speed; the cpu-bound experiment shows why CPython needs them.",
                        "，因此这里进程比线程多花%.2f秒。在Java中用进程是为了隔离（崩溃或内存泄漏留在子进程里），而不是为了速度；cpu-bound实验说明了CPython为什么需要它们。").formatted(overhead)
                : ctx.t(": the work was long enough to hide the start-up. The gain still comes from the cores, which threads reach without it.",
                        "：工作量足够大，掩盖了启动开销。加速仍然来自多核，线程不需要启动开销就能用上它们。");
        s.conclusion(a + b + c + py + ctx.busyWarning());
    }

    /** The CPython twin's rows and bars (sequential, threads, processes), or "" without --python. */
    private static String python(LabContext ctx, Section s, CategoryChart chart, List<String> cats, int workers, double target)
            throws Exception {
        if (ctx.python() == null) {
            return "";
        }
        Map<String, Double> p = ctx.python().run("threads_vs_processes.py", List.of("--workers", String.valueOf(workers),
                "--seconds", String.valueOf(target)), 300);
        double seq = p.get("sequential");
        double thr = p.get("threads");
        double proc = p.get("processes");
        s.row("CPython " + cats.get(0), String.format("%.3f", seq), "1.00x", "-", "-");
        s.row("CPython threading.Thread", String.format("%.3f", thr), String.format("%.2fx", seq / thr),
                String.format("%.2f", p.get("thread_startup") * 1000), "-");
        s.row("CPython multiprocessing.Process", String.format("%.3f", proc), String.format("%.2fx", seq / proc),
                String.format("%.2f", p.get("process_startup") * 1000), "-");
        Charts.series(chart, ctx.t("CPython, elapsed", "CPython耗时"), cats, List.of(round3(seq), round3(thr), round3(proc)));
        double thrUp = seq / thr;
        double procUp = seq / proc;
        String gil = thrUp < 1.3 ? ctx.t(", held back by its GIL,", "（受GIL所限）") : ",";
        String verdict = procUp > 1.1 * thrUp
                ? ctx.t("processes are its way to the cores, where Java threads get there alone", "多进程是它用上多核的办法，而Java线程自己就能做到")
                : ctx.t("here its processes did not beat its threads either (start-up, or a busy machine)", "这里它的多进程也没有胜过多线程（启动开销，或机器繁忙）");
        return ctx.t(" CPython (same loop, sized to the same %.0f ms per worker) ran %.2fx the sequential speed on threads%s and %.2fx on processes (start method %s): %s.",
                " CPython（同样的循环，每个工作者同样约%.0f毫秒）用线程是顺序执行的%.2f倍%s，用进程为%.2f倍（启动方式%s）：%s。")
                .formatted(target * 1000, thrUp, gil, procUp, startMethod(p), verdict);
    }

    private static String startMethod(Map<String, Double> p) {
        Double m = p.get("start_method");
        return m == null ? "?" : m == 0 ? "fork" : m == 1 ? "spawn" : "forkserver";
    }

    private static double round3(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}

package io.bingfa.lab.experiments;

import io.bingfa.lab.examples.Lang;
import io.bingfa.multiprocessing.SharedArray;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.knowm.xchart.CategoryChart;

/**
 * Experiment: tasks that sleep, each in its own child JVM, for a safe number of children (2 to
 * 16), measuring wall time and the children's resident memory (VmRSS of each child, read from
 * /proc/&lt;pid&gt;/status while they sleep); then the same sleep on platform and on virtual
 * threads in this JVM, and everything extrapolated to the course's 4000 tasks.
 */
final class IoProcesses implements Experiment {
    /** The course's number of sleeping tasks. */
    static final int COURSE_TASKS = 4000;

    @Override
    public String name() {
        return "io-processes";
    }

    @Override
    public String title(Lang lang) {
        return lang.pick("I/O-bound: a process per task", "I/O密集型：每个任务一个进程");
    }

    @Override
    public String question(Lang lang) {
        return lang.pick("The course starts 4000 processes that each sleep 2 s. What does one sleeping task cost as a child JVM, next to a platform thread and a virtual thread, and what would 4000 of each cost?",
                "课程中启动了4000个各睡眠2秒的进程。一个睡眠任务用子JVM要花多少，和平台线程、虚拟线程相比如何？4000个又要多少？");
    }

    @Override
    public String origin() {
        return "000 §7.4 IO密集型 (4000 x time.sleep(2), Process vs Thread)";
    }

    /** A child's task: records when it began, then sleeps. */
    static void sleeper(SharedArray began, int id, long sleepNanos) throws InterruptedException {
        began.set(id, System.nanoTime());
        Thread.sleep(Duration.ofNanos(sleepNanos));
    }

    /** The figures of one run of {@code n} children. */
    private record ChildRun(int n, double elapsed, double startupSpan, double peakTotalMb, double perChildMb,
            double pssPerChildMb, double cpuPerChild, long threadsPerChild) {}

    private static ChildRun runChildren(LabContext ctx, int n, double sleep) throws InterruptedException {
        if (n > ThreadsVsProcessesJvms.MAX_CHILDREN) {
            throw new IllegalArgumentException("children: " + n + " (expected: at most " + ThreadsVsProcessesJvms.MAX_CHILDREN + ")");
        }
        SharedArray began = SharedArray.ofLongs(n);
        long sleepNanos = Math.round(sleep * 1e9);
        long[] peakRss = new long[n];
        double[] cpu = new double[n];
        long[] threads = new long[n];
        long peakTotal = 0;
        long[] pss = new long[n];
        long start = System.nanoTime();
        try (ThreadsVsProcessesJvms jvms = new ThreadsVsProcessesJvms("io");
                Progress progress = ctx.progress("[io-processes] " + ctx.t("%d child JVMs", "%d个子JVM").formatted(n))) {
            for (int i = 0; i < n; i++) {
                int id = i;
                jvms.start(() -> sleeper(began, id, sleepNanos));
            }
            long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
            while (true) {
                long total = 0;
                int alive = 0;
                for (int i = 0; i < n; i++) {
                    if (!jvms.children().get(i).isAlive()) {
                        continue;
                    }
                    alive++;
                    long pid = jvms.pid(i);
                    long rss = ThreadsVsProcessesJvms.rss(pid);
                    if (rss > 0) {
                        total += rss;
                        peakRss[i] = Math.max(peakRss[i], rss);
                    }
                    cpu[i] = Math.max(cpu[i], ThreadsVsProcessesJvms.cpuSeconds(pid));
                    threads[i] = Math.max(threads[i], ThreadsVsProcessesJvms.threads(pid));
                }
                peakTotal = Math.max(peakTotal, total);
                for (int i = 0; i < n; i++) {
                    // once per child, while it sleeps
                    if (pss[i] == 0 && began.get(i) != 0 && jvms.children().get(i).isAlive()) {
                        pss[i] = ThreadsVsProcessesJvms.pss(jvms.pid(i));
                    }
                }
                if (alive == 0) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(alive + " of " + n + " child JVMs still running after a minute");
                }
                progress.update(ctx.t("%d alive, %.0f MB", "%d个存活，%.0f MB").formatted(alive, total / 1048576.0));
                Thread.sleep(20);
            }
            jvms.joinAll(progress, ctx.t("%d/%d exited", "已退出%d/%d"));
            double elapsed = (System.nanoTime() - start) / 1e9;
            long lastBegan = 0;
            for (long b : began.toLongArray()) {
                if (b == 0) {
                    throw new IllegalStateException("a child JVM exited without running its task");
                }
                lastBegan = Math.max(lastBegan, b);
            }
            double pssMb = 0;
            int pssCount = 0;
            for (long p : pss) {
                if (p > 0) {
                    pssMb += p / 1048576.0;
                    pssCount++;
                }
            }
            pssMb = pssCount == 0 ? -1 : pssMb / pssCount;
            double mean = 0;
            double cpuMean = 0;
            long threadsMax = 0;
            for (int i = 0; i < n; i++) {
                mean += peakRss[i] / 1048576.0 / n;
                cpuMean += cpu[i] / n;
                threadsMax = Math.max(threadsMax, threads[i]);
            }
            return new ChildRun(n, elapsed, (lastBegan - start) / 1e9, peakTotal / 1048576.0, mean, pssMb, cpuMean, threadsMax);
        }
    }

    /**
     * Sleeps {@code n} tasks on new threads; returns {elapsed s, memory growth MB (VmRSS; for
     * virtual threads the larger of VmRSS and used-heap growth), peak live platform threads}.
     */
    private static double[] runThreads(LabContext ctx, String label, int n, boolean virtual, double sleep) throws Exception {
        long sleepNanos = Math.round(sleep * 1e9);
        CountDownLatch done = new CountDownLatch(n);
        Runnable task = () -> {
            try {
                Thread.sleep(Duration.ofNanos(sleepNanos));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                done.countDown();
            }
        };
        List<Thread> started = new ArrayList<>();
        // let the collector give back what it will after a full GC before the baseline is read:
        // memory uncommitted during the run would hide the threads' stacks
        System.gc();
        Thread.sleep(300);
        Memory memory = new Memory();
        long start = System.nanoTime();
        try (Progress progress = ctx.progress("[io-processes] " + label)) {
            for (int i = 0; i < n; i++) {
                started.add(virtual ? Thread.ofVirtual().start(task) : Thread.ofPlatform().name("io-processes-", i).start(task));
            }
            while (!done.await(100, TimeUnit.MILLISECONDS)) {
                progress.update(ctx.t("%d/%d finished", "已完成%d/%d").formatted(n - done.getCount(), n));
            }
        } finally {
            memory.close();
            for (Thread t : started) {
                t.join();
            }
        }
        // A virtual thread's stack lives in the heap (stack chunks): RSS grows only when the heap
        // has to commit more, so count the used heap's growth too and take the larger.
        double mb = virtual ? Math.max(memory.peakMb(), memory.peakHeapMb()) : memory.peakMb();
        return new double[] {(System.nanoTime() - start) / 1e9, mb, memory.peakThreads()};
    }

    @Override
    public void run(LabContext ctx, Section s) throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        double sleep = ctx.size(2.0, 0.5);
        int[] counts = ctx.quick() ? new int[] {2, 4} : new int[] {2, 4, 8, 16};
        int platform = ctx.size(1000, 200);
        int virtual = ctx.size(10_000, 2000);
        s.parameter(ctx.t("Each task", "每个任务"), ctx.t("sleeps %.1f s", "睡眠%.1f秒").formatted(sleep));
        s.parameter(ctx.t("Child JVMs", "子JVM"), ctx.t("%s at a time, one task each (new JvmProcess(() -> sleep).start(), then join())",
                "每次%s个，每个一个任务（new JvmProcess(() -> sleep).start()，然后join()）").formatted(join(counts)));
        s.parameter(ctx.t("Safety", "安全"), ctx.t("the lab never starts more than %d child JVMs at once; the course's %,d is extrapolated, not run",
                "本实验同时最多启动%d个子JVM；课程中的%,d个是推算的，并未真正运行").formatted(ThreadsVsProcessesJvms.MAX_CHILDREN, COURSE_TASKS));
        s.parameter(ctx.t("Threads", "线程"), ctx.t("%,d platform threads, then %,d virtual threads, sleeping the same", "%,d个平台线程，然后%,d个虚拟线程，同样睡眠").formatted(platform, virtual));
        boolean proc = ThreadsVsProcessesJvms.hasProc();
        s.note(ctx.t("Child memory: every 20 ms the parent reads VmRSS (and Threads) from /proc/<pid>/status of each child, and its CPU time (utime + stime) from /proc/<pid>/stat; 'per task' is the mean of each child's peak VmRSS, 'total' the peak of their sum. Thread memory: this JVM's VmRSS growth (as in io-bound) divided by the number of threads. The 4000-task figures multiply the per-task memory by 4000; the time for 4000 child JVMs is the sleep plus 4000 x the CPU time one child used, shared over the cores.",
                "子JVM内存：父进程每20毫秒读取每个子进程/proc/<pid>/status中的VmRSS（和Threads），以及/proc/<pid>/stat中的CPU时间（utime + stime）；“每个任务”是每个子进程VmRSS峰值的平均，“合计”是它们之和的峰值。线程内存：本JVM的VmRSS增长（同io-bound）除以线程数。4000个任务的数字是每个任务的内存乘以4000；4000个子JVM的时间是睡眠时间加上4000 x 每个子进程用的CPU时间，再由所有核分担。")
                + (proc ? "" : ctx.t(" There is no /proc here: child memory reads as 0.", " 这里没有/proc：子进程内存读数为0。")));
        s.note(ctx.t("PSS: read once per child while it sleeps, from /proc/<pid>/smaps_rollup. VmRSS counts the pages the children share (libjvm, the JDK's class-data archive) in each of them; PSS divides shared pages among the processes sharing them, so the PSS column is closer to what each extra child really adds.",
                "PSS：每个子进程睡眠时从/proc/<pid>/smaps_rollup读取一次。VmRSS把子进程共享的页（libjvm、JDK的类数据归档）在每个进程中都算一遍；PSS把共享页分摊给共享它们的进程，因此PSS一列更接近每多一个子进程真正增加的内存。"));
        s.headers(ctx.t("how", "方式"), ctx.t("tasks", "任务数"), ctx.t("elapsed (s)", "耗时(秒)"), ctx.t("memory (MB)", "内存(MB)"),
                ctx.t("per task (MB)", "每个任务(MB)"), ctx.t("x 4000 (MB)", "x 4000(MB)"), ctx.t("per task, PSS (MB)", "每个任务PSS(MB)"),
                ctx.t("OS threads/task", "每任务OS线程"));
        ChildRun last = null;
        List<ChildRun> runs = new ArrayList<>();
        for (int n : counts) {
            ChildRun r = runChildren(ctx, n, sleep);
            runs.add(r);
            last = r;
            s.row(ctx.t("%d child JVMs", "%d个子JVM").formatted(n), n, String.format("%.2f", r.elapsed()),
                    String.format("%.1f", r.peakTotalMb()), String.format("%.1f", r.perChildMb()),
                    String.format("%,.0f", r.perChildMb() * COURSE_TASKS), r.pssPerChildMb() < 0 ? "-" : String.format("%.1f", r.pssPerChildMb()),
                    r.threadsPerChild());
        }
        double[] pt = runThreads(ctx, ctx.t("platform threads", "平台线程"), platform, false, sleep);
        double[] vt = runThreads(ctx, ctx.t("virtual threads", "虚拟线程"), virtual, true, sleep);
        double ptEach = Math.max(0, pt[1]) / platform;
        double vtEach = Math.max(0, vt[1]) / virtual;
        s.row(ctx.t("platform threads", "平台线程"), String.format("%,d", platform), String.format("%.2f", pt[0]),
                String.format("%.1f", pt[1]), String.format("%.4f", ptEach), String.format("%,.0f", ptEach * COURSE_TASKS), "-", "1");
        s.row(ctx.t("virtual threads", "虚拟线程"), String.format("%,d", virtual), String.format("%.2f", vt[0]),
                String.format("%.1f", vt[1]), String.format("%.4f", vtEach), String.format("%,.0f", vtEach * COURSE_TASKS), "-", "0");
        double jvmMb = last.perChildMb();
        // the CPU one child JVM needs, spread over the cores, for each of 4000 children
        double startFor4000 = COURSE_TASKS * last.cpuPerChild() / cores;
        double time4000 = sleep + startFor4000;
        s.row(ctx.t("%,d child JVMs (estimate)", "%,d个子JVM（估算）").formatted(COURSE_TASKS), String.format("%,d", COURSE_TASKS),
                String.format("~%.0f", time4000), String.format("~%,.0f", jvmMb * COURSE_TASKS), String.format("%.1f", jvmMb),
                String.format("%,.0f", jvmMb * COURSE_TASKS), last.pssPerChildMb() < 0 ? "-" : String.format("%.1f", last.pssPerChildMb()),
                last.threadsPerChild());
        CategoryChart chart = Charts.bars(ctx.t("Memory for %,d tasks sleeping %.1f s (from the measured memory per task)", "%,d个睡眠%.1f秒的任务需要的内存（按实测的每任务内存推算）").formatted(COURSE_TASKS, sleep),
                ctx.t("one task per", "每个任务一个"), ctx.t("MB for 4000 tasks (log scale)", "4000个任务的MB（对数坐标）"));
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setYAxisMin(1.0);
        List<String> cats = List.of(ctx.t("child JVM", "子JVM"), ctx.t("platform thread", "平台线程"), ctx.t("virtual thread", "虚拟线程"));
        Charts.series(chart, ctx.t("MB for %,d tasks", "%,d个任务的MB").formatted(COURSE_TASKS), cats,
                List.of(round1(Math.max(1.0, jvmMb * COURSE_TASKS)), round1(Math.max(1.0, ptEach * COURSE_TASKS)), round1(Math.max(1.0, vtEach * COURSE_TASKS))));
        s.chart(chart);
        ChildRun first = runs.get(0);
        String a = ctx.t("A sleeping child JVM held %.1f MB of memory (VmRSS) and %d OS threads, and used %.0f ms of CPU just to start and sleep; %d of them took %.2f s for a %.1f s sleep, %d took %.2f s (the last one began %.2f s after the first start()). ",
                "一个睡眠中的子JVM占用%.1f MB内存（VmRSS）和%d个OS线程，仅启动和睡眠就用了%.0f毫秒CPU；%d个用了%.2f秒完成%.1f秒的睡眠，%d个用了%.2f秒（最后一个在第一次start()之后%.2f秒才开始）。")
                .formatted(jvmMb, last.threadsPerChild(), last.cpuPerChild() * 1000, first.n(), first.elapsed(), sleep,
                        last.n(), last.elapsed(), last.startupSpan());
        String b = ctx.t("For the course's %,d tasks that is about %,.0f MB and, with the CPU shared over %d cores, about %.0f s; a platform thread took %.0f KB (%,.0f MB for %,d) and a virtual thread %.1f KB (%,.1f MB). ",
                "课程中的%,d个任务约需%,.0f MB，CPU由%d核分担时约需%.0f秒；一个平台线程占%.0f KB（共%,.0f MB，%,d个），一个虚拟线程占%.1f KB（%,.1f MB）。")
                .formatted(COURSE_TASKS, jvmMb * COURSE_TASKS, cores, time4000, ptEach * 1024, ptEach * COURSE_TASKS, COURSE_TASKS,
                        vtEach * 1024, vtEach * COURSE_TASKS);
        // below a page (4 KB) per thread the sampler has not seen the stacks: no ratio then
        String c = ptEach * 1024 >= 4
                ? ctx.t("A process per waiting task costs about %,.0fx the memory of a platform thread: for I/O, use threads (virtual threads for thousands), and keep processes for CPU work or isolation.",
                        "每个等待任务一个进程，内存约是平台线程的%,.0f倍：I/O任务用线程（成千上万个就用虚拟线程），进程留给计算或隔离。").formatted(jvmMb / ptEach)
                : ctx.t("The sampler saw less than a page per platform thread this time (the collector gave memory back during the run), so no ratio is drawn; a process per task still costs %.1f MB each: for I/O, use threads.",
                        "这次采样看到的每个平台线程不到一页内存（运行期间垃圾回收器归还了内存），因此不计算倍数；每个任务一个进程仍要%.1f MB：I/O任务用线程。").formatted(jvmMb);
        s.conclusion(a + b + c);
    }

    private static String join(int[] counts) {
        StringBuilder b = new StringBuilder();
        for (int c : counts) {
            b.append(b.isEmpty() ? "" : ", ").append(c);
        }
        return b.toString();
    }

    private static double round1(double v) {
        return Math.round(v * 10) / 10.0;
    }
}

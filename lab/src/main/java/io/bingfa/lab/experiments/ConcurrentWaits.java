package io.bingfa.lab.experiments;

import io.bingfa.asyncio.Asyncio;
import io.bingfa.asyncio.EventLoop;
import io.bingfa.asyncio.Future;
import io.bingfa.asyncio.SchedulerPath;
import io.bingfa.asyncio.Task;
import io.bingfa.futures.ReturnWhen;
import io.bingfa.lab.examples.Lang;
import io.bingfa.multiprocessing.SharedArray;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.knowm.xchart.CategoryChart;

/**
 * Experiment: 10,000 concurrent waits of 1 s, four ways: as tasks on one asyncio event loop
 * ({@code Asyncio.sleep}), as platform threads, as virtual threads ({@code Thread.sleep}), and as
 * child JVMs. The figures are the wall time for all the waits to end (ideal: the delay) and the
 * memory each wait costs. 10,000 JVMs do not fit on a machine, so the child JVMs are scaled down to
 * a few (at most {@link ThreadsVsProcessesJvms#MAX_CHILDREN}) and reported per task.
 */
/*
 * Memory per wait: this JVM's VmRSS growth (Memory) divided by the waits; a task's and a virtual
 * thread's stack lives in the heap, so for those the larger of VmRSS and used-heap growth counts,
 * as in io-processes. The child JVMs run io-processes' sleeper, and ThreadsVsProcessesJvms starts,
 * reads (/proc/<pid>) and always kills and joins them.
 */
final class ConcurrentWaits implements Experiment {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    @Override
    public String name() {
        return "concurrent-waits";
    }

    @Override
    public String title(Lang lang) {
        return lang.pick("10,000 concurrent waits: one thread with async I/O, threads, processes",
                "10,000个并发等待：单线程+异步I/O、线程、进程");
    }

    @Override
    public String question(Lang lang) {
        return lang.pick("10,000 tasks each wait 1 s at the same time. How long do all the waits take, and what memory does each cost, as tasks on one asyncio event loop, as platform threads, as virtual threads, and as processes?",
                "10,000个任务同时各等待1秒。用一个asyncio事件循环上的任务、平台线程、虚拟线程、进程来做，全部等完要多久？每个等待占多少内存？");
    }

    @Override
    public String origin() {
        return "002 协程：单线程+异步I/O (asyncio.sleep(1)); 000 §7.4 IO密集型";
    }

    /** One way's figures: {@code memoryMb} is the growth for all {@code n} waits, {@code osThreads} the threads it added. */
    private record Way(String label, int n, double elapsed, double memoryMb, long osThreads) {
        double perWaitKb() {
            return Math.max(0, memoryMb) * 1024 / n;
        }
    }

    @Override
    public void run(LabContext ctx, Section s) throws Exception {
        int n = ctx.size(10_000, 1000);
        double delay = ctx.size(1.0, 0.2);
        int children = ctx.size(16, 2);
        // read before the run: 10,000 threads waking at once raise the load average themselves
        String busy = ctx.busyWarning();
        s.parameter(ctx.t("Waits", "等待数"), String.format("%,d", n));
        s.parameter(ctx.t("Each wait", "每个等待"), ctx.t("%.1f s", "%.1f秒").formatted(delay));
        s.parameter("asyncio", ctx.t("EventLoop.run(main): main creates %,d tasks (Asyncio.createTask), each does Asyncio.sleep, and awaits them all (Asyncio.gather); the loop's scheduler path: %s",
                "EventLoop.run(main)：main创建%,d个任务（Asyncio.createTask），每个执行Asyncio.sleep，然后等待全部完成（Asyncio.gather）；事件循环的调度路径：%s")
                .formatted(n, EventLoop.defaultSchedulerPath()));
        s.parameter(ctx.t("Threads", "线程"), ctx.t("%,d platform threads, then %,d virtual threads, each Thread.sleep", "%,d个平台线程，然后%,d个虚拟线程，每个Thread.sleep").formatted(n, n));
        s.parameter(ctx.t("Processes", "进程"), ctx.t("%d child JVMs (JvmProcess), one wait each", "%d个子JVM（JvmProcess），每个一个等待").formatted(children));
        s.note(ctx.t("Processes are scaled down: %,d child JVMs would not fit in this machine's memory (the conclusion estimates what they would need) and would take many minutes of CPU just to start, so the lab starts %d (it never starts more than %d at once) and reports per-task figures; the processes' elapsed time is for those %d only, start-up included.",
                "进程数按比例缩小：%,d个子JVM放不进本机内存（结论中估算了需要多少），仅启动就要许多分钟CPU，所以本实验只启动%d个（同时最多%d个），并给出每个任务的数字；进程的耗时只是这%d个的，包括启动。")
                .formatted(n, children, ThreadsVsProcessesJvms.MAX_CHILDREN, children));
        s.note(ctx.t("Memory per wait: asyncio tasks and virtual threads keep their stacks in the Java heap, so for them it is the live heap's growth (used heap after a full GC, taken once every task has begun to wait, minus the same before) divided by the waits. Platform threads' stacks are outside the heap: for them it is this JVM's %s growth (sampled every 10 ms; peak minus the value before, after a GC) divided by the threads. For the child JVMs it is each child's VmRSS from /proc/<pid>/status while its task waits (the mean of each child's peak), and once its PSS from /proc/<pid>/smaps_rollup, which splits the pages the children share. OS threads: the live platform threads this JVM added (ThreadMXBean), or the Threads of all the children.",
                "每个等待的内存：asyncio任务和虚拟线程的栈在Java堆里，因此取存活堆的增长（所有任务都开始等待后做一次完整GC时的已用堆，减去运行前同样测得的值）除以等待数。平台线程的栈在堆外：取本JVM的%s增长（每10毫秒采样；峰值减去运行前的值，运行前先GC）除以线程数。子JVM取每个子进程任务等待时/proc/<pid>/status中的VmRSS（每个子进程峰值的平均），并从/proc/<pid>/smaps_rollup读一次PSS，它把子进程共享的页分摊开。OS线程：本JVM多出的存活平台线程数（ThreadMXBean），或所有子进程的Threads之和。")
                .formatted(memorySource()));
        s.note(ctx.t("The event loop's path: with LOOP_CARRIER every task is a virtual thread carried by the loop's own thread alone; with HANDOFF (a JVM without --add-opens java.base/java.lang=ALL-UNNAMED, which ./bingfa passes, or with -Dbingfa.asyncio.scheduler=handoff) the tasks run on the JVM's virtual-thread carriers, still one at a time. Either way no OS thread is started per task. Every way runs once small and unmeasured first (class loading, JIT).",
                "事件循环的路径：LOOP_CARRIER时每个任务是一个只由事件循环自己的线程承载的虚拟线程；HANDOFF时（JVM没有./bingfa传入的--add-opens java.base/java.lang=ALL-UNNAMED，或设置了-Dbingfa.asyncio.scheduler=handoff）任务在JVM的虚拟线程载体上运行，仍然一次一个。两种路径都不会为每个任务启动OS线程。每种方式都先小规模运行一次，不计入测量（类加载、JIT）。"));
        s.headers(ctx.t("how", "方式"), ctx.t("waits", "等待数"), ctx.t("elapsed (s)", "耗时(秒)"),
                ctx.t("over the delay (s)", "超出等待(秒)"), ctx.t("memory (MB)", "内存(MB)"),
                ctx.t("per wait (KB)", "每个等待(KB)"), ctx.t("OS threads", "OS线程"));
        warmUp();
        List<Way> ways = new ArrayList<>();
        SchedulerPath[] path = new SchedulerPath[1];
        ways.add(row(ctx, s, delay, runAsyncio(ctx, ctx.t("asyncio, one event loop", "asyncio，一个事件循环"), n, delay, path)));
        ways.add(row(ctx, s, delay, runThreads(ctx, ctx.t("platform threads", "平台线程"), n, false, delay)));
        ways.add(row(ctx, s, delay, runThreads(ctx, ctx.t("virtual threads", "虚拟线程"), n, true, delay)));
        long[] pss = new long[1];
        ways.add(row(ctx, s, delay, runChildren(ctx, ctx.t("child JVMs", "子JVM"), children, delay, pss)));
        List<Way> python = new ArrayList<>();
        if (ctx.python() != null) {
            Map<String, Double> p = ctx.python().run("concurrent_waits.py",
                    List.of("--tasks", String.valueOf(n), "--sleep", String.valueOf(delay)), 600);
            python.add(row(ctx, s, delay, new Way(ctx.t("CPython asyncio", "CPython asyncio"), n,
                    p.get("asyncio_elapsed"), p.get("asyncio_mb"), 0)));
            python.add(row(ctx, s, delay, new Way("CPython threading.Thread", n,
                    p.get("threads_elapsed"), p.get("threads_mb"), p.get("threads").longValue())));
        }
        s.chart(chart(ctx, n, delay, ways, python));
        s.conclusion(conclusion(ctx, n, delay, ways, python, path[0], pss[0], busy));
    }

    private static Way row(LabContext ctx, Section s, double delay, Way w) {
        s.row(w.label(), String.format("%,d", w.n()), String.format("%.2f", w.elapsed()),
                String.format("%.2f", w.elapsed() - delay), String.format("%,.1f", w.memoryMb()),
                String.format("%,.2f", w.perWaitKb()), String.format("%,d", w.osThreads()));
        return w;
    }

    private static String memorySource() throws InterruptedException {
        try (Memory probe = new Memory()) {
            return probe.source();
        }
    }

    /** Lets the collector give back what it will before a baseline is read (as io-processes does). */
    private static void settle() throws InterruptedException {
        System.gc();
        Thread.sleep(300);
    }

    /**
     * Runs each in-JVM way once small and unmeasured, so that class loading, the JIT and the start
     * of the virtual-thread scheduler's carriers do not count against the first way measured.
     */
    private static void warmUp() throws Exception {
        Duration tick = Duration.ofMillis(10);
        EventLoop.run(() -> {
            List<Task<Object>> tasks = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                tasks.add(Asyncio.createTask(() -> Asyncio.sleep(tick, null)));
            }
            return Asyncio.gather(tasks).result();
        });
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            Runnable sleep = () -> {
                try {
                    Thread.sleep(tick);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            };
            threads.add(i % 2 == 0 ? Thread.ofVirtual().start(sleep) : Thread.ofPlatform().start(sleep));
        }
        for (Thread t : threads) {
            t.join();
        }
    }

    /** The used heap after a full GC, in bytes: what live objects hold. */
    private static long liveHeap() {
        System.gc();
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }

    /**
     * {@code n} tasks on one new event loop, each awaiting {@code Asyncio.sleep(delay)}; the memory
     * is the live heap's growth once every task waits.
     */
    private static Way runAsyncio(LabContext ctx, String label, int n, double delay, SchedulerPath[] path) throws Exception {
        Duration wait = Duration.ofNanos(Math.round(delay * 1e9));
        settle();
        long baseHeap = liveHeap();
        long[] heap = new long[1];
        Memory memory = new Memory();
        int baseThreads = THREADS.getThreadCount();
        long start = System.nanoTime();
        long[] end = new long[1];
        try (Progress progress = ctx.progress("[concurrent-waits] " + label)) {
            EventLoop.run(() -> {
                path[0] = Asyncio.getRunningLoop().schedulerPath();
                int[] waiting = {0}; // the tasks never run at the same time: no lock needed
                int[] finished = {0};
                List<Task<Void>> tasks = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    tasks.add(Asyncio.createTask(() -> {
                        waiting[0]++;
                        Asyncio.sleep(wait);
                        finished[0]++;
                        return null;
                    }));
                }
                while (waiting[0] < n) {
                    Asyncio.sleep(Duration.ZERO); // every ready task runs to its sleep first
                }
                heap[0] = liveHeap();
                Future<List<Void>> all = Asyncio.gather(tasks);
                while (!all.isDone()) {
                    Asyncio.wait(List.of(all), Duration.ofMillis(100), ReturnWhen.ALL_COMPLETED);
                    progress.update(ctx.t("%,d/%,d finished", "已完成%,d/%,d").formatted(finished[0], n));
                }
                end[0] = System.nanoTime();
                all.result();
                return null;
            });
        } finally {
            memory.close();
        }
        return new Way(label, n, (end[0] - start) / 1e9, (heap[0] - baseHeap) / 1048576.0,
                Math.max(0, memory.peakThreads() - baseThreads));
    }

    /**
     * {@code n} new threads, each sleeping {@code delay}. The memory is this JVM's VmRSS growth for
     * platform threads (their stacks are outside the heap), the live heap's growth once every thread
     * waits for virtual threads (their stacks are in it). If the OS refuses a platform thread, the
     * threads started so far are measured and the label says how many were refused.
     */
    private static Way runThreads(LabContext ctx, String label, int n, boolean virtual, double delay) throws Exception {
        long nanos = Math.round(delay * 1e9);
        CountDownLatch waiting = new CountDownLatch(n);
        CountDownLatch done = new CountDownLatch(n);
        Runnable task = () -> {
            try {
                waiting.countDown();
                Thread.sleep(Duration.ofNanos(nanos));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                done.countDown();
            }
        };
        List<Thread> started = new ArrayList<>(n);
        settle();
        long baseHeap = virtual ? liveHeap() : 0;
        long heap = 0;
        Memory memory = new Memory();
        int baseThreads = THREADS.getThreadCount();
        long start = System.nanoTime();
        double elapsed;
        String refused = "";
        try (Progress progress = ctx.progress("[concurrent-waits] " + label)) {
            for (int i = 0; i < n; i++) {
                try {
                    started.add(virtual ? Thread.ofVirtual().start(task) : Thread.ofPlatform().name("lab-wait-", i).start(task));
                } catch (OutOfMemoryError noMoreThreads) {
                    refused = ctx.t(" (%,d refused by the OS)", "（%,d个被操作系统拒绝）").formatted(n - i);
                    for (int j = i; j < n; j++) {
                        waiting.countDown();
                        done.countDown();
                    }
                    break;
                }
                if ((i & 1023) == 0) {
                    progress.update(ctx.t("%,d/%,d started", "已启动%,d/%,d").formatted(i, n));
                }
            }
            if (virtual) {
                waiting.await();
                heap = liveHeap();
            }
            while (!done.await(100, TimeUnit.MILLISECONDS)) {
                progress.update(ctx.t("%,d/%,d finished", "已完成%,d/%,d").formatted(n - done.getCount(), n));
            }
            elapsed = (System.nanoTime() - start) / 1e9;
        } finally {
            memory.close();
            for (Thread t : started) {
                t.join();
            }
        }
        double mb = virtual ? (heap - baseHeap) / 1048576.0 : memory.peakMb();
        return new Way(label + refused, started.size(), elapsed, mb, Math.max(0, memory.peakThreads() - baseThreads));
    }

    /**
     * {@code k} child JVMs, each running io-processes' sleeper once. Each child's VmRSS and thread
     * count are read every 20 ms once its task has begun to wait, and its PSS once ({@code pssOut[0]}:
     * the mean, or -1 without /proc).
     */
    private static Way runChildren(LabContext ctx, String label, int k, double delay, long[] pssOut) throws Exception {
        SharedArray began = SharedArray.ofLongs(k);
        long nanos = Math.round(delay * 1e9);
        long[] rss = new long[k];
        long[] threads = new long[k];
        long[] pss = new long[k];
        long start = System.nanoTime();
        try (ThreadsVsProcessesJvms jvms = new ThreadsVsProcessesJvms("waits");
                Progress progress = ctx.progress("[concurrent-waits] " + label)) {
            for (int i = 0; i < k; i++) {
                int id = i;
                jvms.start(() -> IoProcesses.sleeper(began, id, nanos));
            }
            long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
            int alive = k;
            while (alive > 0) {
                alive = 0;
                for (int i = 0; i < k; i++) {
                    if (!jvms.children().get(i).isAlive()) {
                        continue;
                    }
                    alive++;
                    if (began.get(i) != 0) {
                        long pid = jvms.pid(i);
                        rss[i] = Math.max(rss[i], ThreadsVsProcessesJvms.rss(pid));
                        threads[i] = Math.max(threads[i], ThreadsVsProcessesJvms.threads(pid));
                        if (pss[i] == 0) {
                            pss[i] = ThreadsVsProcessesJvms.pss(pid);
                        }
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(alive + " of " + k + " child JVMs still running after a minute");
                }
                progress.update(ctx.t("%d of %d child JVMs alive", "%d/%d个子JVM存活").formatted(alive, k));
                Thread.sleep(20);
            }
            jvms.joinAll(progress, ctx.t("%d/%d exited", "已退出%d/%d"));
            double elapsed = (System.nanoTime() - start) / 1e9;
            for (long b : began.toLongArray()) {
                if (b == 0) {
                    throw new IllegalStateException("a child JVM exited without running its task");
                }
            }
            long rssSum = 0;
            long threadSum = 0;
            long pssSum = 0;
            int pssCount = 0;
            for (int i = 0; i < k; i++) {
                rssSum += Math.max(0, rss[i]);
                threadSum += Math.max(0, threads[i]);
                if (pss[i] > 0) {
                    pssSum += pss[i];
                    pssCount++;
                }
            }
            pssOut[0] = pssCount == 0 ? -1 : pssSum / pssCount;
            return new Way(label, k, elapsed, rssSum / 1048576.0, threadSum);
        }
    }

    private static CategoryChart chart(LabContext ctx, int n, double delay, List<Way> ways, List<Way> python) {
        CategoryChart chart = Charts.bars(ctx.t("Memory per wait, %,d waits of %.1f s (and each way's elapsed time)", "每个等待的内存，%,d个%.1f秒的等待（及每种方式的耗时）").formatted(n, delay),
                ctx.t("how the waits ran", "等待方式"), ctx.t("KB per wait (log scale)", "每个等待KB（对数坐标）"));
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setYAxisMin(0.1);
        List<String> names = new ArrayList<>(List.of(ctx.t("asyncio", "asyncio"), ctx.t("platform", "平台线程"),
                ctx.t("virtual", "虚拟线程"), ctx.t("%d JVMs", "%d个JVM").formatted(ways.get(3).n()), "Py asyncio",
                ctx.t("Py threads", "Py线程")));
        List<Way> all = new ArrayList<>(ways);
        all.addAll(python);
        List<String> cats = new ArrayList<>();
        List<Double> kb = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            cats.add(names.get(i) + String.format(" %.2f s", all.get(i).elapsed()));
            kb.add(Math.max(0.1, Math.round(all.get(i).perWaitKb() * 100) / 100.0));
        }
        Charts.series(chart, ctx.t("KB per wait", "每个等待KB"), cats, kb);
        return chart;
    }

    /** "{a / b}x" ("倍" in Chinese), or "-" when b is too small to divide by. */
    private static String times(LabContext ctx, double a, double b) {
        return b < 0.01 ? "-" : ctx.t("%,.0fx", "%,.0f倍").formatted(a / b);
    }

    private static String conclusion(LabContext ctx, int n, double delay, List<Way> ways, List<Way> python,
            SchedulerPath path, long pss, String busy) {
        Way loop = ways.get(0);
        Way platform = ways.get(1);
        Way virtual = ways.get(2);
        Way jvms = ways.get(3);
        String a = ctx.t("%,d waits of %.1f s all ended after %.2f s on one event loop (%s path) at %.2f KB each; virtual threads took %.2f s at %.2f KB each; platform threads %.2f s at %.1f KB each and %,d OS threads. ",
                "%1$,d个%2$.1f秒的等待在一个事件循环上（%4$s路径）用%3$.2f秒全部结束，每个%5$.2f KB；虚拟线程用%6$.2f秒，每个%7$.2f KB；平台线程用%8$.2f秒，每个%9$.1f KB，外加%10$,d个OS线程。")
                .formatted(n, delay, loop.elapsed(), path, loop.perWaitKb(), virtual.elapsed(), virtual.perWaitKb(),
                        platform.elapsed(), platform.perWaitKb(), platform.osThreads());
        if (platform.osThreads() < platform.n() * 95L / 100) {
            a += ctx.t("Starting %,d platform threads took longer than the wait, so at most %,d were alive at once. ",
                    "启动%,d个平台线程比等待还久，因此同时存活的最多只有%,d个。").formatted(platform.n(), platform.osThreads());
        }
        String pssText = pss > 0 ? ctx.t(" (PSS %,.0f KB)", "（PSS %,.0f KB）").formatted(pss / 1024.0) : "";
        String b = ctx.t("%d child JVMs took %.2f s (%.2f s over the wait: JVM start-up) at %,.0f KB each%s, %d OS threads each, so %,d of them would need about %,.0f GB; per wait a process costs %s an asyncio task and %s a platform thread. ",
                "%d个子JVM用了%.2f秒（比等待多%.2f秒：JVM启动），每个%,.0f KB%s，各有%d个OS线程，%,d个约需%,.0f GB；每个等待，一个进程的内存是asyncio任务的%s、平台线程的%s。")
                .formatted(jvms.n(), jvms.elapsed(), jvms.elapsed() - delay, jvms.perWaitKb(), pssText,
                        jvms.osThreads() / Math.max(1, jvms.n()), n, jvms.perWaitKb() * n / 1048576.0,
                        times(ctx, jvms.perWaitKb(), loop.perWaitKb()), times(ctx, jvms.perWaitKb(), platform.perWaitKb()));
        boolean kept = loop.elapsed() < delay * 1.5;
        String c = kept
                ? ctx.t("One event loop kept up: all %,d waits overlapped, and it started no OS thread for them (platform threads: %,d). ",
                        "一个事件循环完全跟得上：%,d个等待全部重叠，且没有为它们启动OS线程（平台线程：%,d个）。").formatted(n, platform.osThreads())
                : ctx.t("The event loop took %.1fx the wait: it runs the %,d tasks one at a time, to start them and to wake them, and that took %.2f s beyond the delay%s; the waits still overlapped, with no OS thread for them. ",
                        "事件循环用了等待时间的%.1f倍：它一次只运行一个任务，启动和唤醒%,d个任务比等待多花了%.2f秒%s；但等待仍然重叠，也没有为它们启动OS线程。")
                        .formatted(loop.elapsed() / delay, n, loop.elapsed() - delay, path == SchedulerPath.HANDOFF
                                ? ctx.t(" (on the HANDOFF path every switch goes through the JVM's carrier threads; LOOP_CARRIER switches on the loop's own thread)",
                                        "（HANDOFF路径上每次切换都经过JVM的载体线程；LOOP_CARRIER在事件循环自己的线程上切换）")
                                : "");
        List<Map.Entry<String, Double>> cost = new ArrayList<>(List.of(
                Map.entry(ctx.t("an asyncio task", "asyncio任务"), loop.perWaitKb()),
                Map.entry(ctx.t("a virtual thread", "虚拟线程"), virtual.perWaitKb()),
                Map.entry(ctx.t("a platform thread", "平台线程"), platform.perWaitKb())));
        cost.sort(Map.Entry.comparingByValue());
        String d = ctx.t("Per wait the cheapest was %s (%.2f KB), then %s (%.2f KB) and %s (%.2f KB); a process is dearer by orders of magnitude: wait on an event loop or virtual threads, and keep processes for CPU work or isolation.",
                "每个等待最省的是%s（%.2f KB），其次是%s（%.2f KB）和%s（%.2f KB）；进程要贵几个数量级：等待用事件循环或虚拟线程，进程留给计算或隔离。")
                .formatted(cost.get(0).getKey(), cost.get(0).getValue(), cost.get(1).getKey(), cost.get(1).getValue(),
                        cost.get(2).getKey(), cost.get(2).getValue());
        String py = "";
        if (python.size() == 2) {
            py = ctx.t(" CPython: asyncio %.2f s at %.2f KB per wait, threads %.2f s at %.1f KB per wait.",
                    " CPython：asyncio %.2f秒、每个等待%.2f KB，线程%.2f秒、每个等待%.1f KB。")
                    .formatted(python.get(0).elapsed(), python.get(0).perWaitKb(), python.get(1).elapsed(), python.get(1).perWaitKb());
        }
        return a + b + c + d + py + busy;
    }
}

package io.bingfa.lab.examples;

import io.bingfa.multiprocessing.JvmProcess;
import io.bingfa.multiprocessing.Multiprocessing;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Three processes each add to {@code count}, a module-level global in the course ({@code global
 * count; count += 1}), here a static field of this class: each child JVM has its own copy, so each
 * counts 1, 2, ... by itself and the main process's count stays 0. Course notes 001 多进程模块.
 */
public final class ProcessCount extends BaseExample {
    /** The course's {@code count = 0} at module level: one per JVM. */
    private static int count;

    public ProcessCount() {
        super("process-count", Topic.PROCESSES,
                "three processes each add to their own count (a static field): each prints 1..n, the main process's stays 0: memory is not shared",
                "三个进程各自对count（静态字段）加1：每个进程都打印1..n，主进程的count仍为0：进程之间内存不共享",
                "001 多进程模块 multiprocessing (count, fun)",
                ExampleOption.count("processes", 3, "how many processes (the course: 3)", "进程个数（课程中为3）"),
                ExampleOption.count("times", 3, "how many times each process adds 1 (the course's fun: once)",
                        "每个进程加1的次数（课程中的fun为1次）"));
    }

    // def fun(): global count; count += 1; print(count, multiprocessing.current_process().name)
    static void fun(ChildOutput.Printer out, int times) {
        for (int i = 0; i < times; i++) {
            count += 1;
            out.print("%d %s", count, Multiprocessing.currentProcess().name());
        }
    }

    @Override
    public void run(ExampleContext ctx) throws Exception {
        int processes = ctx.count("processes");
        int times = ctx.count("times");
        List<JvmProcess> started = new ArrayList<>();
        try (ChildOutput output = ChildOutput.open(ctx)) {
            ChildOutput.Printer out = output.printer();
            try {
                for (int i = 0; i < processes; i++) {
                    JvmProcess p = new JvmProcess(() -> fun(out, times));
                    p.start();
                    started.add(p);
                }
                for (JvmProcess p : started) {
                    p.join();
                }
            } finally {
                Processes.stop(started);
            }
            output.drain(Duration.ofSeconds(10));
        }
        boolean allZero = started.stream().allMatch(p -> Integer.valueOf(0).equals(p.exitCode()));
        ctx.say("count in the main process: %d", "主进程中的count：%d", count);
        ctx.result("%d processes each counted 1..%d on their own count; the main process's count is %d; exit codes 0: %s",
                "%d个进程各自在自己的count上数到1..%d；主进程的count为%d；退出码均为0：%s",
                processes, times, count, Py.repr(allZero));
    }
}

package io.bingfa.lab.examples;

import io.bingfa.multiprocessing.JvmProcess;
import io.bingfa.multiprocessing.ProcessQueue;
import io.bingfa.threading.Threads;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Divide and conquer: the sum of 1..100,000,000 in 8 processes, each summing an eighth and putting
 * its part into a {@code multiprocessing.Queue}, the main process adding the parts: exactly
 * 5000000050000000. Timed against one loop in the main process, and, to be honest about Java,
 * against 8 threads of one JVM: in CPython the GIL lets only one thread run Python code at a time,
 * so the course needs processes to use several cores; Java threads run on every core by
 * themselves, and a child JVM costs a few tenths of a second to start, far more than this loop.
 * Each child is handed its range (two numbers) rather than a slice of a 100-million-element list
 * as in the course, which would be copied to it. Course notes 002 例子2 分而治之.
 */
public final class ParallelSum extends BaseExample {
    public ParallelSum() {
        super("parallel-sum", Topic.PROCESSES,
                "the sum of 1..100,000,000 in 8 processes, parts collected through a Queue: exact, timed against one loop and against 8 threads",
                "用8个进程分而治之计算1~100000000的和，各部分结果通过进程队列汇总：结果精确，并与单个循环和8个线程的耗时比较",
                "002 例子2 使用多进程对复杂任务进行分而治之 (task_handler, result_queue)",
                ExampleOption.count("processes", 8, "how many processes (the course: 8)", "进程个数（课程中为8）"),
                ExampleOption.count("numbers", 100_000_000, "sum 1..N (the course: 100,000,000)", "计算1~N的和（课程中N为100000000）"));
    }

    /** A process's part of the sum and how long its loop took. */
    record Part(long total, long nanos) implements Serializable {}

    static long sum(long from, long to) {
        long total = 0;
        for (long number = from; number <= to; number++) {
            total += number;
        }
        return total;
    }

    // def task_handler(curr_list, result_queue): total = sum of the slice; result_queue.put(total)
    static void taskHandler(long from, long to, ProcessQueue<Part> resultQueue) throws InterruptedException {
        long start = System.nanoTime();
        long total = sum(from, to);
        resultQueue.put(new Part(total, System.nanoTime() - start));
    }

    @Override
    public void run(ExampleContext ctx) throws Exception {
        int processes = ctx.count("processes");
        long n = ctx.count("numbers");
        long expected = n * (n + 1) / 2;

        // one loop, in this process
        long start = System.nanoTime();
        long single = sum(1, n);
        double singleSeconds = seconds(System.nanoTime() - start);
        ctx.print("%d", single);
        ctx.say("Execution time (one loop): %.3fs", "执行时间（单个循环）：%.3f秒", singleSeconds);

        // the course's version: 8 processes and a Queue
        ProcessQueue<Part> resultQueue = new ProcessQueue<>();
        List<JvmProcess> started = new ArrayList<>();
        long total = 0;
        long longestLoop = 0;
        start = System.nanoTime();
        try {
            long chunk = (n + processes - 1) / processes;
            for (int i = 0; i < processes; i++) {
                long from = i * chunk + 1;
                long to = Math.min(n, (i + 1) * chunk);
                JvmProcess p = new JvmProcess(() -> taskHandler(from, to, resultQueue));
                p.start();
                started.add(p);
            }
            for (JvmProcess p : started) {
                p.join();
            }
            // merge the parts: one get per process (the course's "while not empty()" relies on
            // empty(), which the docs call unreliable)
            for (int i = 0; i < processes; i++) {
                Part part = resultQueue.get(Duration.ofSeconds(30));
                total += part.total();
                longestLoop = Math.max(longestLoop, part.nanos());
            }
        } finally {
            Processes.stop(started);
        }
        double processSeconds = seconds(System.nanoTime() - start);
        ctx.print("%d", total);
        ctx.say("Execution time (%d processes): %.3fs, of which the longest loop in a process took %.3fs;"
                        + " the rest is starting the JVMs and collecting the parts",
                "执行时间（%d个进程）：%.3f秒，其中进程内最长的循环耗时%.3f秒；其余为启动JVM和汇总结果的时间",
                processes, processSeconds, seconds(longestLoop));

        // the same division in threads of this JVM
        long[] parts = new long[processes];
        start = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        long chunk = (n + processes - 1) / processes;
        for (int i = 0; i < processes; i++) {
            int index = i;
            long from = i * chunk + 1;
            long to = Math.min(n, (i + 1) * chunk);
            threads.add(Threads.start(() -> parts[index] = sum(from, to)));
        }
        long threadTotal = 0;
        for (int i = 0; i < processes; i++) {
            threads.get(i).join();
            threadTotal += parts[i];
        }
        double threadSeconds = seconds(System.nanoTime() - start);
        ctx.say("Execution time (%d threads): %.3fs", "执行时间（%d个线程）：%.3f秒", processes, threadSeconds);

        boolean exact = total == expected && single == expected && threadTotal == expected;
        ctx.result("sum of 1..%d = %d, exact in all three: %s; one loop %.3f s, %d processes %.3f s"
                        + " (longest loop %.3f s, the rest is starting JVMs), %d threads %.3f s",
                "1~%d的和 = %d，三种方式均精确：%s；单个循环%.3f秒，%d个进程%.3f秒（最长的循环%.3f秒，其余为启动JVM），%d个线程%.3f秒",
                n, total, Py.repr(exact), singleSeconds, processes, processSeconds, seconds(longestLoop),
                processes, threadSeconds);
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}

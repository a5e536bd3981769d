package io.bingfa.lab.examples;

import io.bingfa.multiprocessing.JvmProcess;
import io.bingfa.multiprocessing.SharedArray;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The two downloads of 5 to 10 random seconds in two processes: both start at once, so they take
 * about the longer one, not the sum. Each child prints its pid. Starting a JVM takes a few tenths
 * of a second more than Python's fork: the example reports it apart, and compares the downloads'
 * own span (from the first start to the last end, as the children record it in shared memory) with
 * the longer download and the sum. Course notes 002 Python中的多进程.
 */
public final class TwoDownloadsProcesses extends BaseExample {
    private static final List<String> FILES = List.of("Python从入门到住院.pdf", "Peking Hot.avi");

    public TwoDownloadsProcesses() {
        super("two-downloads-processes", Topic.PROCESSES,
                "the two downloads of 5-10 random seconds in two processes: they take about the longer one, not the sum",
                "两个耗时5~10秒（随机）的下载任务放到两个进程中：总耗时约为较长的那个，而不是两者之和",
                "002 Python中的多进程 (download_task, Process)");
    }

    // def download_task(filename): ...
    static void downloadTask(ChildOutput.Printer out, String filename, int timeToDownload,
            SharedArray times, int slot) throws InterruptedException {
        out.say("Started download process, pid [%d].", "启动下载进程，进程号[%d].", ProcessHandle.current().pid());
        out.say("Start downloading %s...", "开始下载%s...", filename);
        times.set(2 * slot, System.currentTimeMillis());
        out.sleep(timeToDownload);
        times.set(2 * slot + 1, System.currentTimeMillis());
        out.say("%s downloaded! It took %d seconds", "%s下载完成! 耗费了%d秒", filename, timeToDownload);
    }

    @Override
    public void run(ExampleContext ctx) throws Exception {
        // randint(5, 10), drawn here from the seed as two-downloads-threads draws it: the same seed
        // gives the same times in both examples
        int a = ctx.random(FILES.get(0)).nextInt(5, 11);
        int b = ctx.random(FILES.get(1)).nextInt(5, 11);
        SharedArray times = SharedArray.ofLongs(4);     // start and end of each download, ms
        List<JvmProcess> started = new ArrayList<>();
        long start;
        long end;
        try (ChildOutput output = ChildOutput.open(ctx)) {
            ChildOutput.Printer out = output.printer();
            start = System.nanoTime();
            try {
                JvmProcess p1 = new JvmProcess(() -> downloadTask(out, FILES.get(0), a, times, 0));
                p1.start();
                started.add(p1);
                JvmProcess p2 = new JvmProcess(() -> downloadTask(out, FILES.get(1), b, times, 1));
                p2.start();
                started.add(p2);
                p1.join();
                p2.join();
                end = System.nanoTime();
            } finally {
                Processes.stop(started);
            }
            output.drain(Duration.ofSeconds(10));
        }
        double total = ctx.unscaledSeconds(Duration.ofNanos(end - start));
        ctx.say("It took %.2f seconds in all.", "总共耗费了%.2f秒.", total);
        long[] t = times.toLongArray();
        double span = ctx.unscaledSeconds(Duration.ofMillis(Math.max(t[1], t[3]) - Math.min(t[0], t[2])));
        int max = Math.max(a, b);
        int sum = a + b;
        boolean closerToMax = Math.abs(span - max) < Math.abs(span - sum);
        ctx.result("the downloads of %d s and %d s took %.2f s from the first start to the last end: close to %s"
                        + " (max %d s, sum %d s); %.2f s in all with starting the two JVMs",
                "下载耗时%d秒和%d秒，从第一个开始到最后一个结束共%.2f秒：接近%s（较长者%d秒，两者之和%d秒）；算上启动两个JVM共%.2f秒",
                a, b, span, closerToMax ? ctx.text("the longer one", "较长的那个") : ctx.text("the sum", "两者之和"),
                max, sum, total);
    }
}

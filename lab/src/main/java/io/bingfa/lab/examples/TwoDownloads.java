package io.bingfa.lab.examples;

import io.bingfa.threading.Threads;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Two downloads of 5 to 10 random seconds each: one after the other they take the sum, in two
 * threads about the longer of the two. {@code --mode threads} (the default) uses target functions,
 * {@code --mode subclass} the {@code DownloadTask(Thread)} class, {@code --mode sequential} the
 * course's first version without threads. The process version comes with multiprocessing. Course
 * notes 002 Python中的多线程.
 */
public final class TwoDownloads extends BaseExample {
    private static final List<String> FILES = List.of("Python从入门到住院.pdf", "Peking Hot.avi");

    public TwoDownloads() {
        super("two-downloads-threads", Topic.THREADS,
                "two downloads of 5-10 random seconds: one after the other they take the sum, in two threads about the longer one (--mode sequential|threads|subclass)",
                "两个耗时5~10秒（随机）的下载任务：依次执行总耗时为两者之和，放到两个线程中约为较长的那个（--mode sequential|threads|subclass）",
                "002 Python中的多线程 (download, DownloadTask)",
                ExampleOption.choice("mode", List.of("threads", "subclass", "sequential"),
                        "threads: Thread(target=download); subclass: DownloadTask(Thread); sequential: no threads",
                        "threads：Thread(target=download)；subclass：DownloadTask(Thread)；sequential：不用线程，依次下载"));
    }

    @Override
    public void run(ExampleContext ctx) throws Exception {
        new Program(ctx).main(ctx.option("mode"));
    }

    private static final class Program {
        private final ExampleContext ctx;
        private final Map<String, Integer> seconds = new ConcurrentHashMap<>();

        Program(ExampleContext ctx) {
            this.ctx = ctx;
        }

        void download(String filename) throws InterruptedException {
            ctx.say("Start downloading %s...", "开始下载%s...", filename);
            int timeToDownload = ctx.random(filename).nextInt(5, 11);   // randint(5, 10)
            seconds.put(filename, timeToDownload);
            ctx.sleep(timeToDownload);
            ctx.say("%s downloaded! It took %d seconds", "%s下载完成! 耗费了%d秒", filename, timeToDownload);
        }

        final class DownloadTask extends Thread {
            private final String filename;

            DownloadTask(String filename) {
                super(Threads.nextName());
                this.filename = filename;
            }

            @Override
            public void run() {
                try {
                    download(filename);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        void main(String mode) throws InterruptedException {
            long start = System.nanoTime();
            switch (mode) {
                case "sequential" -> {
                    download(FILES.get(0));
                    download(FILES.get(1));
                }
                case "subclass" -> {
                    Thread t1 = new DownloadTask(FILES.get(0));
                    t1.start();
                    Thread t2 = new DownloadTask(FILES.get(1));
                    t2.start();
                    t1.join();
                    t2.join();
                }
                default -> {
                    Thread t1 = Threads.start(() -> download(FILES.get(0)));
                    Thread t2 = Threads.start(() -> download(FILES.get(1)));
                    t1.join();
                    t2.join();
                }
            }
            long end = System.nanoTime();
            Duration took = Duration.ofNanos(end - start);
            double total = ctx.unscaledSeconds(took);
            ctx.say("It took %.3f seconds in all", "总共耗费了%.3f秒", total);
            int a = seconds.get(FILES.get(0));
            int b = seconds.get(FILES.get(1));
            int max = Math.max(a, b);
            int sum = a + b;
            boolean closerToMax = Math.abs(total - max) < Math.abs(total - sum);
            ctx.result("%.2f s in all for downloads of %d s and %d s: close to %s (max %d s, sum %d s)",
                    "下载耗时%2$d秒和%3$d秒，总共%1$.2f秒：接近%4$s（较长者%5$d秒，两者之和%6$d秒）",
                    total, a, b,
                    closerToMax ? ctx.text("the longer one", "较长的那个") : ctx.text("the sum", "两者之和"),
                    max, sum);
        }
    }
}

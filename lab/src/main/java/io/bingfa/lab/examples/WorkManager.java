package io.bingfa.lab.examples;

import io.bingfa.queue.Queue;
import io.bingfa.queue.QueueEmptyException;
import io.bingfa.threading.Threads;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The course's home-made thread pool: a {@code WorkManager} puts 100 jobs {@code (do_job, [i])} into
 * a {@link Queue} and starts 10 {@code Work} threads, which take jobs with
 * {@code get(block=False)} ({@link Queue#getNowait()}) until the queue is empty. 100 jobs of 0.1 s on
 * 10 threads take about 1 s. Course notes 002 线程池.
 */
public final class WorkManager extends BaseExample {
    public WorkManager() {
        super("work-manager", Topic.QUEUES,
                "a home-made thread pool: 10 Work threads take 100 jobs off a Queue with get_nowait()",
                "自己实现的线程池：10个Work线程用get_nowait()从队列中取出100个任务执行",
                "002 线程池 (WorkManager)",
                ExampleOption.count("jobs", 100, "how many jobs (the course: 100)", "任务数量（课程中为100）"),
                ExampleOption.count("threads", 10, "how many Work threads (the course: 10)", "Work线程数量（课程中为10）"));
    }

    @Override
    public void run(ExampleContext ctx) throws Exception {
        new Program(ctx).main();
    }

    private static final class Program {
        private final ExampleContext ctx;
        private final Map<Integer, Integer> done = new ConcurrentHashMap<>();
        private final Map<String, Integer> byThread = new ConcurrentHashMap<>();

        Program(ExampleContext ctx) {
            this.ctx = ctx;
        }

        /** A job: {@code (func, args)}. */
        interface Job {
            void call(List<Integer> args) throws Exception;
        }

        record Item(Job func, List<Integer> args) {}

        final class Manager {
            private final Queue<Item> workQueue = new Queue<>();
            private final List<Work> threads = new ArrayList<>();

            Manager(int workNum, int threadNum) {
                initWorkQueue(workNum);
                initThreadPool(threadNum);
            }

            /** 初始化线程. */
            private void initThreadPool(int threadNum) {
                for (int i = 0; i < threadNum; i++) {
                    Work work = new Work(workQueue);
                    threads.add(work);
                    work.start();                         // the course's Work.__init__ calls self.start()
                }
            }

            /** 初始化工作队列. */
            private void initWorkQueue(int jobsNum) {
                for (int i = 0; i < jobsNum; i++) {
                    addJob(Program.this::doJob, i);
                }
            }

            /** 添加一项工作入队. */
            void addJob(Job func, Integer... args) {
                workQueue.putNowait(new Item(func, List.of(args)));   // 任务入队，Queue内部实现了同步机制
            }

            /** 等待所有线程运行完毕. */
            void waitAllComplete() throws InterruptedException {
                for (Work item : threads) {
                    if (item.isAlive()) {
                        item.join();
                    }
                }
            }
        }

        final class Work extends Thread {
            private final Queue<Item> workQueue;

            Work(Queue<Item> workQueue) {
                super(Threads.nextName());
                this.workQueue = workQueue;
            }

            @Override
            public void run() {
                while (true) {                            // 死循环，从而让创建的线程在一定条件下关闭退出
                    try {
                        Item job = workQueue.getNowait(); // 任务异步出队，Queue内部实现了同步机制
                        job.func().call(job.args());
                        workQueue.taskDone();             // 通知系统任务完成
                    } catch (QueueEmptyException e) {
                        break;
                    } catch (Exception e) {              // except: break
                        break;
                    }
                }
            }
        }

        void doJob(List<Integer> args) throws InterruptedException {
            ctx.sleep(0.1);                               // 模拟处理时间
            ctx.print("%s", Threads.current());
            ctx.print("%s", args);
            done.merge(args.get(0), 1, Integer::sum);
            byThread.merge(Threads.current().getName(), 1, Integer::sum);
        }

        void main() throws InterruptedException {
            int jobs = ctx.count("jobs");
            int threads = ctx.count("threads");
            long start = System.nanoTime();
            Manager workManager = new Manager(jobs, threads);
            workManager.waitAllComplete();
            long end = System.nanoTime();
            java.time.Duration cost = java.time.Duration.ofNanos(end - start);
            ctx.print("cost all time: %s", cost.toNanos() / 1e9);
            boolean once = done.size() == jobs && done.values().stream().allMatch(n -> n == 1);
            ctx.result("%d jobs done by %d threads, each exactly once: %s; %.2f s at time scale 1 (about jobs * 0.1 / threads = %.1f)",
                    "%d个任务由%d个线程完成，每个任务正好执行一次：%s；按时间比例1折算为%.2f秒（约为 任务数 * 0.1 / 线程数 = %.1f）",
                    done.size(), byThread.size(), Py.repr(once), ctx.unscaledSeconds(cost), jobs * 0.1 / threads);
        }
    }
}

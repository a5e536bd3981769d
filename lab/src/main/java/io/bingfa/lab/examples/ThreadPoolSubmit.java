package io.bingfa.lab.examples;

import io.bingfa.futures.Future;
import io.bingfa.futures.ThreadPoolExecutor;
import io.bingfa.threading.Threads;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code concurrent.futures}' thread pool: a {@code ThreadPoolExecutor(4)} runs ten calls of
 * {@code func(i)} (print i, sleep 1 s, return i); {@code add_done_callback} prints each future and
 * its result as it finishes; {@code shutdown()} waits for them all. Ten calls of 1 s on 4 threads
 * take about 3 s. Course notes 004 线程池.
 */
public final class ThreadPoolSubmit extends BaseExample {
    public ThreadPoolSubmit() {
        super("thread-pool-submit", Topic.THREAD_POOLS,
                "ThreadPoolExecutor(4): submit func(i) for 10 values, add_done_callback prints each future and its result, shutdown() waits",
                "线程池ThreadPoolExecutor(4)：提交10个func(i)任务，add_done_callback打印每个future及其结果，shutdown()等待全部完成",
                "004 线程池 (ThreadPoolExecutor, submit, add_done_callback)",
                ExampleOption.count("workers", 4, "max_workers of the pool (the course: 4)", "线程池的max_workers（课程中为4）"),
                ExampleOption.count("tasks", 10, "how many calls of func (the course: 10)", "提交func的次数（课程中为10）"));
    }

    @Override
    public void run(ExampleContext ctx) throws Exception {
        new Program(ctx).main();
    }

    private static final class Program {
        private final ExampleContext ctx;
        private final Map<Integer, Integer> called = new ConcurrentHashMap<>();
        private final Map<Integer, Integer> calledBack = new ConcurrentHashMap<>();
        private final Set<String> threads = ConcurrentHashMap.newKeySet();

        Program(ExampleContext ctx) {
            this.ctx = ctx;
        }

        Integer func(int i) throws InterruptedException {
            ctx.print("%d", i);
            called.merge(i, 1, Integer::sum);
            threads.add(Threads.current().getName());
            ctx.sleep(1);
            return i;
        }

        void callback(Future<Integer> future) {
            // <Future at 0x1033f2d30 state=finished returned int>; here Future[state=finished returned Integer]
            Integer result = future.resultNow();   // future.result(): the future is done, nothing to wait for
            ctx.print("%s %s", future, result);
            calledBack.merge(result, 1, Integer::sum);
        }

        void main() throws InterruptedException {
            int workers = ctx.count("workers");
            int tasks = ctx.count("tasks");
            long start = System.nanoTime();
            ThreadPoolExecutor pool = new ThreadPoolExecutor(workers);
            for (int i = 0; i < tasks; i++) {
                int n = i;
                // submit has no callback parameter, but add_done_callback can be called on its future
                Future<Integer> t = pool.submit(() -> func(n));
                t.addDoneCallback(this::callback);
            }
            pool.shutdown();                                // shutdown(wait=True): waits for every call
            double took = ctx.unscaledSeconds(Duration.ofNanos(System.nanoTime() - start));
            boolean once = called.size() == tasks && calledBack.size() == tasks
                    && called.values().stream().allMatch(c -> c == 1)
                    && calledBack.values().stream().allMatch(c -> c == 1);
            int rounds = (tasks + workers - 1) / workers;
            ctx.result("%d calls ran on %d threads (max_workers %d); every i printed once and every result called back once: %s;"
                            + " %.2f s at time scale 1 (about ceil(calls / workers) = %d)",
                    "%d个任务在%d个线程上运行（max_workers为%d）；每个i打印一次，每个结果回调一次：%s；"
                            + "按时间比例1折算为%.2f秒（约为 ceil(任务数 / 线程数) = %d）",
                    tasks, threads.size(), workers, Py.repr(once), took, rounds);
        }
    }
}

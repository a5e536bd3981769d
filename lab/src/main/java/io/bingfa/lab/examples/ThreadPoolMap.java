package io.bingfa.lab.examples;

import io.bingfa.futures.MapIterator;
import io.bingfa.futures.ThreadPoolExecutor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code concurrent.futures}' {@code map}: a {@code ThreadPoolExecutor(2)} runs {@code func} on
 * 1..5 and the generator it returns gives the results in input order, whichever call finishes
 * first. Five calls of 1 s on 2 threads take about 3 s. Course notes 004 线程池.
 *
 * <p>The notes say that map "includes shutdown"; it does not: Python's interpreter exit joins the
 * pool's idle workers. The lab's JVM goes on after the example, so it calls {@code shutdown()}.
 */
public final class ThreadPoolMap extends BaseExample {
    private static final List<Integer> ITEMS = List.of(1, 2, 3, 4, 5);

    public ThreadPoolMap() {
        super("thread-pool-map", Topic.THREAD_POOLS,
                "ThreadPoolExecutor(2).map(func, [1, 2, 3, 4, 5]) gives the results in input order",
                "ThreadPoolExecutor(2).map(func, [1, 2, 3, 4, 5])按输入的顺序给出结果",
                "004 线程池 (pool.map)");
    }

    @Override
    public void run(ExampleContext ctx) throws Exception {
        new Program(ctx).main();
    }

    private static final class Program {
        private final ExampleContext ctx;

        Program(ExampleContext ctx) {
            this.ctx = ctx;
        }

        Integer func(Integer i) throws InterruptedException {
            ctx.print("%d", i);
            ctx.sleep(1);
            return i;
        }

        void main() throws InterruptedException {
            long start = System.nanoTime();
            ThreadPoolExecutor pool = new ThreadPoolExecutor(2);
            MapIterator<Integer> gen = pool.map(this::func, ITEMS);
            List<Integer> results = new ArrayList<>();
            while (gen.hasNext()) {                         // for res in gen:
                Integer res = gen.next();                   // waits for this position's call only
                ctx.print("%d", res);
                results.add(res);
            }
            pool.shutdown();                                // what Python's interpreter exit does
            double took = ctx.unscaledSeconds(Duration.ofNanos(System.nanoTime() - start));
            ctx.result("results %s, in input order: %s; %.2f s at time scale 1 (5 calls of 1 s on 2 threads: about 3)",
                    "map返回的结果%s，与输入顺序一致：%s；按时间比例1折算为%.2f秒（2个线程执行5个1秒的任务：约3秒）",
                    Py.repr(results), Py.repr(results.equals(ITEMS)), took);
        }
    }
}

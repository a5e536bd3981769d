package io.bingfa.bench;

import static io.bingfa.bench.Harness.check;

import io.bingfa.futures.MapIterator;
import io.bingfa.futures.ThreadPoolExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

/**
 * {@code threadpool_map}: a pool of 4 workers maps {@code x -> 2x + 1} over 0..n-1; the results are
 * checked in input order. The JDK peer has no {@code map}: it submits every item, then gets the
 * futures in order, which is what CPython's {@code Executor.map} does.
 */
final class ThreadpoolMap extends Benchmark {
    private static final int WORKERS = 4;
    private final int items;
    private final List<Integer> inputs;

    ThreadpoolMap(boolean quick) {
        items = quick ? 5_000 : 50_000;
        inputs = IntStream.range(0, items).boxed().toList();
    }

    @Override public String name() { return "threadpool_map"; }
    @Override public Unit unit() { return Unit.ITEMS_PER_SECOND; }
    @Override public Goal goal() { return Goal.ratios(10, 0.8, "j.u.c ThreadPoolExecutor, submit all + get in order"); }

    @Override
    public String workload() {
        return "pool of " + WORKERS + " threads, map x -> 2x + 1 over " + items + " items, results checked in order";
    }

    @Override public long amount() { return items; }

    private static Integer work(Integer x) {
        return 2 * x + 1;
    }

    @Override
    public void bingfa() throws Exception {
        try (var pool = new ThreadPoolExecutor(WORKERS);
             MapIterator<Integer> results = pool.map(ThreadpoolMap::work, inputs)) {
            int i = 0;
            while (results.hasNext()) {
                checkResult(i, results.next());
                i++;
            }
            checkCount(i);
        }
    }

    @Override
    public void jdk() throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(WORKERS)) {
            List<Future<Integer>> futures = new ArrayList<>(items);
            for (Integer x : inputs) {
                futures.add(pool.submit(() -> work(x)));
            }
            int i = 0;
            for (Future<Integer> f : futures) {
                checkResult(i, f.get());
                i++;
            }
            checkCount(i);
        }
    }

    private static void checkResult(int i, Integer result) throws CheckFailedException {
        if (result == null || result != 2 * i + 1) {
            throw new CheckFailedException("result " + i + " is " + result + " (expected: " + (2 * i + 1) + ")");
        }
    }

    private void checkCount(int n) throws CheckFailedException {
        check(n == items, "results " + n + " (expected: " + items + ")");
    }
}

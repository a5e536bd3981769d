package io.bingfa.bench;

import static io.bingfa.bench.Harness.check;

import io.bingfa.futures.Future;
import io.bingfa.futures.ThreadPoolExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code threadpool_tiny_tasks}: a pool of 4 workers, 50k no-op tasks submitted, then every future
 * waited for and its result checked. Creating and shutting down the pool is part of each run, as in
 * CPython's {@code with ThreadPoolExecutor(4) as pool:}.
 */
final class ThreadpoolTinyTasks extends Benchmark {
    private static final int WORKERS = 4;
    private final int tasks;

    ThreadpoolTinyTasks(boolean quick) {
        tasks = quick ? 5_000 : 50_000;
    }

    @Override public String name() { return "threadpool_tiny_tasks"; }
    @Override public Unit unit() { return Unit.TASKS_PER_SECOND; }
    @Override public Goal goal() { return Goal.ratios(10, 0.8, "j.u.c ThreadPoolExecutor"); }

    @Override
    public String workload() {
        return "pool of " + WORKERS + " threads, submit " + tasks + " no-op tasks, wait for all";
    }

    @Override public long amount() { return tasks; }

    @Override
    public void bingfa() throws Exception {
        List<Future<Object>> futures = new ArrayList<>(tasks);
        try (var pool = new ThreadPoolExecutor(WORKERS)) {
            for (int i = 0; i < tasks; i++) {
                futures.add(pool.submit(() -> null));
            }
            int done = 0;
            for (Future<Object> f : futures) {
                check(f.result() == null, "a no-op task returned a value");
                done++;
            }
            checkDone(done);
        }
    }

    @Override
    public void jdk() throws Exception {
        List<java.util.concurrent.Future<Object>> futures = new ArrayList<>(tasks);
        try (ExecutorService pool = Executors.newFixedThreadPool(WORKERS)) {
            for (int i = 0; i < tasks; i++) {
                futures.add(pool.submit(() -> null));
            }
            int done = 0;
            for (java.util.concurrent.Future<Object> f : futures) {
                check(f.get() == null, "a no-op task returned a value");
                done++;
            }
            checkDone(done);
        }
    }

    private void checkDone(int done) throws CheckFailedException {
        check(done == tasks, "tasks done " + done + " (expected: " + tasks + ")");
    }
}

package io.bingfa.bench;

import static io.bingfa.bench.Harness.check;
import static io.bingfa.bench.Harness.runThreads;

import io.bingfa.queue.Queue;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/** {@code queue_spsc}: an unbounded queue, 1 producer puts 0..n-1, 1 consumer checks their order. */
final class QueueSpsc extends Benchmark {
    private final int items;

    QueueSpsc(boolean quick) {
        items = quick ? 50_000 : 500_000;
    }

    @Override public String name() { return "queue_spsc"; }
    @Override public Unit unit() { return Unit.ITEMS_PER_SECOND; }
    @Override public Goal goal() { return Goal.ratios(10, 0.8, "LinkedBlockingQueue"); }

    @Override
    public String workload() {
        return "unbounded queue, 1 producer puts 0.." + (items - 1) + ", 1 consumer checks order";
    }

    @Override public long amount() { return items; }

    /** bingfa's Queue, through the methods both sides share: put, and take (its get). */
    @Override
    public void bingfa() throws Exception {
        run(new Queue<>());
    }

    @Override
    public void jdk() throws Exception {
        run(new LinkedBlockingQueue<>());
    }

    private void run(BlockingQueue<Integer> q) throws Exception {
        runThreads(List.of(
                () -> {
                    for (int i = 0; i < items; i++) {
                        q.put(i);
                    }
                },
                () -> {
                    for (int expected = 0; expected < items; expected++) {
                        checkItem(q.take(), expected);
                    }
                }));
    }

    private static void checkItem(int item, int expected) throws CheckFailedException {
        if (item != expected) {
            check(false, "got " + item + " (expected: " + expected + ")");
        }
    }
}

package io.bingfa.bench;

import static io.bingfa.bench.Harness.check;
import static io.bingfa.bench.Harness.runThreads;

import io.bingfa.queue.Queue;
import java.util.ArrayList;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * {@code queue_mpmc}: a queue of 1024, 4 producers, 4 consumers; every item is received exactly once.
 * Producer {@code p} puts {@code p, p+4, p+8, ...}; each consumer takes its share of the items.
 */
final class QueueMpmc extends Benchmark {
    private static final int CAPACITY = 1024;
    private static final int PRODUCERS = 4;
    private static final int CONSUMERS = 4;
    private final int items;

    QueueMpmc(boolean quick) {
        items = quick ? 50_000 : 500_000;
    }

    @Override public String name() { return "queue_mpmc"; }
    @Override public Unit unit() { return Unit.ITEMS_PER_SECOND; }
    @Override public Goal goal() { return Goal.ratios(5, 0.8, "ArrayBlockingQueue(1024)"); }

    @Override
    public String workload() {
        return "queue of " + CAPACITY + ", " + PRODUCERS + " producers, " + CONSUMERS + " consumers, "
                + items + " items each received once";
    }

    @Override public long amount() { return items; }

    /** bingfa's Queue, through the methods both sides share: put, and take (its get). */
    @Override
    public void bingfa() throws Exception {
        run(new Queue<>(CAPACITY));
    }

    @Override
    public void jdk() throws Exception {
        run(new ArrayBlockingQueue<>(CAPACITY));
    }

    private void run(BlockingQueue<Integer> q) throws Exception {
        int[][] received = new int[CONSUMERS][];
        var bodies = new ArrayList<Harness.Work>();
        for (int p = 0; p < PRODUCERS; p++) {
            int first = p;
            bodies.add(() -> {
                for (int item = first; item < items; item += PRODUCERS) {
                    q.put(item);
                }
            });
        }
        for (int c = 0; c < CONSUMERS; c++) {
            int[] mine = received[c] = new int[share(c)];
            bodies.add(() -> {
                for (int i = 0; i < mine.length; i++) {
                    mine[i] = q.take();
                }
            });
        }
        runThreads(bodies);
        checkEachOnce(received);
    }

    /** How many items consumer {@code c} takes; the shares add up to {@code items}. */
    private int share(int c) {
        return items / CONSUMERS + (c < items % CONSUMERS ? 1 : 0);
    }

    private void checkEachOnce(int[][] received) throws CheckFailedException {
        boolean[] seen = new boolean[items];
        for (int[] mine : received) {
            for (int item : mine) {
                check(item >= 0 && item < items && !seen[item],
                        "item " + item + " received twice or out of range");
                seen[item] = true;
            }
        }
        int missing = 0;
        for (boolean s : seen) {
            missing += s ? 0 : 1;
        }
        check(missing == 0, missing + " items never received");
    }
}

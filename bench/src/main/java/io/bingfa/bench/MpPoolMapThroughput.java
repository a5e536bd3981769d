package io.bingfa.bench;

import static io.bingfa.bench.Harness.check;

import io.bingfa.SerializableFunction;
import io.bingfa.multiprocessing.Pool;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;

/**
 * {@code mp_pool_map_throughput}: a pool of 2 worker processes maps {@code x -> x*x} over 0..n-1
 * with the default chunksize ({@code ceil(n / (4 x workers))}, 8 chunks), then the parent sums the
 * results and checks the sum against {@code (n-1) n (2n-1) / 6}; items/s. The pool is started in
 * {@link #open()} (untimed) and serves the warm-up and every timed run.
 *
 * <p>bingfa: {@link Pool#map} over a {@code List<Long>} built inside the run (CPython's
 * {@code map} also turns its {@code range} into a list). The JDK has no process pool; the plain peer
 * is the hand-written equivalent: 2 {@link ProcessBuilder} children ({@link JdkChild}
 * {@code squares}), one parent thread per child sending it chunks k, k+2, ... as two longs (lo, hi)
 * and reading back the squares as raw longs into one {@code long[]}. Raw longs instead of
 * serialised {@code Long} lists: it bounds what a pool could reach.
 */
final class MpPoolMapThroughput extends Benchmark {
    private static final int WORKERS = 2;
    private static final SerializableFunction<Long, Long> SQUARE = x -> x * x;
    private final int items;
    private final int chunksize;
    private Pool pool;
    private final List<Process> jdkChildren = new ArrayList<>();

    MpPoolMapThroughput(boolean quick) {
        items = quick ? 200_000 : 2_000_000;
        chunksize = (items + 4 * WORKERS - 1) / (4 * WORKERS);
    }

    @Override public String name() { return "mp_pool_map_throughput"; }
    @Override public Unit unit() { return Unit.ITEMS_PER_SECOND; }
    @Override public Goal goal() {
        return Goal.ratios(1, Double.NaN, "2 ProcessBuilder children writing raw longs (no process pool in the JDK)");
    }

    @Override
    public String workload() {
        return "pool of " + WORKERS + " processes (CPython: fork start method), map x -> x*x over " + items
                + " items in chunks of " + chunksize + ", sum of results checked";
    }

    @Override public long amount() { return items; }

    @Override
    public void open() throws Exception {
        pool = new Pool(WORKERS);
        for (int w = 0; w < WORKERS; w++) {
            jdkChildren.add(JdkChild.start("squares"));
        }
    }

    @Override
    public void bingfa() throws Exception {
        List<Long> inputs = LongStream.range(0, items).boxed().toList();
        List<Long> results = pool.map(SQUARE, inputs);
        long total = 0;
        for (Long r : results) {
            total += r;
        }
        checkResults(results.size(), total);
    }

    @Override
    public void jdk() throws Exception {
        long[] results = new long[items];
        List<Harness.Work> feeders = new ArrayList<>();
        for (int w = 0; w < WORKERS; w++) {
            Process child = jdkChildren.get(w);
            int first = w;
            feeders.add(() -> {
                var out = new DataOutputStream(child.getOutputStream());
                var in = new DataInputStream(new BufferedInputStream(child.getInputStream(), 1 << 16));
                for (int lo = first * chunksize; lo < items; lo += WORKERS * chunksize) {
                    int hi = Math.min(items, lo + chunksize);
                    out.writeLong(lo);
                    out.writeLong(hi);
                    out.flush();
                    for (int x = lo; x < hi; x++) {
                        results[x] = in.readLong();
                    }
                }
            });
        }
        Harness.runThreads(feeders);
        long total = 0;
        for (long r : results) {
            total += r;
        }
        checkResults(results.length, total);
    }

    private void checkResults(int count, long total) throws CheckFailedException {
        BigInteger n = BigInteger.valueOf(items);
        long expected = n.subtract(BigInteger.ONE).multiply(n).multiply(n.shiftLeft(1).subtract(BigInteger.ONE))
                .divide(BigInteger.valueOf(6)).longValueExact();
        check(count == items, "results " + count + " (expected: " + items + ")");
        check(total == expected, "sum of squares " + total + " (expected: " + expected + ")");
    }

    @Override
    public void close() throws Exception {
        try {
            if (pool != null) {
                pool.terminate();
                pool.join();
            }
        } finally {
            for (Process child : jdkChildren) {
                JdkChild.stop(child);
            }
        }
    }
}

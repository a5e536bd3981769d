package io.bingfa.bench;

import static io.bingfa.bench.Harness.check;

import io.bingfa.SerializableFunction;
import io.bingfa.multiprocessing.Pool;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code mp_pool_apply_roundtrip}: a pool of 2 worker processes, {@code apply} of a no-op, one call
 * at a time; round trips/s. The pool is started in {@link #open()} (untimed; its workers become ready
 * during the warm-up run) and serves the warm-up and every timed run.
 *
 * <p>bingfa: {@link Pool#apply} of a function that returns {@code null}, every result checked to be
 * {@code null}. The JDK has no process pool; the plain peer is the hand-written equivalent: 2
 * {@link ProcessBuilder} children ({@link JdkChild} {@code echo}), call i sent to child i mod 2 as
 * one int on its stdin and answered with that int on its stdout. It has no task objects,
 * serialisation, result bookkeeping or crash handling, so it bounds what a pool could reach.
 */
final class MpPoolApplyRoundtrip extends Benchmark {
    private static final int WORKERS = 2;
    private static final SerializableFunction<Object, Object> NOOP = ignored -> null;
    private final int calls;
    private Pool pool;
    private final List<Process> jdkChildren = new ArrayList<>();
    private final List<DataOutputStream> jdkOut = new ArrayList<>();
    private final List<DataInputStream> jdkIn = new ArrayList<>();

    MpPoolApplyRoundtrip(boolean quick) {
        calls = quick ? 500 : 5_000;
    }

    @Override public String name() { return "mp_pool_apply_roundtrip"; }
    @Override public Unit unit() { return Unit.ROUND_TRIPS_PER_SECOND; }
    @Override public Goal goal() {
        return Goal.ratios(2, Double.NaN, "2 ProcessBuilder children echoing an int (no process pool in the JDK)");
    }

    @Override
    public String workload() {
        return "pool of " + WORKERS + " processes (CPython: fork start method), apply a no-op " + calls
                + " times, one at a time";
    }

    @Override public long amount() { return calls; }

    @Override
    public void open() throws Exception {
        pool = new Pool(WORKERS);
        for (int w = 0; w < WORKERS; w++) {
            Process child = JdkChild.start("echo");
            jdkChildren.add(child);
            jdkOut.add(new DataOutputStream(child.getOutputStream()));
            jdkIn.add(new DataInputStream(child.getInputStream()));
        }
    }

    @Override
    public void bingfa() throws Exception {
        for (int i = 0; i < calls; i++) {
            Object result = pool.apply(NOOP, null);
            if (result != null) {
                check(false, "call " + i + " returned " + result + " (expected: null)");
            }
        }
    }

    @Override
    public void jdk() throws Exception {
        for (int i = 0; i < calls; i++) {
            DataOutputStream out = jdkOut.get(i % WORKERS);
            out.writeInt(i);
            out.flush();
            int got = jdkIn.get(i % WORKERS).readInt();
            if (got != i) {
                check(false, "call " + i + " returned " + got + " (expected: " + i + ")");
            }
        }
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

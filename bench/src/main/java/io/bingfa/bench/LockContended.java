package io.bingfa.bench;

import static io.bingfa.bench.Harness.check;
import static io.bingfa.bench.Harness.runThreads;

import io.bingfa.threading.Lock;
import java.util.concurrent.locks.ReentrantLock;

/** {@code lock_contended}: 4 threads increment one counter under one lock; the final count is checked. */
final class LockContended extends Benchmark {
    private static final int THREADS = 4;
    private final int increments;
    private int counter; // guarded by the run's lock

    LockContended(boolean quick) {
        increments = quick ? 50_000 : 500_000;
    }

    @Override public String name() { return "lock_contended"; }
    @Override public Unit unit() { return Unit.INCREMENTS_PER_SECOND; }
    @Override public Goal goal() { return Goal.ratios(3, 0.8, "ReentrantLock"); }

    @Override
    public String workload() {
        return THREADS + " threads x " + increments + " increments of one counter under one lock";
    }

    @Override public long amount() { return (long) THREADS * increments; }

    @Override
    public void bingfa() throws Exception {
        Lock lock = new Lock();
        counter = 0;
        runThreads(THREADS, () -> {
            for (int i = 0; i < increments; i++) {
                lock.acquire();
                try {
                    counter++;
                } finally {
                    lock.release();
                }
            }
        });
        checkCount();
    }

    @Override
    public void jdk() throws Exception {
        ReentrantLock lock = new ReentrantLock();
        counter = 0;
        runThreads(THREADS, () -> {
            for (int i = 0; i < increments; i++) {
                lock.lock();
                try {
                    counter++;
                } finally {
                    lock.unlock();
                }
            }
        });
        checkCount();
    }

    private void checkCount() throws CheckFailedException {
        check(counter == amount(), "final count " + counter + " (expected: " + amount() + ")");
    }
}

package io.bingfa.bench;

import static io.bingfa.bench.Harness.check;
import static io.bingfa.bench.Harness.runThreads;

import io.bingfa.threading.Lock;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@code bank_race}: threads each deposit 1 with a 10 ms pause between reading and writing the
 * balance. With a lock the balance equals the number of threads (timed, in seconds); without one,
 * lost updates leave it lower ({@link #semantics()}, run once).
 */
final class BankRace extends Benchmark {
    private static final int PAUSE_MS = 10;
    private final int threads;
    private int balance; // guarded by the run's lock, except in the unprotected run

    BankRace(boolean quick) {
        threads = quick ? 10 : 100;
    }

    @Override public String name() { return "bank_race"; }
    @Override public Unit unit() { return Unit.SECONDS; }
    @Override public Goal goal() { return Goal.equalSemantics("ReentrantLock"); }

    @Override
    public String workload() {
        return threads + " threads deposit 1 with a " + PAUSE_MS + " ms pause inside the critical section";
    }

    @Override public long amount() { return threads; }

    @Override
    public void bingfa() throws Exception {
        Lock lock = new Lock();
        race(() -> {
            lock.acquire();
            try {
                deposit();
            } finally {
                lock.release();
            }
        });
        check(balance == threads, "balance with lock " + balance + " (expected: " + threads + ")");
    }

    @Override
    public void jdk() throws Exception {
        ReentrantLock lock = new ReentrantLock();
        race(() -> {
            lock.lock();
            try {
                deposit();
            } finally {
                lock.unlock();
            }
        });
        check(balance == threads, "balance with lock " + balance + " (expected: " + threads + ")");
    }

    /** The unprotected run: its balance must show lost updates. */
    @Override
    public List<String> semantics() throws Exception {
        race(this::deposit);
        int unlocked = balance;
        check(unlocked < threads, "unlocked balance " + unlocked + " shows no lost update");
        return List.of("unlocked balance " + unlocked + " (expected: < " + threads + ")");
    }

    private void race(Harness.Work depositor) throws Exception {
        balance = 0;
        runThreads(threads, depositor);
    }

    private void deposit() throws InterruptedException {
        int seen = balance;
        Thread.sleep(PAUSE_MS);
        balance = seen + 1;
    }
}

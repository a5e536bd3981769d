package io.bingfa.bench;

import static io.bingfa.bench.Harness.check;
import static io.bingfa.bench.Harness.publish;

import io.bingfa.threading.RLock;
import java.util.concurrent.locks.ReentrantLock;

/** {@code rlock_uncontended}: one thread, an RLock acquired twice and released twice = 1 op. */
final class RLockUncontended extends Benchmark {
    private final int ops;

    RLockUncontended(boolean quick) {
        ops = quick ? 1_000_000 : 10_000_000;
    }

    @Override public String name() { return "rlock_uncontended"; }
    @Override public Unit unit() { return Unit.OPS_PER_SECOND; }
    @Override public Goal goal() { return Goal.ratios(5, 0.8, "ReentrantLock"); }
    @Override public String workload() { return ops + " ops of acquire,acquire,release,release, 1 thread"; }
    @Override public long amount() { return ops; }

    @Override
    public void bingfa() throws Exception {
        RLock lock = publish(new RLock());
        for (int i = 0; i < ops; i++) {
            lock.acquire();
            lock.acquire();
            lock.release();
            lock.release();
        }
        check(lock.holdCount() == 0, "rlock left held " + lock.holdCount() + " times");
    }

    @Override
    public void jdk() throws Exception {
        ReentrantLock lock = publish(new ReentrantLock());
        for (int i = 0; i < ops; i++) {
            lock.lock();
            lock.lock();
            lock.unlock();
            lock.unlock();
        }
        check(lock.getHoldCount() == 0, "lock left held " + lock.getHoldCount() + " times");
    }
}

package io.bingfa.bench;

import static io.bingfa.bench.Harness.check;
import static io.bingfa.bench.Harness.publish;

import io.bingfa.threading.Lock;
import java.util.concurrent.locks.ReentrantLock;

/** {@code lock_uncontended}: one thread, Lock acquire+release pairs. */
final class LockUncontended extends Benchmark {
    private final int ops;

    LockUncontended(boolean quick) {
        ops = quick ? 1_000_000 : 10_000_000;
    }

    @Override public String name() { return "lock_uncontended"; }
    @Override public Unit unit() { return Unit.OPS_PER_SECOND; }
    @Override public Goal goal() { return Goal.ratios(5, 0.8, "ReentrantLock"); }
    @Override public String workload() { return ops + " acquire+release pairs, 1 thread"; }
    @Override public long amount() { return ops; }

    @Override
    public void bingfa() throws Exception {
        Lock lock = publish(new Lock());
        for (int i = 0; i < ops; i++) {
            lock.acquire();
            lock.release();
        }
        check(!lock.isLocked(), "lock left locked");
    }

    @Override
    public void jdk() throws Exception {
        ReentrantLock lock = publish(new ReentrantLock());
        for (int i = 0; i < ops; i++) {
            lock.lock();
            lock.unlock();
        }
        check(!lock.isLocked(), "lock left locked");
    }
}

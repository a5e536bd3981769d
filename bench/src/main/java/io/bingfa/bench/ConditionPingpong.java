package io.bingfa.bench;

import static io.bingfa.bench.Harness.check;
import static io.bingfa.bench.Harness.runThreads;

import io.bingfa.threading.Condition;
import io.bingfa.threading.Lock;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@code condition_pingpong}: two threads take turns through one Condition over one lock. A shared
 * count of hand-offs says whose turn it is (even: ping, odd: pong); one round trip is two hand-offs.
 */
final class ConditionPingpong extends Benchmark {
    private final int roundTrips;
    private int handoffs; // guarded by the run's lock

    ConditionPingpong(boolean quick) {
        roundTrips = quick ? 5_000 : 50_000;
    }

    @Override public String name() { return "condition_pingpong"; }
    @Override public Unit unit() { return Unit.ROUND_TRIPS_PER_SECOND; }
    @Override public Goal goal() { return Goal.ratios(3, 0.8, "ReentrantLock+Condition"); }

    @Override
    public String workload() {
        return "2 threads take turns through one condition, " + roundTrips + " round trips";
    }

    @Override public long amount() { return roundTrips; }

    @Override
    public void bingfa() throws Exception {
        Condition cond = new Condition(new Lock());
        handoffs = 0;
        runThreads(List.of(() -> bingfaPlayer(cond, 0), () -> bingfaPlayer(cond, 1)));
        checkHandoffs();
    }

    private void bingfaPlayer(Condition cond, int parity) throws InterruptedException {
        for (int i = 0; i < roundTrips; i++) {
            cond.acquire();
            try {
                while (handoffs % 2 != parity) {
                    cond.await();
                }
                handoffs++;
                cond.signal();
            } finally {
                cond.release();
            }
        }
    }

    @Override
    public void jdk() throws Exception {
        ReentrantLock lock = new ReentrantLock();
        java.util.concurrent.locks.Condition cond = lock.newCondition();
        handoffs = 0;
        runThreads(List.of(() -> jdkPlayer(lock, cond, 0), () -> jdkPlayer(lock, cond, 1)));
        checkHandoffs();
    }

    private void jdkPlayer(ReentrantLock lock, java.util.concurrent.locks.Condition cond, int parity)
            throws InterruptedException {
        for (int i = 0; i < roundTrips; i++) {
            lock.lock();
            try {
                while (handoffs % 2 != parity) {
                    cond.await();
                }
                handoffs++;
                cond.signal();
            } finally {
                lock.unlock();
            }
        }
    }

    private void checkHandoffs() throws CheckFailedException {
        check(handoffs == 2 * roundTrips, "handoffs " + handoffs + " (expected: " + 2 * roundTrips + ")");
    }
}

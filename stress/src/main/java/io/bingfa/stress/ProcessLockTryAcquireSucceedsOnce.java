package io.bingfa.stress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import io.bingfa.multiprocessing.ProcessLock;
import java.time.Duration;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * Two actors try a free {@link ProcessLock} without waiting ({@code tryAcquire()} and
 * {@code tryAcquire(Duration.ZERO)}); neither releases it. The arbiter reads {@code isLocked()},
 * then releases the lock for the next state that borrows it.
 */
@JCStressTest
@Description("ProcessLock: of two tryAcquire calls on a free lock exactly one succeeds")
@Outcome(id = {"1, 0, 1", "0, 1, 1"}, expect = ACCEPTABLE, desc = "exactly one took the lock")
@Outcome(id = "1, 1, .*", expect = FORBIDDEN, desc = "both took the lock")
@Outcome(id = "0, 0, .*", expect = FORBIDDEN, desc = "neither took the free lock")
@Outcome(expect = FORBIDDEN, desc = "inconsistent")
@State
public class ProcessLockTryAcquireSucceedsOnce {
    private static final Stress.SharedPool<ProcessLock> LOCKS = new Stress.SharedPool<>(ProcessLock::create, l -> {});

    private final ProcessLock lock = LOCKS.borrow();

    @Actor
    public void tryAcquire(III_Result r) {
        r.r1 = lock.tryAcquire() ? 1 : 0;
    }

    @Actor
    public void tryAcquireZero(III_Result r) {
        try {
            r.r2 = lock.tryAcquire(Duration.ZERO) ? 1 : 0;
        } catch (InterruptedException e) {
            r.r2 = -2;
        }
    }

    @Arbiter
    public void locked(III_Result r) {
        r.r3 = lock.isLocked() ? 1 : 0;
        if (r.r3 == 1) {
            lock.release();
        }
        LOCKS.giveBack(lock);
    }
}

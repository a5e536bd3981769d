package io.bingfa.stress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import io.bingfa.threading.RLock;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.IIIII_Result;

/**
 * One actor takes an {@link RLock} twice (re-entering it) and releases it twice; a contender takes
 * it once. Results: the holder's {@code holdCount()} at depth two and after one release, the
 * contender's {@code holdCount()} once it holds the lock, whether the contender saw the holder
 * inside, and whether the lock ends locked.
 */
@JCStressTest
@Description("RLock: re-entrant holder vs contender; hold counts stay consistent, holds never overlap")
@Outcome(id = "2, 1, 1, 0, 0", expect = ACCEPTABLE, desc = "the holds came one after the other, with the right counts")
@Outcome(id = ".*, .*, .*, 1, .*", expect = FORBIDDEN, desc = "the contender got in while the holder held the lock")
@Outcome(id = ".*, .*, .*, .*, 1", expect = FORBIDDEN, desc = "the lock was left locked")
@Outcome(expect = FORBIDDEN, desc = "wrong hold counts, or a timed acquire was not woken (-1)")
@State
public class RLockReentrantHolderExcludesContender {
    private final RLock lock = new RLock();
    /** Guarded by lock: true while the holder holds it at any depth. */
    private boolean holderInside;

    @Actor
    public void holder(IIIII_Result r) {
        Integer failed = Stress.failedToAcquire(lock, -1, -2);
        if (failed != null) {
            r.r1 = failed;
            return;
        }
        holderInside = true;
        lock.tryAcquire();
        r.r1 = lock.holdCount();
        lock.release();
        r.r2 = lock.holdCount();
        holderInside = false;
        lock.release();
    }

    @Actor
    public void contender(IIIII_Result r) {
        r.r3 = Stress.holding(lock, -1, -2, () -> {
            int holdCount = lock.holdCount();
            r.r4 = holderInside ? 1 : 0;
            return holdCount;
        });
    }

    @Arbiter
    public void locked(IIIII_Result r) {
        r.r5 = lock.isLocked() ? 1 : 0;
    }
}

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
import org.openjdk.jcstress.infra.results.LLLL_Result;

/**
 * The owner takes an {@link RLock} and releases it; meanwhile a stranger, which never took it,
 * calls {@code release()} at some point of that. Results: the owner's hold count while holding,
 * the outcome of the owner's release, the stranger's outcome, and whether the lock ends locked.
 */
@JCStressTest
@Description("RLock: a release by a thread that does not own the lock throws and changes nothing")
@Outcome(id = "1, OK, REFUSED, false", expect = ACCEPTABLE, desc = "the stranger was refused whenever it came; the owner's hold was intact")
@Outcome(id = ".*, .*, OK, .*", expect = FORBIDDEN, desc = "a thread that does not own the lock released it")
@Outcome(id = ".*, REFUSED, .*", expect = FORBIDDEN, desc = "the owner's own release was refused: the stranger broke its hold")
@Outcome(expect = FORBIDDEN, desc = "inconsistent")
@State
public class RLockReleaseByNonOwnerIsRefused {
    private final RLock lock = new RLock();

    @Actor
    public void owner(LLLL_Result r) {
        String failed = Stress.failedToAcquire(lock, Stress.TIMEOUT, Stress.INTERRUPTED);
        if (failed != null) {
            r.r1 = failed;
            return;
        }
        r.r1 = lock.holdCount();
        r.r2 = Stress.attempt(lock::release, IllegalMonitorStateException.class);
    }

    @Actor
    public void stranger(LLLL_Result r) {
        r.r3 = Stress.attempt(lock::release, IllegalMonitorStateException.class);
    }

    @Arbiter
    public void locked(LLLL_Result r) {
        r.r4 = lock.isLocked();
    }
}

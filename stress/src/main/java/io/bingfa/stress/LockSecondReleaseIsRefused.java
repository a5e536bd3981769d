package io.bingfa.stress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import io.bingfa.threading.Lock;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.LLI_Result;

/**
 * A {@link Lock} acquired once is released by two threads at the same time. The arbiter checks
 * that it ends unlocked and usable: {@code 1} if it is unlocked and a {@code tryAcquire} takes it.
 */
@JCStressTest
@Description("Lock: of two racing releases of one acquisition exactly one succeeds")
@Outcome(id = {"OK, REFUSED, 1", "REFUSED, OK, 1"}, expect = ACCEPTABLE, desc = "one release, the other refused with 'release unlocked lock'")
@Outcome(id = "OK, OK, .*", expect = FORBIDDEN, desc = "one acquisition released twice")
@Outcome(id = "REFUSED, REFUSED, .*", expect = FORBIDDEN, desc = "the locked lock refused both releases")
@Outcome(expect = FORBIDDEN, desc = "the lock was left locked or unusable")
@State
public class LockSecondReleaseIsRefused {
    private final Lock lock = new Lock();

    public LockSecondReleaseIsRefused() {
        lock.tryAcquire();
    }

    @Actor
    public void first(LLI_Result r) {
        r.r1 = Stress.attempt(lock::release, IllegalMonitorStateException.class);
    }

    @Actor
    public void second(LLI_Result r) {
        r.r2 = Stress.attempt(lock::release, IllegalMonitorStateException.class);
    }

    @Arbiter
    public void usable(LLI_Result r) {
        r.r3 = !lock.isLocked() && lock.tryAcquire() ? 1 : 0;
    }
}

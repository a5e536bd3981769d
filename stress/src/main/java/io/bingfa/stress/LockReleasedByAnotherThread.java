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
import org.openjdk.jcstress.infra.results.LII_Result;

/**
 * The lock is taken when the state is built (on some jcstress thread); one actor writes a value
 * and releases it, which a {@link Lock} allows from any thread; the other takes it with a timed
 * {@code tryAcquire} and reads the value. The arbiter reports whether the lock ends locked.
 */
@JCStressTest
@Description("Lock: a release from a thread other than the acquirer is allowed, wakes a waiter and publishes")
@Outcome(id = "OK, 42, 1", expect = ACCEPTABLE, desc = "released, then taken by the waiter, which sees the write before the release")
@Outcome(id = "OK, 0, 1", expect = FORBIDDEN, desc = "taken without seeing the write made before the release")
@Outcome(id = "OK, -1, 0", expect = FORBIDDEN, desc = "the waiter timed out: the release did not wake it")
@Outcome(id = "REFUSED, .*", expect = FORBIDDEN, desc = "the release was refused although the lock was locked")
@Outcome(expect = FORBIDDEN, desc = "inconsistent")
@State
public class LockReleasedByAnotherThread {
    private final Lock lock = new Lock();
    private int data;

    public LockReleasedByAnotherThread() {
        lock.tryAcquire();
    }

    @Actor
    public void release(LII_Result r) {
        data = 42;
        r.r1 = Stress.attempt(lock::release, IllegalMonitorStateException.class);
    }

    @Actor
    public void acquire(LII_Result r) {
        try {
            r.r2 = lock.tryAcquire(Stress.PROMPT) ? data : -1;
        } catch (InterruptedException e) {
            r.r2 = -2;
        }
    }

    @Arbiter
    public void locked(LII_Result r) {
        r.r3 = lock.isLocked() ? 1 : 0;
    }
}

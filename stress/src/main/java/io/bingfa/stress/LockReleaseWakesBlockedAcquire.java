package io.bingfa.stress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import io.bingfa.threading.Lock;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Mode;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.Signal;
import org.openjdk.jcstress.annotations.State;

/** A thread blocks in an untimed {@code acquire()} of a locked {@link Lock}; another releases it. */
@JCStressTest(Mode.Termination)
@Description("Lock: a release by another thread always ends a blocked acquire()")
@Outcome(id = "TERMINATED", expect = ACCEPTABLE, desc = "the acquire returned")
@Outcome(id = "STALE", expect = FORBIDDEN, desc = "the acquire missed the release and hangs")
@Outcome(id = "ERROR", expect = FORBIDDEN, desc = "the wait ended with an unexpected exception")
@State
public class LockReleaseWakesBlockedAcquire {
    private final Lock lock = new Lock();

    public LockReleaseWakesBlockedAcquire() {
        lock.tryAcquire();
    }

    @Actor
    public void acquire() throws InterruptedException {
        lock.acquire();
    }

    @Signal
    public void release() {
        lock.release();
    }
}

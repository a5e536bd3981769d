package io.bingfa.stress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import io.bingfa.threading.Semaphore;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Mode;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.Signal;
import org.openjdk.jcstress.annotations.State;

/** A thread blocks in an untimed {@code acquire()} of a {@link Semaphore} with no permit; another releases one. */
@JCStressTest(Mode.Termination)
@Description("Semaphore: release() always ends a blocked acquire()")
@Outcome(id = "TERMINATED", expect = ACCEPTABLE, desc = "the acquire returned")
@Outcome(id = "STALE", expect = FORBIDDEN, desc = "the acquire missed the release and hangs")
@Outcome(id = "ERROR", expect = FORBIDDEN, desc = "the wait ended with an unexpected exception")
@State
public class SemaphoreReleaseWakesBlockedAcquire {
    private final Semaphore semaphore = new Semaphore(0);

    @Actor
    public void acquire() throws InterruptedException {
        semaphore.acquire();
    }

    @Signal
    public void release() {
        semaphore.release();
    }
}

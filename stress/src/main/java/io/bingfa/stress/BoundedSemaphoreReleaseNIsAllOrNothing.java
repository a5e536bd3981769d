package io.bingfa.stress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import io.bingfa.threading.BoundedSemaphore;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.LLI_Result;

/**
 * A {@link BoundedSemaphore} of two permits, both taken when the state is built, gets
 * {@code release(2)} and {@code release(1)} at once: whichever comes second would exceed the
 * bound, and must fail without giving back any permit.
 */
@JCStressTest
@Description("BoundedSemaphore(2): release(n) past the bound fails whole, never in part")
@Outcome(id = "OK, REFUSED, 2", expect = ACCEPTABLE, desc = "release(2) first; release(1) refused")
@Outcome(id = "REFUSED, OK, 1", expect = ACCEPTABLE, desc = "release(1) first; release(2) refused, giving back nothing")
@Outcome(id = "OK, OK, .*", expect = FORBIDDEN, desc = "three permits given back to a bound of two")
@Outcome(expect = FORBIDDEN, desc = "a refused release gave back part of its permits, or the value is wrong")
@State
public class BoundedSemaphoreReleaseNIsAllOrNothing {
    private final BoundedSemaphore semaphore = new BoundedSemaphore(2);

    public BoundedSemaphoreReleaseNIsAllOrNothing() {
        semaphore.tryAcquire();
        semaphore.tryAcquire();
    }

    @Actor
    public void releaseTwo(LLI_Result r) {
        r.r1 = Stress.attempt(() -> semaphore.release(2), IllegalStateException.class);
    }

    @Actor
    public void releaseOne(LLI_Result r) {
        r.r2 = Stress.attempt(() -> semaphore.release(1), IllegalStateException.class);
    }

    @Arbiter
    public void value(LLI_Result r) {
        r.r3 = semaphore.value();
    }
}

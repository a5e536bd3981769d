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
 * A {@link BoundedSemaphore} of one permit, taken when the state is built, is released by two
 * threads at once: only one release fits under the bound. The arbiter reports the value.
 */
@JCStressTest
@Description("BoundedSemaphore(1): of two racing releases past one acquire exactly one fails")
@Outcome(id = {"OK, REFUSED, 1", "REFUSED, OK, 1"}, expect = ACCEPTABLE, desc = "one release, the other refused ('released too many times'); value back to 1")
@Outcome(id = "OK, OK, .*", expect = FORBIDDEN, desc = "both releases passed: the bound was exceeded")
@Outcome(id = "REFUSED, REFUSED, .*", expect = FORBIDDEN, desc = "both refused although one permit was out")
@Outcome(expect = FORBIDDEN, desc = "the value does not match the releases")
@State
public class BoundedSemaphoreRefusesOneOfTwoReleases {
    private final BoundedSemaphore semaphore = new BoundedSemaphore(1);

    public BoundedSemaphoreRefusesOneOfTwoReleases() {
        semaphore.tryAcquire();
    }

    @Actor
    public void first(LLI_Result r) {
        r.r1 = Stress.attempt(semaphore::release, IllegalStateException.class);
    }

    @Actor
    public void second(LLI_Result r) {
        r.r2 = Stress.attempt(semaphore::release, IllegalStateException.class);
    }

    @Arbiter
    public void value(LLI_Result r) {
        r.r3 = semaphore.value();
    }
}

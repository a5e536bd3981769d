package io.bingfa.stress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import io.bingfa.threading.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.IIII_Result;

/**
 * Three threads pass through a {@link Semaphore} of two permits, each reporting how many threads
 * were inside (itself included) when it entered, or {@code -1} if its timed acquire was not woken.
 * The third is the {@link ThirdActor}, started by the first actor, and gives its permit back with
 * {@code release(1)}. The arbiter reports the value ({@code -3} if the third did not finish).
 */
@JCStressTest
@Description("Semaphore(2): never more than two holders at once, and every permit comes back")
@Outcome(id = {"1, 1, 1, 2", "1, 1, 2, 2", "1, 2, 1, 2", "2, 1, 1, 2", "1, 2, 2, 2", "2, 1, 2, 2", "2, 2, 1, 2"},
        expect = ACCEPTABLE, desc = "at most two inside at once; the value is back to 2")
@Outcome(id = {"3, .*", ".*, 3, .*"}, expect = FORBIDDEN, desc = "three holders of two permits")
@Outcome(expect = FORBIDDEN, desc = "a permit was lost or created, or a release did not wake a waiter (-1)")
@State
public class SemaphoreNeverAdmitsMoreThanItsPermits {
    private final Semaphore semaphore = new Semaphore(2);
    private final AtomicInteger inside = new AtomicInteger();
    private ThirdActor.Part third;

    @Actor
    public void first(IIII_Result r) {
        third = ThirdActor.start(() -> r.r3 = pass(true));
        r.r1 = pass(false);
    }

    @Actor
    public void second(IIII_Result r) {
        r.r2 = pass(false);
    }

    @Arbiter
    public void value(IIII_Result r) {
        r.r4 = third.finished() ? semaphore.value() : -3;
    }

    private int pass(boolean releaseOne) {
        Integer failed = Stress.failedToAcquire(semaphore, -1, -2);
        if (failed != null) {
            return failed;
        }
        int holders = inside.incrementAndGet();
        inside.decrementAndGet();
        if (releaseOne) {
            semaphore.release(1);
        } else {
            semaphore.release();
        }
        return holders;
    }
}

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
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * Two actors increment a plain counter under a {@link Lock}, one through {@code hold()}, the other
 * through a timed {@code tryAcquire}. Each reports the value it read; the arbiter the total.
 */
@JCStressTest
@Description("Lock: two increments under the lock never overlap")
@Outcome(id = {"0, 1, 2", "1, 0, 2"}, expect = ACCEPTABLE, desc = "one increment after the other")
@Outcome(id = "-2, .*", expect = FORBIDDEN, desc = "hold() was interrupted")
@Outcome(id = ".*, -1, .*", expect = FORBIDDEN, desc = "tryAcquire timed out: the release did not wake it")
@Outcome(expect = FORBIDDEN, desc = "both were inside the lock at once: an increment was lost")
@State
public class LockExcludesConcurrentIncrements {
    private final Lock lock = new Lock();
    /** Guarded by lock. */
    private int count;

    @Actor
    @SuppressWarnings("try") // held is the with-block; the body need not name it
    public void withHold(III_Result r) {
        try (var held = lock.hold()) {
            r.r1 = increment();
        } catch (InterruptedException e) {
            r.r1 = -2;
        }
    }

    @Actor
    public void withTimedTryAcquire(III_Result r) {
        r.r2 = Stress.holding(lock, -1, -2, this::increment);
    }

    @Arbiter
    public void total(III_Result r) {
        r.r3 = count;
    }

    /** Call only when holding lock. A read and a write, so that an overlap loses an update. */
    private int increment() {
        int seen = count;
        count = seen + 1;
        return seen;
    }
}

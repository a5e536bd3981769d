package io.bingfa.stress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import io.bingfa.multiprocessing.SharedValue;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.JJJ_Result;

/**
 * Two actors add to a {@code long} {@link SharedValue} at 0, one with {@code getAndAdd(2)} (it
 * reports the value before), the other with {@code incrementAndGet()} (it reports the value
 * after); the arbiter reads the total.
 */
@JCStressTest
@Description("SharedValue: getAndAdd and incrementAndGet from two actors lose no update")
@Outcome(id = "0, 3, 3", expect = ACCEPTABLE, desc = "getAndAdd(2) first")
@Outcome(id = "1, 1, 3", expect = ACCEPTABLE, desc = "incrementAndGet() first")
@Outcome(id = {"0, 1, .*", ".*, .*, 1", ".*, .*, 2"}, expect = FORBIDDEN, desc = "both read 0: an update was lost")
@Outcome(expect = FORBIDDEN, desc = "inconsistent")
@State
public class SharedValueConcurrentAddsLoseNothing {
    private static final Stress.SharedPool<SharedValue> VALUES =
            new Stress.SharedPool<>(() -> SharedValue.ofLong(0), v -> v.set(0L));

    private final SharedValue value = VALUES.borrow();

    @Actor
    public void getAndAdd(JJJ_Result r) {
        r.r1 = value.getAndAdd(2);
    }

    @Actor
    public void incrementAndGet(JJJ_Result r) {
        r.r2 = value.incrementAndGet();
    }

    @Arbiter
    public void total(JJJ_Result r) {
        r.r3 = value.get();
        VALUES.giveBack(value);
    }
}

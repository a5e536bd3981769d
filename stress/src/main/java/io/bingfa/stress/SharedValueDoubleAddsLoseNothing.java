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
import org.openjdk.jcstress.infra.results.DDD_Result;

/**
 * Two actors add to a {@code double} {@link SharedValue} at 0.0 with {@code addAndGet} (a
 * compare-and-set loop), 0.5 and 0.25, each reporting the value after its add; the arbiter reads
 * the total. The sums are exact in binary, so the outcomes are exact.
 */
@JCStressTest
@Description("SharedValue: addAndGet(double) from two actors loses no update")
@Outcome(id = "0.5, 0.75, 0.75", expect = ACCEPTABLE, desc = "addAndGet(0.5) first")
@Outcome(id = "0.75, 0.25, 0.75", expect = ACCEPTABLE, desc = "addAndGet(0.25) first")
@Outcome(id = {"0.5, 0.25, .*", ".*, .*, 0.5", ".*, .*, 0.25"}, expect = FORBIDDEN,
        desc = "both added to 0.0: an update was lost")
@Outcome(expect = FORBIDDEN, desc = "inconsistent")
@State
public class SharedValueDoubleAddsLoseNothing {
    private static final Stress.SharedPool<SharedValue> VALUES =
            new Stress.SharedPool<>(() -> SharedValue.ofDouble(0.0), v -> v.set(0.0));

    private final SharedValue value = VALUES.borrow();

    @Actor
    public void addHalf(DDD_Result r) {
        r.r1 = value.addAndGet(0.5);
    }

    @Actor
    public void addQuarter(DDD_Result r) {
        r.r2 = value.addAndGet(0.25);
    }

    @Arbiter
    public void total(DDD_Result r) {
        r.r3 = value.getDouble();
        VALUES.giveBack(value);
    }
}

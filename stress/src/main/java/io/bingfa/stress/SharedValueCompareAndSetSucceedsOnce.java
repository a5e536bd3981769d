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
import org.openjdk.jcstress.infra.results.IIJ_Result;

/**
 * Two actors try to move a {@code long} {@link SharedValue} from 0, one to 1 and the other to 2,
 * with {@code compareAndSet}; the arbiter reads which value it holds.
 */
@JCStressTest
@Description("SharedValue: of two compareAndSet(0, x) calls exactly one succeeds")
@Outcome(id = "1, 0, 1", expect = ACCEPTABLE, desc = "the first actor's compareAndSet won")
@Outcome(id = "0, 1, 2", expect = ACCEPTABLE, desc = "the second actor's compareAndSet won")
@Outcome(id = "1, 1, .*", expect = FORBIDDEN, desc = "both succeeded")
@Outcome(id = "0, 0, .*", expect = FORBIDDEN, desc = "neither succeeded on a value that was 0")
@Outcome(expect = FORBIDDEN, desc = "the value is not what the winner wrote")
@State
public class SharedValueCompareAndSetSucceedsOnce {
    private static final Stress.SharedPool<SharedValue> VALUES =
            new Stress.SharedPool<>(() -> SharedValue.ofLong(0), v -> v.set(0L));

    private final SharedValue value = VALUES.borrow();

    @Actor
    public void toOne(IIJ_Result r) {
        r.r1 = value.compareAndSet(0, 1) ? 1 : 0;
    }

    @Actor
    public void toTwo(IIJ_Result r) {
        r.r2 = value.compareAndSet(0, 2) ? 1 : 0;
    }

    @Arbiter
    public void winner(IIJ_Result r) {
        r.r3 = value.get();
        VALUES.giveBack(value);
    }
}

package io.bingfa.stress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import io.bingfa.multiprocessing.SharedArray;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.IIJ_Result;

/**
 * Two actors try to move the same element of a {@link SharedArray} from 0, one to 1 and the other
 * to 2, with {@code compareAndSet}; the arbiter reads which value it holds.
 */
@JCStressTest
@Description("SharedArray: of two compareAndSet(i, 0, x) calls on one element exactly one succeeds")
@Outcome(id = "1, 0, 1", expect = ACCEPTABLE, desc = "the first actor's compareAndSet won")
@Outcome(id = "0, 1, 2", expect = ACCEPTABLE, desc = "the second actor's compareAndSet won")
@Outcome(id = "1, 1, .*", expect = FORBIDDEN, desc = "both succeeded")
@Outcome(id = "0, 0, .*", expect = FORBIDDEN, desc = "neither succeeded on an element that was 0")
@Outcome(expect = FORBIDDEN, desc = "the element is not what the winner wrote")
@State
public class SharedArrayCompareAndSetSucceedsOnce {
    private static final Stress.SharedSlots SLOTS = new Stress.SharedSlots(1);

    private final SharedArray array = SLOTS.array;
    private final int element = SLOTS.borrow();

    @Actor
    public void toOne(IIJ_Result r) {
        r.r1 = array.compareAndSet(element, 0, 1) ? 1 : 0;
    }

    @Actor
    public void toTwo(IIJ_Result r) {
        r.r2 = array.compareAndSet(element, 0, 2) ? 1 : 0;
    }

    @Arbiter
    public void winner(IIJ_Result r) {
        r.r3 = array.get(element);
        SLOTS.giveBack(element);
    }
}

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
import org.openjdk.jcstress.infra.results.JJJJ_Result;

/**
 * Two actors add to the same element of a {@link SharedArray}, 1 and 2 with {@code getAndAdd},
 * each reporting the value before its add; the arbiter reads the element and the sum of the
 * elements on either side of it, which nobody writes.
 */
@JCStressTest
@Description("SharedArray: getAndAdd on one element from two actors loses no update")
@Outcome(id = "0, 1, 3, 0", expect = ACCEPTABLE, desc = "getAndAdd(1) first")
@Outcome(id = "2, 0, 3, 0", expect = ACCEPTABLE, desc = "getAndAdd(2) first")
@Outcome(id = {"0, 0, .*", ".*, .*, 1, .*", ".*, .*, 2, .*"}, expect = FORBIDDEN,
        desc = "both read 0: an update was lost")
@Outcome(id = ".*, .*, .*, [^0]\\d*", expect = FORBIDDEN, desc = "an add reached a neighbouring element")
@Outcome(expect = FORBIDDEN, desc = "inconsistent")
@State
public class SharedArrayConcurrentAddsLoseNothing {
    /** Per state: an untouched element, the one both add to, another untouched one. */
    private static final Stress.SharedSlots SLOTS = new Stress.SharedSlots(3);

    private final SharedArray array = SLOTS.array;
    private final int first = SLOTS.borrow();
    private final int element = first + 1;

    @Actor
    public void addOne(JJJJ_Result r) {
        r.r1 = array.getAndAdd(element, 1);
    }

    @Actor
    public void addTwo(JJJJ_Result r) {
        r.r2 = array.getAndAdd(element, 2);
    }

    @Arbiter
    public void total(JJJJ_Result r) {
        r.r3 = array.get(element);
        r.r4 = array.get(element - 1) + array.get(element + 1);
        SLOTS.giveBack(first);
    }
}

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
 * Each actor works on its own one of two adjacent elements of a {@link SharedArray}, both 0: it
 * adds 1 with {@code getAndAdd}, then moves the element from 1 to its own mark with
 * {@code compareAndSet} and reports whether that succeeded; the arbiter reads both elements. An
 * update of one element that wrote a wider word, or the wrong one, would show on the other.
 */
@JCStressTest
@Description("SharedArray: getAndAdd and compareAndSet on adjacent elements do not interfere")
@Outcome(id = "1, 1, 10, 20", expect = ACCEPTABLE, desc = "each element holds its own actor's mark")
@Outcome(expect = FORBIDDEN, desc = "an update of one element changed or hid the other")
@State
public class SharedArrayNeighbouringElementsDoNotInterfere {
    private static final Stress.SharedSlots SLOTS = new Stress.SharedSlots(2);

    private final SharedArray array = SLOTS.array;
    private final int left = SLOTS.borrow();
    private final int right = left + 1;

    @Actor
    public void updateLeft(JJJJ_Result r) {
        array.getAndAdd(left, 1);
        r.r1 = array.compareAndSet(left, 1, 10) ? 1 : 0;
    }

    @Actor
    public void updateRight(JJJJ_Result r) {
        array.getAndAdd(right, 1);
        r.r2 = array.compareAndSet(right, 1, 20) ? 1 : 0;
    }

    @Arbiter
    public void elements(JJJJ_Result r) {
        r.r3 = array.get(left);
        r.r4 = array.get(right);
        SLOTS.giveBack(left);
    }
}

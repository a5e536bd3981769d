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
 * One actor writes 42 to a {@link SharedValue} and 7 to a {@code SharedArray} slot, then sets a
 * flag in another {@code SharedValue}; the other reads the flag, then the value, then the slot.
 * Once the flag is seen, both writes made before it must be seen too (the "Memory consistency
 * effects" of {@code SharedValue} and {@code SharedArray}).
 */
@JCStressTest
@Description("SharedValue: set() publishes the shared-memory writes before it")
@Outcome(id = {"0, 0, 0", "0, 42, 0", "0, 0, 7", "0, 42, 7"}, expect = ACCEPTABLE,
        desc = "read the flag before it was set; the writes may come between the reads")
@Outcome(id = "1, 42, 7", expect = ACCEPTABLE, desc = "saw the flag and both writes made before it")
@Outcome(id = "1, .*", expect = FORBIDDEN, desc = "saw the flag but not a write made before it")
@Outcome(expect = FORBIDDEN, desc = "inconsistent")
@State
public class SharedValueSetPublishesPriorWrites {
    private static final Stress.SharedPool<SharedValue> VALUES =
            new Stress.SharedPool<>(() -> SharedValue.ofLong(0), v -> v.set(0L));
    private static final Stress.SharedSlots SLOTS = new Stress.SharedSlots(1);

    private final SharedValue flag = VALUES.borrow();
    private final SharedValue data = VALUES.borrow();
    private final int slot = SLOTS.borrow();

    @Actor
    public void publish() {
        data.set(42);
        SLOTS.array.set(slot, 7);
        flag.set(1);
    }

    @Actor
    public void observe(JJJ_Result r) {
        r.r1 = flag.get();
        r.r2 = data.get();
        r.r3 = SLOTS.array.get(slot);
    }

    @Arbiter
    public void giveBack() {
        VALUES.giveBack(flag);
        VALUES.giveBack(data);
        SLOTS.giveBack(slot);
    }
}

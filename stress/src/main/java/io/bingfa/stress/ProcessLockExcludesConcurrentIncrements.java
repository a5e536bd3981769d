package io.bingfa.stress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import io.bingfa.multiprocessing.ProcessLock;
import io.bingfa.multiprocessing.SharedArray;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.JJJ_Result;

/**
 * Two actors increment an element of a {@link SharedArray} under a {@link ProcessLock}, with a
 * separate {@code get} and {@code set}, one through {@code hold()}, the other through a timed
 * {@code tryAcquire}. Each reports the value it read; the arbiter the total.
 */
@JCStressTest
@Description("ProcessLock: two read-then-write increments of shared memory under the lock never overlap")
@Outcome(id = {"0, 1, 2", "1, 0, 2"}, expect = ACCEPTABLE, desc = "one increment after the other")
@Outcome(id = "-2, .*", expect = FORBIDDEN, desc = "hold() was interrupted")
@Outcome(id = ".*, -1, .*", expect = FORBIDDEN, desc = "tryAcquire timed out: the lock was not released")
@Outcome(expect = FORBIDDEN, desc = "both were inside the lock at once: an increment was lost")
@State
public class ProcessLockExcludesConcurrentIncrements {
    private static final Stress.SharedPool<ProcessLock> LOCKS = new Stress.SharedPool<>(ProcessLock::create, l -> {});
    private static final Stress.SharedSlots SLOTS = new Stress.SharedSlots(1);

    private final ProcessLock lock = LOCKS.borrow();
    private final SharedArray array = SLOTS.array;
    /** Guarded by lock. */
    private final int count = SLOTS.borrow();

    @Actor
    @SuppressWarnings("try") // held is the with-block; the body need not name it
    public void withHold(JJJ_Result r) {
        try (var held = lock.hold()) {
            r.r1 = increment();
        } catch (InterruptedException e) {
            r.r1 = -2;
        }
    }

    @Actor
    public void withTimedTryAcquire(JJJ_Result r) {
        r.r2 = Stress.holding(lock, -1L, -2L, this::increment);
    }

    @Arbiter
    public void total(JJJ_Result r) {
        r.r3 = array.get(count);
        LOCKS.giveBack(lock);
        SLOTS.giveBack(count);
    }

    /** Call only when holding lock. A read and a write, so that an overlap loses an update. */
    private long increment() {
        long seen = array.get(count);
        array.set(count, seen + 1);
        return seen;
    }
}

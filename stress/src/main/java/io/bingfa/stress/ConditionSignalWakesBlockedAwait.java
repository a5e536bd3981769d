package io.bingfa.stress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import io.bingfa.threading.Condition;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Mode;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.Signal;
import org.openjdk.jcstress.annotations.State;

/**
 * A thread waits with the untimed {@code awaitUntil(predicate)} on a {@link Condition}; another
 * makes the predicate true and calls {@code signalAll()} under the lock.
 */
@JCStressTest(Mode.Termination)
@Description("Condition: a signal after the state change always ends a blocked awaitUntil()")
@Outcome(id = "TERMINATED", expect = ACCEPTABLE, desc = "the wait returned")
@Outcome(id = "STALE", expect = FORBIDDEN, desc = "the waiter missed the signal and hangs")
@Outcome(id = "ERROR", expect = FORBIDDEN, desc = "the wait ended with an unexpected exception")
@State
public class ConditionSignalWakesBlockedAwait {
    private final Condition condition = new Condition();
    /** Guarded by condition. */
    private boolean ready;

    @Actor
    @SuppressWarnings("try") // held is the with-block; the body need not name it
    public void await() throws InterruptedException {
        try (var held = condition.hold()) {
            condition.awaitUntil(() -> ready);
        }
    }

    @Signal
    @SuppressWarnings("try") // held is the with-block; the body need not name it
    public void signal() throws InterruptedException {
        try (var held = condition.hold()) {
            ready = true;
            condition.signalAll();
        }
    }
}

package io.bingfa.stress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import io.bingfa.threading.Condition;
import io.bingfa.threading.Lock;
import java.time.Duration;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.LL_Result;

/**
 * As {@link ConditionSignalIsNeverLost}, over a plain {@link Lock} and with a timeout so short
 * ({@value #TIMEOUT_MICROS} µs) that the signal often arrives as the wait runs out. A waiter leaves
 * the condition's queue the moment its timeout runs out, before it re-takes the lock; a signal that
 * comes after that finds no one to wake (with a second waiter it would wake that one instead: see
 * ConditionTest#signalAfterTheFirstWaiterTimedOutWakesTheNextWaiterInstead). So "timed out while the
 * signaller saw it inside await" is allowed, and what is forbidden is a waiter that returns
 * {@code true} when no signal came (a spurious wake-up), or an outcome that cannot happen.
 */
@JCStressTest
@Description("Condition (Lock): a signal racing the waiter's timeout is never lost")
@Outcome(id = "SIGNALLED, FOUND_WAITER", expect = ACCEPTABLE, desc = "signalled before or as the timeout ran out")
@Outcome(id = "TIMEOUT, NO_WAITER", expect = ACCEPTABLE, desc = "timed out and left before the signaller took the lock")
@Outcome(id = "LATE, NO_WAITER", expect = ACCEPTABLE, desc = "the signal came first; the waiter did not wait")
@Outcome(id = "TIMEOUT, FOUND_WAITER", expect = ACCEPTABLE_INTERESTING, desc = "the timeout ran out first: the waiter had left the queue when the signal came")
@Outcome(id = "SIGNALLED, NO_WAITER", expect = FORBIDDEN, desc = "await returned true with no signal: a spurious wake-up")
@Outcome(expect = FORBIDDEN, desc = "inconsistent")
@State
public class ConditionSignalRacesTimeout {
    static final long TIMEOUT_MICROS = 50;
    private static final Duration TIMEOUT = Duration.ofNanos(TIMEOUT_MICROS * 1000);

    private final Condition condition = new Condition(new Lock());
    /** Guarded by condition. */
    private boolean ready;
    /** Guarded by condition: the waiter is inside await. */
    private boolean waiting;

    @Actor
    public void waiter(LL_Result r) {
        try {
            if (!condition.tryAcquire(Stress.PROMPT)) {
                r.r1 = "NO_LOCK";
                return;
            }
            try {
                if (ready) {
                    r.r1 = Stress.LATE;
                } else {
                    waiting = true;
                    boolean signalled = condition.await(TIMEOUT);
                    waiting = false;
                    r.r1 = signalled ? Stress.SIGNALLED : Stress.TIMEOUT;
                }
            } finally {
                condition.release();
            }
        } catch (InterruptedException e) {
            r.r1 = Stress.INTERRUPTED;
        }
    }

    @Actor
    public void signaller(LL_Result r) {
        try {
            if (!condition.tryAcquire(Stress.PROMPT)) {
                r.r2 = "NO_LOCK";
                return;
            }
        } catch (InterruptedException e) {
            r.r2 = Stress.INTERRUPTED;
            return;
        }
        try {
            ready = true;
            r.r2 = waiting ? "FOUND_WAITER" : "NO_WAITER";
            condition.signal();
        } finally {
            condition.release();
        }
    }
}

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
 *
 * <p>Both parts are {@link Stress.Handshake}, shared with {@link ConditionSignalIsNeverLost}.
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

    private final Stress.Handshake handshake = new Stress.Handshake(new Condition(new Lock()));

    @Actor
    public void waiter(LL_Result r) {
        r.r1 = handshake.waiter(TIMEOUT);
    }

    @Actor
    public void signaller(LL_Result r) {
        r.r2 = handshake.signaller();
    }
}

package io.bingfa.stress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import io.bingfa.threading.Condition;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.LL_Result;

/**
 * The classic hand-off over a {@link Condition} on its default {@code RLock}: the waiter checks a
 * flag under the lock and, if it is not set, marks itself waiting and calls
 * {@code await(timeout)}; the signaller sets the flag under the lock, notes whether the waiter was
 * marked waiting ({@code FOUND_WAITER}) and signals. A waiter the signal found must return
 * {@code true}; a waiter nobody signalled must not.
 *
 * <p>The timeout is {@link Stress#PROMPT}, so the waiter is always there first or late; see
 * {@link ConditionSignalRacesTimeout} for the signal arriving as the timeout runs out.
 *
 * <p>Both parts are {@link Stress.Handshake}, shared with {@link ConditionSignalRacesTimeout}.
 */
@JCStressTest
@Description("Condition (RLock): a signal that finds a waiter always makes it return true")
@Outcome(id = "SIGNALLED, FOUND_WAITER", expect = ACCEPTABLE, desc = "waited, then signalled")
@Outcome(id = "LATE, NO_WAITER", expect = ACCEPTABLE, desc = "the signal came first; the waiter saw the flag and did not wait")
@Outcome(id = "TIMEOUT, FOUND_WAITER", expect = FORBIDDEN, desc = "the signal found the waiter but the waiter returned false: the signal was lost")
@Outcome(id = "SIGNALLED, NO_WAITER", expect = FORBIDDEN, desc = "await returned true with no signal: a spurious wake-up")
@Outcome(id = "TIMEOUT, NO_WAITER", expect = FORBIDDEN, desc = "timed out although the signal was sent at once")
@Outcome(expect = FORBIDDEN, desc = "inconsistent")
@State
public class ConditionSignalIsNeverLost {
    private final Stress.Handshake handshake = new Stress.Handshake(new Condition());

    @Actor
    public void waiter(LL_Result r) {
        r.r1 = handshake.waiter(Stress.PROMPT);
    }

    @Actor
    public void signaller(LL_Result r) {
        r.r2 = handshake.signaller();
    }
}

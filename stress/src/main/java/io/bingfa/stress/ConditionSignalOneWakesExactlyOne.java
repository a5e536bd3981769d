package io.bingfa.stress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import io.bingfa.threading.Condition;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.LLI_Result;

/**
 * Two waiters (the actors) and one signaller (the {@link ThirdActor}, started by the first waiter
 * as it arrives) on a {@link Condition}. A waiter that arrives before the signal
 * waits; one that arrives after it does not ({@code LATE}). The signaller, holding the lock, counts
 * the waiters in {@code await}, calls {@code signal(1)}, and then interrupts every waiter still in
 * {@code await}, still holding the lock. By the contract, the first waiter to arrive is the one
 * signalled and returns {@code true} (a signalled waiter that is then interrupted still counts as
 * signalled); any other waiter gets {@code InterruptedException}. Results: the first arrival's
 * outcome, the second arrival's, and the count of waiters the signaller saw ({@code -3} if the
 * signaller did not finish).
 *
 * <p>The interrupts are sent only to threads still inside {@code await}, which cannot leave it
 * without the lock the signaller holds, and each waiter clears its interrupt status after
 * releasing the lock, so no interrupt leaks into the next invocation.
 */
@JCStressTest
@Description("Condition: signal(1) with two waiters wakes exactly one, the first to wait")
@Outcome(id = "LATE, LATE, 0", expect = ACCEPTABLE, desc = "both arrived after the signal")
@Outcome(id = "SIGNALLED, LATE, 1", expect = ACCEPTABLE, desc = "one waiter, signalled; the other arrived after")
@Outcome(id = "SIGNALLED, INTERRUPTED, 2", expect = ACCEPTABLE, desc = "two waiters: the first signalled, the second not")
@Outcome(id = "SIGNALLED, SIGNALLED, 2", expect = FORBIDDEN, desc = "signal(1) woke two waiters")
@Outcome(id = "INTERRUPTED, INTERRUPTED, .*", expect = FORBIDDEN, desc = "signal(1) woke nobody")
@Outcome(id = "INTERRUPTED, SIGNALLED, 2", expect = FORBIDDEN, desc = "the later waiter was woken first: not FIFO")
@Outcome(id = ".*TIMEOUT.*", expect = FORBIDDEN, desc = "a wait ran out: neither the signal nor the interrupt woke it")
@Outcome(expect = FORBIDDEN, desc = "inconsistent")
@State
public class ConditionSignalOneWakesExactlyOne {
    private final Condition condition = new Condition();
    /** Guarded by condition. */
    private boolean signalSent;
    /** Guarded by condition. */
    private int arrivals;
    /** Guarded by condition: the waiters inside await, in arrival order; null once they leave. */
    private final Thread[] waiting = new Thread[2];
    private ThirdActor.Part signaller;

    @Actor
    public void firstWaiter(LLI_Result r) {
        signaller = ThirdActor.start(() -> signalOne(r));
        await(r);
    }

    @Actor
    public void secondWaiter(LLI_Result r) {
        await(r);
    }

    @Arbiter
    public void signallerFinished(LLI_Result r) {
        if (!signaller.finished()) {
            r.r3 = -3;
        }
    }

    private void signalOne(LLI_Result r) {
        r.r3 = Stress.holding(condition, -1, -2, () -> {
            signalSent = true;
            int seen = 0;
            for (Thread t : waiting) {
                if (t != null) {
                    seen++;
                }
            }
            condition.signal(1);
            for (Thread t : waiting) {
                if (t != null) {
                    t.interrupt();
                }
            }
            return seen;
        });
    }

    private void await(LLI_Result r) {
        int order = -1;
        String outcome = Stress.failedToAcquire(condition, Stress.NO_LOCK, Stress.INTERRUPTED);
        if (outcome == null) {
            try {
                order = arrivals++;
                if (signalSent) {
                    outcome = Stress.LATE;
                } else {
                    waiting[order] = Thread.currentThread();
                    outcome = Stress.await(() -> condition.await(Stress.PROMPT), Stress.SIGNALLED, Stress.TIMEOUT);
                    waiting[order] = null;
                }
            } finally {
                condition.release();
            }
        }
        Thread.interrupted();
        if (order == 1) {
            r.r2 = outcome;
        } else {
            r.r1 = outcome;
        }
    }
}

package io.bingfa.stress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import io.bingfa.queue.Queue;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.LL_Result;

/**
 * One actor puts an item into an empty {@link Queue}, shuts it down and then takes with
 * {@code getNowait()}; the other blocks in a timed {@code get}. The put wakes the blocked getter,
 * but the first actor may take the item before the woken getter runs: that getter must then see
 * the shutdown (ShutDown), not wait on, and the item must be got exactly once.
 */
@JCStressTest
@Description("Queue: a getter woken by a put whose item is taken by another sees the shutdown")
@Outcome(id = {"7, SHUT", "SHUT, 7"}, expect = ACCEPTABLE, desc = "exactly one got the item; the other was told the queue is shut down")
@Outcome(id = "7, 7", expect = FORBIDDEN, desc = "the item was got twice")
@Outcome(id = "SHUT, SHUT", expect = FORBIDDEN, desc = "the item was lost")
@Outcome(id = ".*, TIMEOUT", expect = FORBIDDEN, desc = "the blocked getter slept through the shutdown")
@Outcome(expect = FORBIDDEN, desc = "inconsistent")
@State
public class QueueWokenGetterThatLosesTheItemSeesShutdown {
    private final Queue<Integer> queue = new Queue<>();

    @Actor
    public void putShutdownGet(LL_Result r) {
        queue.putNowait(7);
        queue.shutdown();
        r.r1 = Stress.getNowait(queue);
    }

    @Actor
    public void get(LL_Result r) {
        r.r2 = Stress.get(queue, Stress.PROMPT);
    }
}

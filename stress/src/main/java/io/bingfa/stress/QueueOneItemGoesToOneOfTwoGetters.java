package io.bingfa.stress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import io.bingfa.queue.Queue;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.LLL_Result;

/**
 * A {@link Queue} holds one item; two consumers call {@code getNowait()} at once. The arbiter
 * reports size and unfinished tasks.
 */
@JCStressTest
@Description("Queue: two getNowait() calls on one item; exactly one gets it")
@Outcome(id = {"7, EMPTY, 0/1", "EMPTY, 7, 0/1"}, expect = ACCEPTABLE, desc = "one got the item, the other found the queue empty")
@Outcome(id = "7, 7, .*", expect = FORBIDDEN, desc = "the item was got twice")
@Outcome(id = "EMPTY, EMPTY, .*", expect = FORBIDDEN, desc = "the item was lost")
@Outcome(expect = FORBIDDEN, desc = "inconsistent")
@State
public class QueueOneItemGoesToOneOfTwoGetters {
    private final Queue<Integer> queue = new Queue<>();

    public QueueOneItemGoesToOneOfTwoGetters() {
        queue.putNowait(7);
    }

    @Actor
    public void first(LLL_Result r) {
        r.r1 = Stress.getNowait(queue);
    }

    @Actor
    public void second(LLL_Result r) {
        r.r2 = Stress.getNowait(queue);
    }

    @Arbiter
    public void left(LLL_Result r) {
        r.r3 = Stress.sizes(queue);
    }
}

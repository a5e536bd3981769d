package io.bingfa.stress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import io.bingfa.queue.SimpleQueue;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.LLL_Result;

/**
 * Two producers each put one item into a {@link SimpleQueue} (an actor, and the
 * {@link ThirdActor} started by the consumer as it arrives); the consumer gets twice with a
 * timeout. The arbiter reports whether anything is left ({@code getNowait} finds it empty).
 */
@JCStressTest
@Description("SimpleQueue: two puts vs two gets; each item got exactly once")
@Outcome(id = {"1, 2, EMPTY", "2, 1, EMPTY"}, expect = ACCEPTABLE, desc = "both items got once, in either order; nothing left")
@Outcome(id = ".*TIMEOUT.*", expect = FORBIDDEN, desc = "a get was not woken by a put, or the third producer did not finish")
@Outcome(expect = FORBIDDEN, desc = "an item was lost or duplicated")
@State
public class SimpleQueueTwoPuttersOneGetter {
    private final SimpleQueue<Integer> queue = new SimpleQueue<>();
    private ThirdActor.Part secondProducer;

    @Actor
    public void putOne() {
        queue.put(1);
    }

    @Actor
    public void getTwice(LLL_Result r) {
        secondProducer = ThirdActor.start(() -> queue.putNowait(2));
        r.r1 = Stress.get(queue, Stress.PROMPT);
        r.r2 = Stress.get(queue, Stress.PROMPT);
    }

    @Arbiter
    public void left(LLL_Result r) {
        if (!secondProducer.finished()) {
            r.r3 = Stress.THIRD_TIMEOUT;
            return;
        }
        r.r3 = Stress.getNowait(queue);
    }
}

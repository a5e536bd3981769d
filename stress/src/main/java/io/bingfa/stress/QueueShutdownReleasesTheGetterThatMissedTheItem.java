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
 * Two consumers block in {@code get(timeout)} on an empty {@link Queue}; a producer (the
 * {@link ThirdActor}, started by the first consumer as it arrives) puts one item and then calls
 * {@code shutdown()}. One consumer gets the item; the other is woken by the shutdown with
 * {@code QueueShutDownException}. The arbiter reports size and unfinished tasks.
 */
@JCStressTest
@Description("Queue: two blocked getters, one put then shutdown(); one gets the item, the other ShutDown")
@Outcome(id = {"7, SHUT, 0/1", "SHUT, 7, 0/1"}, expect = ACCEPTABLE, desc = "one got the item; shutdown released the other")
@Outcome(id = "7, 7, .*", expect = FORBIDDEN, desc = "the item was got twice")
@Outcome(id = "SHUT, SHUT, .*", expect = FORBIDDEN, desc = "the item put before the shutdown was lost")
@Outcome(id = ".*TIMEOUT.*", expect = FORBIDDEN, desc = "a getter was woken neither by the put nor by the shutdown")
@Outcome(expect = FORBIDDEN, desc = "inconsistent")
@State
public class QueueShutdownReleasesTheGetterThatMissedTheItem {
    private final Queue<Integer> queue = new Queue<>();
    private ThirdActor.Part producer;

    @Actor
    public void first(LLL_Result r) {
        producer = ThirdActor.start(() -> {
            queue.putNowait(7);
            queue.shutdown();
        });
        r.r1 = Stress.get(queue, Stress.PROMPT);
    }

    @Actor
    public void second(LLL_Result r) {
        r.r2 = Stress.get(queue, Stress.PROMPT);
    }

    @Arbiter
    public void left(LLL_Result r) {
        r.r3 = producer.finished() ? Stress.sizes(queue) : Stress.THIRD_TIMEOUT;
    }
}

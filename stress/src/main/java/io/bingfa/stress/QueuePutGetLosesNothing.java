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
import org.openjdk.jcstress.infra.results.LLLL_Result;

/**
 * A producer puts 1 then 2 into a {@link Queue} of {@code maxsize=1}, so the second put waits for
 * the consumer's first get; the consumer gets twice. Results: the producer's outcome, the two
 * items in the order got, and (arbiter) the size and unfinished-task count left.
 */
@JCStressTest
@Description("Queue(maxsize=1): put vs get hands over every item once, in order")
@Outcome(id = "OK, 1, 2, 0/2", expect = ACCEPTABLE, desc = "both items handed over in order; two tasks unfinished, none left in the queue")
@Outcome(id = ".*TIMEOUT.*", expect = FORBIDDEN, desc = "a put or get was not woken by the other side")
@Outcome(expect = FORBIDDEN, desc = "an item was lost, duplicated or reordered, or the counts are wrong")
@State
public class QueuePutGetLosesNothing {
    private final Queue<Integer> queue = new Queue<>(1);

    @Actor
    public void producer(LLLL_Result r) {
        String first = Stress.put(queue, 1, Stress.PROMPT);
        r.r1 = first.equals(Stress.OK) ? Stress.put(queue, 2, Stress.PROMPT) : first;
    }

    @Actor
    public void consumer(LLLL_Result r) {
        r.r2 = Stress.get(queue, Stress.PROMPT);
        r.r3 = Stress.get(queue, Stress.PROMPT);
    }

    @Arbiter
    public void left(LLLL_Result r) {
        r.r4 = Stress.sizes(queue);
    }
}

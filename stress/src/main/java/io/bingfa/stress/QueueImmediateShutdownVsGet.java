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
 * A {@link Queue} holds one item; a timed {@code get} races {@code shutdown(true)}. The getter
 * either gets the item (its task then stays unfinished: nobody called {@code taskDone()}) or
 * ShutDown, the item having been discarded and its task retired. The arbiter reports size and
 * unfinished tasks, and a second {@code getNowait()}.
 */
@JCStressTest
@Description("Queue: get vs shutdown(immediate); the item is got once or discarded with its task")
@Outcome(id = "7, 0/1, SHUT", expect = ACCEPTABLE, desc = "got the item before the shutdown; its task is still unfinished")
@Outcome(id = "SHUT, 0/0, SHUT", expect = ACCEPTABLE, desc = "the shutdown discarded the item and retired its task")
@Outcome(id = "SHUT, 0/1, .*", expect = FORBIDDEN, desc = "the discarded item's task was not retired")
@Outcome(id = "TIMEOUT, .*", expect = FORBIDDEN, desc = "the getter saw an empty queue that was not shut down")
@Outcome(expect = FORBIDDEN, desc = "inconsistent")
@State
public class QueueImmediateShutdownVsGet {
    private final Queue<Integer> queue = new Queue<>();

    public QueueImmediateShutdownVsGet() {
        queue.putNowait(7);
    }

    @Actor
    public void get(LLL_Result r) {
        r.r1 = Stress.get(queue, Stress.PROMPT);
    }

    @Actor
    public void shutdownImmediately() {
        queue.shutdown(true);
    }

    @Arbiter
    public void left(LLL_Result r) {
        r.r2 = Stress.sizes(queue);
        r.r3 = Stress.getNowait(queue);
    }
}

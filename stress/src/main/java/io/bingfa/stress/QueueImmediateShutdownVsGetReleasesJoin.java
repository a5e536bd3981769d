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
 * A {@link Queue} holds one item. A consumer gets it (and calls {@code taskDone()}), another
 * thread waits in {@code join(timeout)}, and the {@link ThirdActor}, started by the joiner as it
 * arrives, calls {@code shutdown(true)}. Whichever wins
 * the item, the task is retired (by {@code taskDone()} or by the discard), so the joiner is always
 * released. The arbiter reports size and unfinished tasks.
 */
@JCStressTest
@Description("Queue: shutdown(immediate) vs get vs join; the item is got or discarded and join always returns")
@Outcome(id = "7, OK, 0/0", expect = ACCEPTABLE, desc = "got the item before the shutdown; taskDone released the joiner")
@Outcome(id = "SHUT, OK, 0/0", expect = ACCEPTABLE, desc = "the shutdown discarded the item, retired its task and released the joiner")
@Outcome(id = ".*, TIMEOUT, .*", expect = FORBIDDEN, desc = "the joiner was not released")
@Outcome(id = "TIMEOUT, .*", expect = FORBIDDEN, desc = "the getter found the queue empty but not shut down")
@Outcome(expect = FORBIDDEN, desc = "an item or task was left behind")
@State
public class QueueImmediateShutdownVsGetReleasesJoin {
    private final Queue<Integer> queue = new Queue<>();
    private ThirdActor.Part shutdown;

    public QueueImmediateShutdownVsGetReleasesJoin() {
        queue.putNowait(7);
    }

    @Actor
    public void getThenTaskDone(LLL_Result r) {
        r.r1 = Stress.getThenTaskDone(queue, Stress.PROMPT);
    }

    @Actor
    public void join(LLL_Result r) {
        shutdown = ThirdActor.start(() -> queue.shutdown(true));
        r.r2 = Stress.await(() -> queue.join(Stress.PROMPT), Stress.OK, Stress.TIMEOUT);
    }

    @Arbiter
    public void left(LLL_Result r) {
        r.r3 = shutdown.finished() ? Stress.sizes(queue) : Stress.THIRD_TIMEOUT;
    }
}

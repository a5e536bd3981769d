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
 * {@code put}, {@code shutdown(true)} and a timed {@code get} (followed by {@code taskDone()} when
 * it gets the item) race on an empty {@link Queue}; the shutdown runs on the {@link ThirdActor},
 * started by the consumer as it arrives. A successful put's item is either got or
 * discarded by the immediate shutdown, which retires its task; a refused put leaves no trace.
 * Either way no task is left and {@code join} returns at once. The arbiter reports size,
 * unfinished tasks and whether {@code join(ZERO)} returned {@code true}.
 */
@JCStressTest
@Description("Queue: put vs shutdown(immediate) vs get; the item is got or discarded, tasks stay balanced")
@Outcome(id = "OK, 7, 0/0 joined", expect = ACCEPTABLE, desc = "put and get before the shutdown")
@Outcome(id = "OK, SHUT, 0/0 joined", expect = ACCEPTABLE, desc = "put before the shutdown, which discarded the item and retired its task")
@Outcome(id = "SHUT, SHUT, 0/0 joined", expect = ACCEPTABLE, desc = "shutdown first: the put was refused, the getter released")
@Outcome(id = "SHUT, 7, .*", expect = FORBIDDEN, desc = "a put that threw ShutDown delivered its item")
@Outcome(id = ".*TIMEOUT.*", expect = FORBIDDEN, desc = "the getter was woken neither by the put nor by the shutdown")
@Outcome(expect = FORBIDDEN, desc = "an item or task was left behind after the immediate shutdown")
@State
public class QueueImmediateShutdownVsPutVsGet {
    private final Queue<Integer> queue = new Queue<>();
    private ThirdActor.Part shutdown;

    @Actor
    public void put(LLL_Result r) {
        r.r1 = Stress.put(queue, 7);
    }

    @Actor
    public void getThenTaskDone(LLL_Result r) {
        shutdown = ThirdActor.start(() -> queue.shutdown(true));
        r.r2 = Stress.getThenTaskDone(queue, Stress.PROMPT);
    }

    @Arbiter
    public void left(LLL_Result r) {
        if (!shutdown.finished()) {
            r.r3 = Stress.THIRD_TIMEOUT;
            return;
        }
        boolean joined = Stress.joinedAtOnce(queue);
        r.r3 = Stress.sizes(queue) + (joined ? " joined" : " not joined");
    }
}

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
 * {@code put}, {@code shutdown()} and a timed {@code get} race on an empty {@link Queue}; the
 * shutdown runs on the {@link ThirdActor}, started by the producer as it arrives. A put
 * either succeeds, and then its item reaches the getter (a plain shutdown lets gets drain the
 * queue) and its task stays unfinished until someone calls {@code taskDone()}, or it throws
 * {@code QueueShutDownException} and leaves no trace. The arbiter reports size and unfinished
 * tasks.
 */
@JCStressTest
@Description("Queue: put vs shutdown() vs get; a put either delivers its item or throws ShutDown")
@Outcome(id = "OK, 7, 0/1", expect = ACCEPTABLE, desc = "put before the shutdown; the getter got the item; its task is unfinished")
@Outcome(id = "SHUT, SHUT, 0/0", expect = ACCEPTABLE, desc = "shutdown before the put; the getter was released by it")
@Outcome(id = "OK, SHUT, .*", expect = FORBIDDEN, desc = "the put succeeded but the getter was told the queue was shut down and empty")
@Outcome(id = "SHUT, 7, .*", expect = FORBIDDEN, desc = "a put that threw ShutDown delivered its item")
@Outcome(id = ".*TIMEOUT.*", expect = FORBIDDEN, desc = "the getter was woken neither by the put nor by the shutdown")
@Outcome(expect = FORBIDDEN, desc = "the task count disagrees with the put")
@State
public class QueueShutdownVsPutVsGet {
    private final Queue<Integer> queue = new Queue<>();
    private ThirdActor.Part shutdown;

    @Actor
    public void put(LLL_Result r) {
        shutdown = ThirdActor.start(() -> queue.shutdown());
        r.r1 = Stress.put(queue, 7);
    }

    @Actor
    public void get(LLL_Result r) {
        r.r2 = Stress.get(queue, Stress.PROMPT);
    }

    @Arbiter
    public void left(LLL_Result r) {
        if (!shutdown.finished()) {
            r.r3 = Stress.THIRD_TIMEOUT;
            return;
        }
        r.r3 = Stress.sizes(queue);
    }
}

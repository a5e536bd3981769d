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
 * {@code put} races {@code shutdown()} on an empty {@link Queue}. The arbiter then reads the
 * unfinished-task count and drains the queue with {@code getNowait()} twice: after a successful
 * put it finds the item (a plain shutdown keeps it for the getters) and then ShutDown; after a
 * refused put, ShutDown at once.
 */
@JCStressTest
@Description("Queue: put vs shutdown(); the put either delivers its item, task counted, or throws ShutDown")
@Outcome(id = "OK, 1, 7, SHUT", expect = ACCEPTABLE, desc = "put first: the item and its task survive the shutdown")
@Outcome(id = "SHUT, 0, SHUT, SHUT", expect = ACCEPTABLE, desc = "shutdown first: the put was refused and left no trace")
@Outcome(id = "OK, .*, SHUT, .*", expect = FORBIDDEN, desc = "a successful put's item was lost")
@Outcome(id = "SHUT, .*, 7, .*", expect = FORBIDDEN, desc = "a refused put's item got into the queue")
@Outcome(expect = FORBIDDEN, desc = "the task count disagrees with the put")
@State
public class QueuePutEitherDeliversOrIsRefusedByShutdown {
    private final Queue<Integer> queue = new Queue<>();

    @Actor
    public void put(LLLL_Result r) {
        r.r1 = Stress.put(queue, 7);
    }

    @Actor
    public void shutdown() {
        queue.shutdown();
    }

    @Arbiter
    public void drain(LLLL_Result r) {
        r.r2 = queue.unfinishedTasks();
        r.r3 = Stress.getNowait(queue);
        r.r4 = Stress.getNowait(queue);
    }
}

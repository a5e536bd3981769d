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
 * One task is unfinished (an item was put and got); two threads call {@code taskDone()} at once.
 * The arbiter reports the unfinished-task count and whether {@code join(ZERO)} returns at once.
 */
@JCStressTest
@Description("Queue: of two racing taskDone() calls for one task exactly one is refused")
@Outcome(id = {"OK, REFUSED, 0 joined", "REFUSED, OK, 0 joined"}, expect = ACCEPTABLE, desc = "one retired the task; the other got 'task_done() called too many times'")
@Outcome(id = "OK, OK, .*", expect = FORBIDDEN, desc = "one task retired twice")
@Outcome(expect = FORBIDDEN, desc = "the count or join disagrees")
@State
public class QueueTaskDoneTooManyIsRefusedOnce {
    private final Queue<Integer> queue = new Queue<>();

    public QueueTaskDoneTooManyIsRefusedOnce() {
        queue.putNowait(1);
        queue.getNowait();
    }

    @Actor
    public void first(LLL_Result r) {
        r.r1 = Stress.attempt(queue::taskDone, IllegalStateException.class);
    }

    @Actor
    public void second(LLL_Result r) {
        r.r2 = Stress.attempt(queue::taskDone, IllegalStateException.class);
    }

    @Arbiter
    public void left(LLL_Result r) {
        boolean joined = Stress.joinedAtOnce(queue);
        r.r3 = queue.unfinishedTasks() + (joined ? " joined" : " not joined");
    }
}

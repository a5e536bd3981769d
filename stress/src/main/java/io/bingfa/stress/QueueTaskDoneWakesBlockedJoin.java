package io.bingfa.stress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import io.bingfa.queue.Queue;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Mode;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.Signal;
import org.openjdk.jcstress.annotations.State;

/** A thread blocks in an untimed {@code join()} on a {@link Queue} with one unfinished task; another marks it done. */
@JCStressTest(Mode.Termination)
@Description("Queue: the last taskDone() always ends a blocked join()")
@Outcome(id = "TERMINATED", expect = ACCEPTABLE, desc = "the wait returned")
@Outcome(id = "STALE", expect = FORBIDDEN, desc = "the join missed the last taskDone and hangs")
@Outcome(id = "ERROR", expect = FORBIDDEN, desc = "the wait ended with an unexpected exception")
@State
public class QueueTaskDoneWakesBlockedJoin {
    private final Queue<Integer> queue = new Queue<>();

    public QueueTaskDoneWakesBlockedJoin() {
        queue.putNowait(1);
        queue.getNowait();
    }

    @Actor
    public void join() throws InterruptedException {
        queue.join();
    }

    @Signal
    public void taskDone() {
        queue.taskDone();
    }
}

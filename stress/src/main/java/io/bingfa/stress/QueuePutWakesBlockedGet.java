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

/** A thread blocks in an untimed {@code get()} on an empty {@link Queue}; another puts an item. */
@JCStressTest(Mode.Termination)
@Description("Queue: put() always ends a blocked get()")
@Outcome(id = "TERMINATED", expect = ACCEPTABLE, desc = "the wait returned")
@Outcome(id = "STALE", expect = FORBIDDEN, desc = "the get missed the put and hangs")
@Outcome(id = "ERROR", expect = FORBIDDEN, desc = "the wait ended with an unexpected exception")
@State
public class QueuePutWakesBlockedGet {
    private final Queue<Integer> queue = new Queue<>();

    @Actor
    public void get() throws InterruptedException {
        queue.get();
    }

    @Signal
    public void put() throws InterruptedException {
        queue.put(1);
    }
}

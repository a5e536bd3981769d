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

/** A thread blocks in an untimed {@code put()} on a full {@link Queue}; another takes the item out. */
@JCStressTest(Mode.Termination)
@Description("Queue(maxsize=1): a get() always ends a put() blocked on the full queue")
@Outcome(id = "TERMINATED", expect = ACCEPTABLE, desc = "the wait returned")
@Outcome(id = "STALE", expect = FORBIDDEN, desc = "the put missed the freed space and hangs")
@Outcome(id = "ERROR", expect = FORBIDDEN, desc = "the wait ended with an unexpected exception")
@State
public class QueueGetWakesBlockedPut {
    private final Queue<Integer> queue = new Queue<>(1);

    public QueueGetWakesBlockedPut() {
        queue.putNowait(1);
    }

    @Actor
    public void put() throws InterruptedException {
        queue.put(2);
    }

    @Signal
    public void get() {
        queue.getNowait();
    }
}

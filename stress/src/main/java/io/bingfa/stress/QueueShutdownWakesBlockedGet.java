package io.bingfa.stress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import io.bingfa.queue.Queue;
import io.bingfa.queue.QueueShutDownException;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Mode;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.Signal;
import org.openjdk.jcstress.annotations.State;

/**
 * A thread blocks in an untimed {@code get()} on an empty {@link Queue}; another shuts the queue
 * down. The getter must end with {@code QueueShutDownException} (any other ending is an error).
 */
@JCStressTest(Mode.Termination)
@Description("Queue: shutdown() always ends a blocked get() with ShutDown")
@Outcome(id = "TERMINATED", expect = ACCEPTABLE, desc = "the wait returned")
@Outcome(id = "STALE", expect = FORBIDDEN, desc = "the get missed the shutdown and hangs")
@Outcome(id = "ERROR", expect = FORBIDDEN, desc = "the wait ended with an unexpected exception")
@State
public class QueueShutdownWakesBlockedGet {
    private final Queue<Integer> queue = new Queue<>();

    @Actor
    public void get() throws InterruptedException {
        try {
            queue.get();
            throw new IllegalStateException("got an item from a queue nobody put into");
        } catch (QueueShutDownException expected) {
            // the contract: a getter of an empty queue is woken by the shutdown
        }
    }

    @Signal
    public void shutdown() {
        queue.shutdown();
    }
}

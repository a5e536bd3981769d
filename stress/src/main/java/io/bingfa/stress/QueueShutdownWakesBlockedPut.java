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
 * A full {@link Queue} of {@code maxsize=1}: a producer's timed {@code put} waits for space while
 * another thread calls {@code shutdown()}. The put must end with {@code QueueShutDownException},
 * whether it was already waiting or came after. The arbiter drains the queue: the old item is
 * still there for a get (a plain shutdown keeps it), then the queue reports ShutDown.
 */
@JCStressTest
@Description("Queue: shutdown() wakes a put blocked on a full queue with ShutDown; the queued item survives")
@Outcome(id = "SHUT, 1, SHUT", expect = ACCEPTABLE, desc = "the put was refused; the old item is still got, then ShutDown")
@Outcome(id = "TIMEOUT, .*", expect = FORBIDDEN, desc = "the shutdown did not wake the blocked put")
@Outcome(id = "OK, .*", expect = FORBIDDEN, desc = "a put went into a full queue")
@Outcome(expect = FORBIDDEN, desc = "the queued item was lost or the queue did not report ShutDown")
@State
public class QueueShutdownWakesBlockedPut {
    private final Queue<Integer> queue = new Queue<>(1);

    public QueueShutdownWakesBlockedPut() {
        queue.putNowait(1);
    }

    @Actor
    public void put(LLL_Result r) {
        r.r1 = Stress.put(queue, 2, Stress.PROMPT);
    }

    @Actor
    public void shutdown() {
        queue.shutdown();
    }

    @Arbiter
    public void drain(LLL_Result r) {
        r.r2 = Stress.getNowait(queue);
        r.r3 = Stress.getNowait(queue);
    }
}

package io.bingfa.stress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import io.bingfa.queue.Queue;
import io.bingfa.queue.QueueEmptyException;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.LL_Result;

/**
 * A {@link Queue} holds one unfinished task. The consumer gets it, records a result in a plain
 * field and calls {@code taskDone()}; the other actor calls {@code join(timeout)} and then reads
 * the field. {@code join} may return only once the task is done, and then sees its result.
 */
@JCStressTest
@Description("Queue: join() returns only after taskDone(), and sees the work done before it")
@Outcome(id = "OK, 42", expect = ACCEPTABLE, desc = "join returned after taskDone and saw the result")
@Outcome(id = "OK, 0", expect = FORBIDDEN, desc = "join returned before the task was done, or without seeing its result")
@Outcome(id = "TIMEOUT, .*", expect = FORBIDDEN, desc = "taskDone did not wake the joiner")
@Outcome(expect = FORBIDDEN, desc = "inconsistent")
@State
public class QueueJoinReturnsOnlyAfterTaskDone {
    private final Queue<Integer> queue = new Queue<>();
    private int result;

    public QueueJoinReturnsOnlyAfterTaskDone() {
        queue.putNowait(6);
    }

    @Actor
    public void consumer() {
        try {
            result = queue.get(Stress.PROMPT) * 7;
            queue.taskDone();
        } catch (QueueEmptyException | InterruptedException e) {
            throw new AssertionError("the item put by the constructor was not there", e);
        }
    }

    @Actor
    public void joiner(LL_Result r) {
        r.r1 = Stress.await(() -> queue.join(Stress.PROMPT), Stress.OK, Stress.TIMEOUT);
        r.r2 = result;
    }
}

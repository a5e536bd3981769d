package io.bingfa.stress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import io.bingfa.queue.Queue;
import java.time.Duration;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.LLLL_Result;

/**
 * {@code put} races {@code shutdown(true)} on an empty {@link Queue}. Whichever comes first, the
 * queue ends empty with no unfinished task: a successful put's item is discarded by the shutdown,
 * which retires its task. The arbiter reports the unfinished-task count, a {@code getNowait()}
 * (ShutDown: an immediate shutdown refuses every get) and whether {@code join(ZERO)} returns.
 */
@JCStressTest
@Description("Queue: put vs shutdown(immediate); the put is refused, or its item discarded and its task retired")
@Outcome(id = "OK, 0, SHUT, joined", expect = ACCEPTABLE, desc = "put first: the shutdown discarded the item and retired its task")
@Outcome(id = "SHUT, 0, SHUT, joined", expect = ACCEPTABLE, desc = "shutdown first: the put was refused")
@Outcome(id = ".*, 7, .*", expect = FORBIDDEN, desc = "a get after an immediate shutdown returned an item")
@Outcome(id = ".*, 1, .*", expect = FORBIDDEN, desc = "the discarded item's task was never retired: join would hang")
@Outcome(expect = FORBIDDEN, desc = "inconsistent")
@State
public class QueueImmediateShutdownDiscardsPutItemAndItsTask {
    private final Queue<Integer> queue = new Queue<>();

    @Actor
    public void put(LLLL_Result r) {
        r.r1 = Stress.put(queue, 7);
    }

    @Actor
    public void shutdownImmediately() {
        queue.shutdown(true);
    }

    @Arbiter
    public void left(LLLL_Result r) {
        r.r2 = queue.unfinishedTasks();
        r.r3 = Stress.getNowait(queue);
        r.r4 = Stress.await(() -> queue.join(Duration.ZERO), "joined", "not joined");
    }
}

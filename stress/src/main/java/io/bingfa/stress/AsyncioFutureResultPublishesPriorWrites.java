package io.bingfa.stress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import io.bingfa.asyncio.EventLoop;
import io.bingfa.asyncio.Future;
import io.bingfa.asyncio.SchedulerPath;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * One thread writes a plain field, then completes an asyncio {@link Future} (as a
 * {@code runInExecutor} worker does); another sees {@code isDone()}, then reads the result and the
 * field. Once the future is seen done, its result and the write before {@code setResult} are seen
 * too (the package's memory-consistency rule).
 */
@JCStressTest
@Description("asyncio Future: setResult publishes its value and the writes before it")
@Outcome(id = {"0, -1, 0", "0, -1, 42"}, expect = ACCEPTABLE, desc = "read before the completion")
@Outcome(id = "1, 7, 42", expect = ACCEPTABLE, desc = "read after the completion")
@Outcome(id = "1, .*, 0", expect = FORBIDDEN, desc = "saw it done but not the write made before setResult")
@Outcome(id = "1, -1, .*", expect = FORBIDDEN, desc = "saw it done without its result")
@Outcome(expect = FORBIDDEN, desc = "inconsistent")
@State
public class AsyncioFutureResultPublishesPriorWrites {
    private static final EventLoop LOOP = new EventLoop(SchedulerPath.HANDOFF);

    private final Future<Integer> future = LOOP.createFuture();
    private int data;

    @Actor
    public void complete() {
        data = 42;
        future.setResult(7);
    }

    @Actor
    public void observe(III_Result r) {
        boolean done = future.isDone();
        r.r1 = done ? 1 : 0;
        r.r2 = done ? future.resultNow() : -1;
        r.r3 = data;
    }
}

package io.bingfa.stress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import io.bingfa.asyncio.EventLoop;
import io.bingfa.asyncio.Future;
import io.bingfa.asyncio.SchedulerPath;
import io.bingfa.futures.InvalidStateException;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * Two threads finish one pending asyncio {@link Future} at once: {@code setResult} and
 * {@code cancel()} (the thread-safe ways in from outside the loop, as {@code runInExecutor} and a
 * cross-thread {@code cancel} use them). Exactly one wins, and the future shows the winner's state.
 */
@JCStressTest
@Description("asyncio Future: of setResult and cancel racing, exactly one completes the future")
@Outcome(id = "1, 0, 1", expect = ACCEPTABLE, desc = "setResult won: finished with the value")
@Outcome(id = "0, 1, 2", expect = ACCEPTABLE, desc = "cancel won: cancelled")
@Outcome(id = "1, 1, .*", expect = FORBIDDEN, desc = "both completed it")
@Outcome(id = "0, 0, .*", expect = FORBIDDEN, desc = "neither completed a pending future")
@Outcome(expect = FORBIDDEN, desc = "the state does not match the winner")
@State
public class AsyncioFutureCompletesOnce {
    /** A loop that never runs: futures need one, and nothing here schedules a callback. */
    private static final EventLoop LOOP = new EventLoop(SchedulerPath.HANDOFF);

    private final Future<Integer> future = LOOP.createFuture();

    @Actor
    public void setResult(III_Result r) {
        try {
            future.setResult(7);
            r.r1 = 1;
        } catch (InvalidStateException lost) {
            r.r1 = 0;
        }
    }

    @Actor
    public void cancel(III_Result r) {
        r.r2 = future.cancel() ? 1 : 0;
    }

    @Arbiter
    public void state(III_Result r) {
        if (future.isCancelled()) {
            r.r3 = 2;
        } else if (future.isDone() && Integer.valueOf(7).equals(future.resultNow())) {
            r.r3 = 1;
        } else {
            r.r3 = -1;
        }
    }
}

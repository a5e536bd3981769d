package io.bingfa.stress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import io.bingfa.threading.Barrier;
import java.util.concurrent.BrokenBarrierException;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Mode;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.Signal;
import org.openjdk.jcstress.annotations.State;

/**
 * The only party to arrive at a {@link Barrier} of two blocks in an untimed {@code await()};
 * another thread aborts the barrier. The waiter must end with {@code BrokenBarrierException}.
 */
@JCStressTest(Mode.Termination)
@Description("Barrier: abort() always ends a blocked await() with BrokenBarrierException")
@Outcome(id = "TERMINATED", expect = ACCEPTABLE, desc = "the wait returned")
@Outcome(id = "STALE", expect = FORBIDDEN, desc = "the await missed the abort and hangs")
@Outcome(id = "ERROR", expect = FORBIDDEN, desc = "the wait ended with an unexpected exception")
@State
public class BarrierAbortWakesBlockedAwait {
    private final Barrier barrier = new Barrier(2);

    @Actor
    public void await() throws InterruptedException {
        try {
            barrier.await();
            throw new IllegalStateException("a barrier of two parties let one through");
        } catch (BrokenBarrierException expected) {
            // the contract: abort breaks the barrier for those waiting in it
        }
    }

    @Signal
    public void abort() {
        barrier.abort();
    }
}

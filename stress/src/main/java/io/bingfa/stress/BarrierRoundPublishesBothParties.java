package io.bingfa.stress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import io.bingfa.threading.Barrier;
import java.util.concurrent.BrokenBarrierException;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.IIIII_Result;

/**
 * Two parties each write a plain field and call {@code await(timeout)} on a {@link Barrier} of two
 * whose action sums the fields and counts its runs. Results: each party's arrival index, the sum
 * each party reads after the barrier, and (arbiter) how many times the action ran.
 */
@JCStressTest
@Description("Barrier(2): distinct indices, the action runs once and sees both parties' writes, both parties see its result")
@Outcome(id = {"0, 1, 3, 3, 1", "1, 0, 3, 3, 1"}, expect = ACCEPTABLE, desc = "indices 0 and 1; one action run; writes visible both ways")
@Outcome(id = {"0, 0, .*", "1, 1, .*"}, expect = FORBIDDEN, desc = "both parties got the same index")
@Outcome(id = {"-1, .*", ".*, -1, .*"}, expect = FORBIDDEN, desc = "a party timed out or found the barrier broken")
@Outcome(expect = FORBIDDEN, desc = "the action ran twice or missed a party's write, or a party missed its result")
@State
public class BarrierRoundPublishesBothParties {
    private int first;
    private int second;
    private int sum;
    private int actionRuns;
    private final Barrier barrier = new Barrier(2, () -> {
        sum = first + second;
        actionRuns++;
    }, null);

    @Actor
    public void first(IIIII_Result r) {
        first = 1;
        r.r1 = await();
        r.r3 = sum;
    }

    @Actor
    public void second(IIIII_Result r) {
        second = 2;
        r.r2 = await();
        r.r4 = sum;
    }

    @Arbiter
    public void actionRuns(IIIII_Result r) {
        r.r5 = actionRuns;
    }

    private int await() {
        try {
            return barrier.await(Stress.PROMPT);
        } catch (BrokenBarrierException e) {
            return -1;
        } catch (InterruptedException e) {
            return -2;
        }
    }
}

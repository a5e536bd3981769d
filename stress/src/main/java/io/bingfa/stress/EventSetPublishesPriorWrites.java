package io.bingfa.stress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import io.bingfa.threading.Event;
import java.time.Duration;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * One actor writes a plain field and sets an {@link Event}; the other reads {@code isSet()}, then
 * {@code await(Duration.ZERO)}, then the field. Once the flag is seen, the write before
 * {@code set()} must be seen too, and the flag cannot be seen to go away again (nobody clears it).
 */
@JCStressTest
@Description("Event: set() publishes the writes before it to isSet() and await(ZERO)")
@Outcome(id = {"0, 0, 0", "0, 0, 42"}, expect = ACCEPTABLE, desc = "read before the set")
@Outcome(id = "0, 1, 42", expect = ACCEPTABLE, desc = "the set came between isSet() and await(ZERO)")
@Outcome(id = "1, 1, 42", expect = ACCEPTABLE, desc = "read after the set")
@Outcome(id = {"1, .*, 0", ".*, 1, 0"}, expect = FORBIDDEN, desc = "saw the flag but not the write made before set()")
@Outcome(id = "1, 0, .*", expect = FORBIDDEN, desc = "await(ZERO) said unset after isSet() said set")
@Outcome(expect = FORBIDDEN, desc = "inconsistent")
@State
public class EventSetPublishesPriorWrites {
    private final Event event = new Event();
    private int data;

    @Actor
    public void set() {
        data = 42;
        event.set();
    }

    @Actor
    public void observe(III_Result r) {
        r.r1 = event.isSet() ? 1 : 0;
        try {
            r.r2 = event.await(Duration.ZERO) ? 1 : 0;
        } catch (InterruptedException e) {
            r.r2 = -2;
        }
        r.r3 = data;
    }
}

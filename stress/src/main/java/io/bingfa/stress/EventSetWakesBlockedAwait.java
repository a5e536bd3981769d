package io.bingfa.stress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import io.bingfa.threading.Event;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Mode;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.Signal;
import org.openjdk.jcstress.annotations.State;

/** A thread blocks in an untimed {@code await()} of an {@link Event}; another sets it. */
@JCStressTest(Mode.Termination)
@Description("Event: set() always ends a blocked await()")
@Outcome(id = "TERMINATED", expect = ACCEPTABLE, desc = "the await returned")
@Outcome(id = "STALE", expect = FORBIDDEN, desc = "the await missed the set and hangs")
@Outcome(id = "ERROR", expect = FORBIDDEN, desc = "the wait ended with an unexpected exception")
@State
public class EventSetWakesBlockedAwait {
    private final Event event = new Event();

    @Actor
    public void await() throws InterruptedException {
        event.await();
    }

    @Signal
    public void set() {
        event.set();
    }
}

package io.bingfa.stress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import io.bingfa.threading.Event;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.LL_Result;

/**
 * A waiter calls {@code await(timeout)} on an {@link Event} while another thread calls
 * {@code set()} and at once {@code clear()}. A waiter that was already parked when {@code set()}
 * began must return {@code true}, even though the flag is cleared before it runs again (CPython
 * gh-57711). The setter reports {@code PARKED} when it saw the waiter parked
 * ({@code TIMED_WAITING}) before calling {@code set()}.
 *
 * <p>So that no invocation waits out its timeout, the setter then interrupts a waiter that has
 * not finished: one that began waiting after the clear ends with {@code INTERRUPTED}, and one that
 * registers after the setter is done does not wait at all ({@code LATE}). The interrupt is sent and
 * the waiter's finish recorded under this object's monitor, and the waiter clears its interrupt
 * status afterwards, so it never leaks into the next invocation.
 */
@JCStressTest
@Description("Event: a waiter woken by set() returns true even if the event is cleared at once")
@Outcome(id = "SIGNALLED, PARKED", expect = ACCEPTABLE, desc = "parked before set(): woken, returned true despite the clear")
@Outcome(id = "SIGNALLED, -", expect = ACCEPTABLE, desc = "waited or looked between set() and clear()")
@Outcome(id = "INTERRUPTED, -", expect = ACCEPTABLE, desc = "began waiting after clear(); ended by the test's interrupt")
@Outcome(id = "LATE, -", expect = ACCEPTABLE, desc = "arrived after the setter was done; did not wait")
@Outcome(id = "INTERRUPTED, PARKED", expect = FORBIDDEN, desc = "woken by set() but went back to waiting after clear()")
@Outcome(id = "TIMEOUT, .*", expect = FORBIDDEN, desc = "the wait ran out: set() or the interrupt did not wake it")
@Outcome(expect = FORBIDDEN, desc = "inconsistent")
@State
public class EventWaiterWokenBySetReturnsTrue {
    private final Event event = new Event();
    /** Guarded by this. */
    private Thread waiter;
    /** Guarded by this. */
    private boolean waiterFinished;
    /** Guarded by this. */
    private boolean setterDone;

    @Actor
    public void waiter(LL_Result r) {
        synchronized (this) {
            if (setterDone) {
                r.r1 = Stress.LATE;
                return;
            }
            waiter = Thread.currentThread();
        }
        String outcome = Stress.await(() -> event.await(Stress.PROMPT), Stress.SIGNALLED, Stress.TIMEOUT);
        synchronized (this) {
            waiterFinished = true;
        }
        Thread.interrupted();
        r.r1 = outcome;
    }

    @Actor
    public void setThenClear(LL_Result r) {
        Thread parked;
        synchronized (this) {
            parked = waiter;
        }
        r.r2 = parked != null && parked.getState() == Thread.State.TIMED_WAITING ? "PARKED" : "-";
        event.set();
        event.clear();
        synchronized (this) {
            setterDone = true;
            if (waiter != null && !waiterFinished) {
                waiter.interrupt();
            }
        }
    }
}

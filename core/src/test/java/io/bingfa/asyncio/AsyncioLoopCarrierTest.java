package io.bingfa.asyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The asyncio contract on {@link SchedulerPath#LOOP_CARRIER} (see {@link OnLoopCarrier}). */
class AsyncioLoopCarrierTest extends AbstractAsyncioTest implements OnLoopCarrier {
    @Override
    SchedulerPath path() {
        return SchedulerPath.LOOP_CARRIER;
    }

    @Test
    void runRunsTheLoopOnAPlatformThreadOfItsOwnFromAnyCaller() throws Exception {
        for (boolean virtualCaller : new boolean[] {false, true}) {
            AtomicReference<Thread> loopThread = new AtomicReference<>();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Runnable caller = () -> {
                try {
                    EventLoop.run(SchedulerPath.LOOP_CARRIER, () -> {
                        EventLoop.getRunningLoop().callSoon(() -> loopThread.set(Thread.currentThread()));
                        Asyncio.sleep(Duration.ZERO);
                        return null;
                    });
                } catch (Throwable t) {
                    failure.set(t);
                }
            };
            Thread t = virtualCaller ? Thread.ofVirtual().start(caller) : Thread.ofPlatform().start(caller);
            t.join();
            assertEquals(null, failure.get(), "caller virtual: " + virtualCaller);
            assertFalse(loopThread.get().isVirtual(), "the loop thread carries the tasks: a platform thread");
            assertEquals("asyncio-loop", loopThread.get().getName());
            assertFalse(loopThread.get().isAlive(), "run returned after the loop's thread ended");
        }
    }
}

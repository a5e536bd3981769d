package io.bingfa.asyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The asyncio contract on the public-API path ({@link SchedulerPath#HANDOFF}): runs in every JVM. */
class AsyncioHandoffTest extends AbstractAsyncioTest {
    @Override
    SchedulerPath path() {
        return SchedulerPath.HANDOFF;
    }

    @Test
    void runFromAPlatformThreadRunsTheLoopOnAVirtualThreadItWaitsFor() throws Exception {
        assertFalse(Thread.currentThread().isVirtual());
        AtomicReference<Thread> loopThread = new AtomicReference<>();
        int result = EventLoop.run(SchedulerPath.HANDOFF, () -> {
            EventLoop.getRunningLoop().callSoon(() -> loopThread.set(Thread.currentThread()));
            Asyncio.sleep(java.time.Duration.ZERO);
            return 7;
        });
        assertEquals(7, result);
        assertTrue(loopThread.get().isVirtual(), loopThread.get().toString());
        assertEquals("asyncio-loop", loopThread.get().getName());
        assertFalse(loopThread.get().isAlive(), "run returned after the loop's thread ended");
    }

    @Test
    void runFromAVirtualThreadRunsTheLoopInThatThread() throws Exception {
        AtomicReference<Thread> caller = new AtomicReference<>();
        AtomicReference<Thread> loopThread = new AtomicReference<>();
        Thread vt = Thread.ofVirtual().start(() -> {
            caller.set(Thread.currentThread());
            try {
                EventLoop.run(SchedulerPath.HANDOFF, () -> {
                    EventLoop.getRunningLoop().callSoon(() -> loopThread.set(Thread.currentThread()));
                    Asyncio.sleep(java.time.Duration.ZERO);
                    return null;
                });
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        });
        vt.join();
        assertSame(caller.get(), loopThread.get());
    }
}

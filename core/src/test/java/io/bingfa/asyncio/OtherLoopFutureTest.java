package io.bingfa.asyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A future of another loop (CONFORMANCE 6c item 31, ported as docs/asyncio.md "CPython cases not
 * ported" describes): a task refuses to wait for it; a done one is read as from any thread.
 */
class OtherLoopFutureTest {

    // CPython: test_asyncio.test_tasks.BaseTaskTests.test_other_loop_future
    @Tag("cpython")
    @Test
    void taskWaitingForAPendingFutureOfAnotherLoopIsRefused() throws Exception {
        try (EventLoop other = new EventLoop(SchedulerPath.HANDOFF)) {
            Future<Integer> foreign = other.createFuture();
            IllegalStateException e = EventLoop.run(SchedulerPath.HANDOFF,
                    () -> assertThrows(IllegalStateException.class, foreign::result));
            assertTrue(e.getMessage().contains("attached to a different loop"), e.getMessage());
        }
    }

    @Test
    void doneFutureOfAnotherLoopIsReadWithoutWaiting() throws Exception {
        try (EventLoop other = new EventLoop(SchedulerPath.HANDOFF)) {
            Future<Integer> foreign = other.createFuture();
            foreign.setResult(7);
            Integer got = EventLoop.run(SchedulerPath.HANDOFF, foreign::result);
            assertEquals(7, got);
        }
    }
}

package io.bingfa.asyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Which scheduler path this JVM takes, and that the detection agrees with the JVM's options. */
class EventLoopSchedulerPathTest {
    @Test
    void loopCarrierIsAvailableExactlyWhenJavaLangIsOpened() {
        boolean opened = Thread.class.getModule().isOpen("java.lang", EventLoopSchedulerPathTest.class.getModule());
        assertEquals(opened, EventLoop.isLoopCarrierAvailable(), EventLoop.loopCarrierUnavailableReason());
        if (opened) {
            assertNull(EventLoop.loopCarrierUnavailableReason());
        } else {
            assertNotNull(EventLoop.loopCarrierUnavailableReason());
            assertThrows(UnsupportedOperationException.class, () -> new EventLoop(SchedulerPath.LOOP_CARRIER));
        }
    }

    @Test
    void defaultPathFollowsAvailabilityUnlessThePropertySaysOtherwise() {
        String forced = System.getProperty("bingfa.asyncio.scheduler", "auto");
        SchedulerPath expected = switch (forced) {
            case "handoff" -> SchedulerPath.HANDOFF;
            case "loop-carrier" -> SchedulerPath.LOOP_CARRIER;
            default -> EventLoop.isLoopCarrierAvailable() ? SchedulerPath.LOOP_CARRIER : SchedulerPath.HANDOFF;
        };
        assertEquals(expected, EventLoop.defaultSchedulerPath());
        try (EventLoop loop = new EventLoop()) {
            assertEquals(expected, loop.schedulerPath());
        }
    }
}

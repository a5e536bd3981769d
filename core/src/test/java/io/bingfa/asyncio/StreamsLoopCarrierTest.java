package io.bingfa.asyncio;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.BeforeAll;

/**
 * The streams contract on {@link SchedulerPath#LOOP_CARRIER}; skipped in a JVM without
 * {@code --add-opens java.base/java.lang=ALL-UNNAMED} (core's pom runs it in a second surefire
 * execution that has it).
 */
class StreamsLoopCarrierTest extends AbstractStreamsTest {
    @BeforeAll
    static void requireLoopCarrier() {
        assumeTrue(EventLoop.isLoopCarrierAvailable(),
                () -> "LOOP_CARRIER unavailable: " + EventLoop.loopCarrierUnavailableReason());
    }

    @Override
    SchedulerPath path() {
        return SchedulerPath.LOOP_CARRIER;
    }
}

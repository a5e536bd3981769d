package io.bingfa.asyncio;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.BeforeAll;

/**
 * Mixed into a contract's LOOP_CARRIER subclass: the whole class is skipped
 * in a JVM without {@code --add-opens java.base/java.lang=ALL-UNNAMED} (core's pom runs the
 * {@code *LoopCarrier*Test} classes in a second surefire execution that has it).
 */
interface OnLoopCarrier {
    @BeforeAll
    static void requireLoopCarrier() {
        assumeTrue(EventLoop.isLoopCarrierAvailable(),
                () -> "LOOP_CARRIER unavailable: " + EventLoop.loopCarrierUnavailableReason());
    }
}

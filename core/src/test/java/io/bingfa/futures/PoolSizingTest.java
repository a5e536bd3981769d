package io.bingfa.futures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PoolSizingTest {
    private static Duration ms(long n) {
        return Duration.ofMillis(n);
    }

    @Test
    void twentyPercentComputeOnTwoCoresWantsTenThreads() {
        assertEquals(10, PoolSizing.threads(2, ms(2), ms(8)));
    }

    @Test
    void pureComputationWantsOneThreadPerCore() {
        assertEquals(4, PoolSizing.threads(4, ms(5), Duration.ZERO));
    }

    @Test
    void roundsUp() {
        assertEquals(4, PoolSizing.threads(1, ms(3), ms(8))); // 11/3 = 3.67
        assertEquals(2, PoolSizing.threads(1, Duration.ofNanos(1_000_000), Duration.ofNanos(1)));
    }

    @Test
    void saturatesAtIntegerMax() {
        assertEquals(Integer.MAX_VALUE, PoolSizing.threads(64, Duration.ofNanos(1), Duration.ofDays(365 * 100)));
        assertEquals(Integer.MAX_VALUE,
                PoolSizing.threads(Integer.MAX_VALUE, Duration.ofSeconds(1), Duration.ofSeconds(1)));
    }

    @Test
    void rejectsBadArgumentsNamingTheValue() {
        assertEquals("cores: 0 (expected: >= 1)", assertThrows(IllegalArgumentException.class,
                () -> PoolSizing.threads(0, ms(1), ms(1))).getMessage());
        assertEquals("cpu: PT0S (expected: > 0)", assertThrows(IllegalArgumentException.class,
                () -> PoolSizing.threads(2, Duration.ZERO, ms(1))).getMessage());
        assertEquals("cpu: PT-0.001S (expected: > 0)", assertThrows(IllegalArgumentException.class,
                () -> PoolSizing.threads(2, ms(-1), ms(1))).getMessage());
        assertEquals("wait: PT-0.001S (expected: >= 0)", assertThrows(IllegalArgumentException.class,
                () -> PoolSizing.threads(2, ms(1), ms(-1))).getMessage());
        assertThrows(NullPointerException.class, () -> PoolSizing.threads(2, null, ms(1)));
    }
}

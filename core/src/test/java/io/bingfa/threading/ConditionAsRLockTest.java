package io.bingfa.threading;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import org.junit.jupiter.api.Test;

/**
 * lock_tests.py's {@code ConditionAsRLockTests}: a default {@link Condition} is usable wherever an
 * RLock is, so the whole RLock contract runs against it.
 */
class ConditionAsRLockTest extends RLockContractTest<Condition> {
    @Override
    protected Condition newLock() {
        return new Condition();
    }

    @Override
    protected boolean isLocked(Condition condition) {
        return ((RLock) condition.lock()).isLocked();
    }

    @Test
    void defaultConditionIsOverANewRLock() {
        assertInstanceOf(RLock.class, new Condition().lock());
    }
}

package io.bingfa.threading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bingfa.testing.TestThreads;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** {@link RLock} against lock_tests.py's {@code RLockTests}, plus its own behaviour. */
// try (Held held = lock.hold()) is Python's with-block; the resource is used only to release.
@SuppressWarnings("try")
class RLockTest extends RLockContractTest<RLock> {
    @Override
    protected RLock newLock() {
        return new RLock();
    }

    @Override
    protected boolean isLocked(RLock lock) {
        return lock.isLocked();
    }

    // CPython: lock_tests.RLockTests.test_repr_count (gh-134322)
    @Test
    @Tag("cpython")
    void test_repr_count_showsCountAlsoFromAnotherThread() throws InterruptedException {
        RLock lock = new RLock();
        assertEquals("RLock[unlocked, count=0]", lock.toString());
        lock.acquire();
        lock.acquire();
        try {
            String mine = lock.toString();
            assertTrue(mine.contains("count=2") && mine.startsWith("RLock[locked"), mine);
            AtomicReference<String> seen = new AtomicReference<>();
            try (TestThreads bunch = TestThreads.start(1, i -> seen.set(lock.toString()))) {
                bunch.join();
            }
            assertEquals(mine, seen.get());
            assertEquals("RLock[locked by \"" + Thread.currentThread().getName() + "\", count=2]", mine);
        } finally {
            lock.release();
            lock.release();
        }
        assertEquals("RLock[unlocked, count=0]", lock.toString());
        RLock named = new RLock("noodle");
        assertEquals("RLock(\"noodle\")[unlocked, count=0]", named.toString());
    }

    @Test
    void holdCountAndOwnershipArePerThread() throws InterruptedException {
        RLock lock = new RLock();
        assertEquals(0, lock.holdCount());
        assertFalse(lock.isOwnedByCurrentThread());
        CountDownLatch checked = new CountDownLatch(1);
        try (Held outer = lock.hold(); Held inner = lock.hold()) {
            assertEquals(2, lock.holdCount());
            assertTrue(lock.isOwnedByCurrentThread());
            try (TestThreads bunch = TestThreads.start(1, i -> {
                assertEquals(0, lock.holdCount());
                assertFalse(lock.isOwnedByCurrentThread());
                assertTrue(lock.isLocked());
                checked.countDown();
            })) {
                bunch.join();
            }
        }
        assertEquals(0, checked.getCount());
        assertEquals(0, lock.holdCount());
        assertFalse(lock.isLocked());
    }

    @Test
    void ownerIsHandedOverToTheNextWaiter() throws InterruptedException {
        RLock lock = new RLock();
        lock.acquire();
        try (TestThreads bunch = TestThreads.start(1, i -> {
            lock.acquire();
            assertTrue(lock.isOwnedByCurrentThread());
            assertEquals(1, lock.holdCount());
            lock.release();
        })) {
            bunch.awaitParked();
            lock.release();
            bunch.join();
        }
        assertFalse(lock.isLocked());
    }
}

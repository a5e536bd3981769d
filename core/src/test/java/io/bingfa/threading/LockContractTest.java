package io.bingfa.threading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bingfa.testing.TestThreads;
import io.bingfa.testing.Waits;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The contract of a lock with no owner (Python's {@code threading.Lock}): lock_tests.py's
 * {@code LockTests}. Any thread may release it, and re-acquiring blocks even the thread that holds it.
 *
 * @param <L> the lock type
 */
public abstract class LockContractTest<L extends Acquirable> extends BaseLockContractTest<L> {
    /** Whether the lock is held by anyone ({@code locked()}). */
    protected abstract boolean isLocked(L lock);

    // CPython: lock_tests.LockTests.test_locked
    @Test
    @Tag("cpython")
    void test_locked_reportsWhetherHeld() throws InterruptedException {
        L lock = newLock();
        assertFalse(isLocked(lock));
        lock.acquire();
        assertTrue(isLocked(lock));
        lock.release();
        assertFalse(isLocked(lock));
    }

    // CPython: lock_tests.LockTests.test_reacquire
    @Test
    @Tag("cpython")
    void test_reacquire_blocksUntilAnotherThreadReleases() throws InterruptedException {
        L lock = newLock();
        AtomicInteger phase = new AtomicInteger();
        try (TestThreads bunch = TestThreads.start(1, i -> {
            lock.acquire();
            phase.incrementAndGet();
            lock.acquire(); // no owner: the holder blocks like anyone else
            phase.incrementAndGet();
        })) {
            Waits.awaitParked(bunch.thread(0));
            assertEquals(1, phase.get());
            lock.release(); // released by another thread than the one that acquired
            bunch.join();
        }
        assertEquals(2, phase.get());
        assertTrue(isLocked(lock));
        lock.release();
        assertFalse(isLocked(lock));
    }

    // CPython: lock_tests.LockTests.test_different_thread
    @Test
    @Tag("cpython")
    void test_different_thread_anotherThreadMayRelease() throws InterruptedException {
        L lock = newLock();
        CountDownLatch acquired = new CountDownLatch(1);
        try (TestThreads bunch = TestThreads.start(1, i -> {
            lock.acquire();
            acquired.countDown();
        })) {
            bunch.join();
        }
        acquired.await();
        assertTrue(isLocked(lock));
        lock.release();
        assertFalse(isLocked(lock));
        assertFreeFromAnotherThread(lock);
    }

    // CPython: lock_tests.LockTests.test_state_after_timeout (bpo-11618)
    @Test
    @Tag("cpython")
    void test_state_after_timeout_failedTimedAcquireLeavesLockUsable() throws InterruptedException {
        L lock = newLock();
        lock.acquire();
        try (TestThreads bunch = TestThreads.start(1, i -> assertFalse(lock.tryAcquire(Duration.ofMillis(10))))) {
            bunch.join();
        }
        lock.release();
        assertFalse(isLocked(lock));
        assertTrue(lock.tryAcquire());
        lock.release();
    }

    // CPython: test_threading.ThreadingExceptionTests.test_releasing_unacquired_lock
    @Test
    @Tag("cpython")
    void test_releasing_unacquired_lock_throwsIllegalMonitorState() throws InterruptedException {
        L lock = newLock();
        IllegalMonitorStateException e = assertThrows(IllegalMonitorStateException.class, lock::release);
        assertEquals("release unlocked lock", e.getMessage());
        lock.acquire();
        lock.release();
        assertThrows(IllegalMonitorStateException.class, lock::release);
        assertFalse(isLocked(lock));
    }
}

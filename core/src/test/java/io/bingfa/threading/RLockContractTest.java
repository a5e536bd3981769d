package io.bingfa.threading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bingfa.testing.TestThreads;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The contract of a re-entrant lock owned by a thread (Python's {@code threading.RLock}, and a
 * default {@code Condition} used as a lock): lock_tests.py's {@code RLockTests}.
 *
 * @param <L> the lock type
 */
abstract class RLockContractTest<L extends Acquirable> extends BaseLockContractTest<L> {
    /** Whether the lock is held by anyone ({@code locked()}). */
    protected abstract boolean isLocked(L lock);

    // CPython: lock_tests.RLockTests.test_reacquire
    @Test
    @Tag("cpython")
    void test_reacquire_ownerReentersAndNeedsOneReleasePerAcquire() throws InterruptedException {
        L lock = newLock();
        lock.acquire();
        lock.acquire();
        assertTrue(lock.tryAcquire());
        lock.release();
        lock.release();
        assertTakenFromAnotherThread(lock);
        lock.release();
        assertFreeFromAnotherThread(lock);
        assertThrows(IllegalMonitorStateException.class, lock::release);
    }

    // CPython: lock_tests.RLockTests.test_release_unacquired
    @Test
    @Tag("cpython")
    void test_release_unacquired_throwsFreshAndAfterBalancedPairs() throws InterruptedException {
        L lock = newLock();
        assertThrows(IllegalMonitorStateException.class, lock::release);
        lock.acquire();
        lock.acquire();
        lock.release();
        lock.acquire();
        lock.release();
        lock.release();
        IllegalMonitorStateException e = assertThrows(IllegalMonitorStateException.class, lock::release);
        assertEquals("cannot release un-acquired lock", e.getMessage());
    }

    // CPython: lock_tests.RLockTests.test_locked
    @Test
    @Tag("cpython")
    void test_locked_trueUntilTheLastRelease() throws InterruptedException {
        L lock = newLock();
        assertFalse(isLocked(lock));
        lock.acquire();
        assertTrue(isLocked(lock));
        lock.acquire();
        assertTrue(isLocked(lock));
        lock.release();
        assertTrue(isLocked(lock));
        lock.release();
        assertFalse(isLocked(lock));
    }

    // CPython: lock_tests.RLockTests.test_locked_with_2threads (gh-134323)
    @Test
    @Tag("cpython")
    void test_locked_with_2threads_lockedAsSeenFromANonOwner() throws InterruptedException {
        L lock = newLock();
        CountDownLatch acquired = new CountDownLatch(1);
        CountDownLatch checked = new CountDownLatch(1);
        try (TestThreads bunch = TestThreads.start(1, i -> {
            lock.acquire();
            acquired.countDown();
            checked.await();
            lock.release();
        })) {
            acquired.await();
            assertTrue(isLocked(lock));
            checked.countDown();
            bunch.join();
        }
        assertFalse(isLocked(lock));
    }

    // CPython: lock_tests.RLockTests.test_different_thread
    @Test
    @Tag("cpython")
    void test_different_thread_nonOwnerReleaseThrows() throws InterruptedException {
        L lock = newLock();
        CountDownLatch acquired = new CountDownLatch(1);
        CountDownLatch tried = new CountDownLatch(1);
        try (TestThreads bunch = TestThreads.start(1, i -> {
            lock.acquire();
            acquired.countDown();
            tried.await();
            lock.release();
        })) {
            acquired.await();
            try {
                IllegalMonitorStateException e =
                        assertThrows(IllegalMonitorStateException.class, lock::release);
                assertEquals("cannot release un-acquired lock", e.getMessage());
                assertTrue(isLocked(lock), "a refused release must not change the lock");
            } finally {
                tried.countDown();
            }
            bunch.join();
        }
        assertFalse(isLocked(lock));
    }
}

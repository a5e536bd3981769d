package io.bingfa.multiprocessing;

import static io.bingfa.testing.Waits.assertTimeout;
import static io.bingfa.testing.Waits.since;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.bingfa.testing.TestThreads;
import io.bingfa.testing.Waits;
import io.bingfa.threading.Held;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link ProcessLock} against the lock contract: lock_tests.py's {@code BaseLockTests} and
 * {@code LockTests} (an owner-less lock) between threads, and _test_multiprocessing's
 * {@code _TestLock} between JVMs.
 *
 * <p>The threading package's {@code BaseLockContractTest} and {@code LockContractTest} are
 * package-private there, so their cases are written out here, under the same names and tags.
 */
// try (Held held = lock.hold()) is Python's with-block; the resource is used only to release.
@SuppressWarnings("try")
@Timeout(120)
class ProcessLockContractTest {
    private static final long PID = ProcessHandle.current().pid();

    /** In another thread: the lock can be taken (and is released again). */
    private static void assertFreeFromAnotherThread(ProcessLock lock) throws InterruptedException {
        try (TestThreads bunch = TestThreads.start(1, i -> {
            assertTrue(lock.tryAcquire(), "lock should be free");
            lock.release();
        })) {
            bunch.join();
        }
    }

    /** In another thread: the lock cannot be taken. */
    private static void assertTakenFromAnotherThread(ProcessLock lock) throws InterruptedException {
        try (TestThreads bunch = TestThreads.start(1, i -> assertFalse(lock.tryAcquire(), "lock should be taken"))) {
            bunch.join();
        }
    }

    // ------------------------------------------------------------------ lock_tests.BaseLockTests

    // CPython: lock_tests.BaseLockTests.test_constructor
    @Test
    @Tag("cpython")
    void test_constructor_createsUnlockedLock() throws InterruptedException {
        ProcessLock lock = ProcessLock.create();
        assertNotNull(lock);
        assertFalse(lock.isLocked());
        assertFreeFromAnotherThread(lock);
    }

    // CPython: lock_tests.BaseLockTests.test_acquire_destroy, test_weakref_deleted
    @Test
    @Tag("cpython")
    void test_acquire_destroy_heldLockIsCollectedWhenDropped() throws InterruptedException {
        ProcessLock lock = ProcessLock.create();
        lock.acquire();
        WeakReference<ProcessLock> ref = new WeakReference<>(lock);
        lock = null;
        Waits.awaitCollected(ref);
    }

    // CPython: lock_tests.BaseLockTests.test_acquire_release
    @Test
    @Tag("cpython")
    void test_acquire_release_canBeRepeated() throws InterruptedException {
        ProcessLock lock = ProcessLock.create();
        lock.acquire();
        lock.release();
        lock.acquire();
        lock.release();
        assertFreeFromAnotherThread(lock);
    }

    // CPython: lock_tests.BaseLockTests.test_repr, test_locked_repr; _TestLock.test_repr_lock
    @Test
    @Tag("cpython")
    void test_repr_showsLockedByWhichPidOrUnlocked() throws InterruptedException {
        ProcessLock lock = ProcessLock.create();
        assertEquals("ProcessLock[unlocked]", lock.toString());
        lock.acquire();
        try {
            assertEquals("ProcessLock[locked by pid " + PID + "]", lock.toString());
        } finally {
            lock.release();
        }
        assertEquals("ProcessLock[unlocked]", lock.toString());
    }

    // CPython: lock_tests.BaseLockTests.test_try_acquire
    @Test
    @Tag("cpython")
    void test_try_acquire_succeedsOnFreeLock() throws InterruptedException {
        ProcessLock lock = ProcessLock.create();
        assertTrue(lock.tryAcquire());
        lock.release();
        assertTrue(lock.tryAcquire(Duration.ZERO));
        lock.release();
    }

    // CPython: lock_tests.BaseLockTests.test_try_acquire_contended
    @Test
    @Tag("cpython")
    void test_try_acquire_contended_failsAtOnceInAnotherThread() throws InterruptedException {
        ProcessLock lock = ProcessLock.create();
        lock.acquire();
        try (TestThreads bunch = TestThreads.start(1, i -> {
            assertFalse(lock.tryAcquire());
            assertFalse(lock.tryAcquire(Duration.ZERO));
        })) {
            bunch.join();
        } finally {
            lock.release();
        }
    }

    // CPython: lock_tests.BaseLockTests.test_acquire_contended
    @Test
    @Tag("cpython")
    void test_acquire_contended_waitersFinishOnlyAfterRelease() throws InterruptedException {
        ProcessLock lock = ProcessLock.create();
        lock.acquire();
        AtomicInteger done = new AtomicInteger();
        try (TestThreads bunch = TestThreads.start(5, i -> {
            lock.acquire();
            lock.release();
            done.incrementAndGet();
        })) {
            bunch.awaitParked();
            assertEquals(0, done.get(), "no waiter may get the lock while it is held");
            lock.release();
            bunch.join();
        }
        assertEquals(5, done.get());
    }

    // CPython: lock_tests.BaseLockTests.test_with; _TestLock.test_lock_context
    @Test
    @Tag("cpython")
    void test_with_holdReleasesOnExitAndOnException() throws InterruptedException {
        ProcessLock lock = ProcessLock.create();
        try (Held held = lock.hold()) {
            assertTakenFromAnotherThread(lock);
        }
        assertFreeFromAnotherThread(lock);
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> {
            try (Held held = lock.hold()) {
                throw new IllegalStateException("in the body");
            }
        });
        assertEquals("in the body", thrown.getMessage());
        assertFreeFromAnotherThread(lock);
    }

    // CPython: lock_tests.BaseLockTests.test_timeout (negative timeouts are ValueError)
    @Test
    @Tag("cpython")
    void test_timeout_negativeTimeoutIsIllegalArgument() {
        ProcessLock lock = ProcessLock.create();
        assertThrows(IllegalArgumentException.class, () -> lock.tryAcquire(Duration.ofSeconds(-100)));
        assertThrows(IllegalArgumentException.class, () -> lock.tryAcquire(Duration.ofNanos(-1)));
        assertThrows(NullPointerException.class, () -> lock.tryAcquire(null));
        assertFalse(lock.isLocked());
    }

    // CPython: lock_tests.BaseLockTests.test_timeout (TIMEOUT_MAX on a free lock; 5 s on a free lock)
    @Test
    @Tag("cpython")
    void test_timeout_longTimeoutOnFreeLockSucceedsAtOnce() throws InterruptedException {
        ProcessLock lock = ProcessLock.create();
        long start = System.nanoTime();
        assertTrue(lock.tryAcquire(Duration.ofSeconds(Long.MAX_VALUE, 999_999_999)));
        lock.release();
        assertTrue(lock.tryAcquire(Duration.ofSeconds(5)));
        lock.release();
        Waits.assertDidNotWait(start);
    }

    // CPython: lock_tests.BaseLockTests.test_timeout (a held lock: acquire(timeout=t) is False after ~t)
    @Test
    @Tag("cpython")
    void test_timeout_timedAcquireOfHeldLockReturnsFalseAfterTimeout() throws InterruptedException {
        ProcessLock lock = ProcessLock.create();
        Duration timeout = Duration.ofMillis(200);
        lock.acquire();
        try (TestThreads bunch = TestThreads.start(1, i -> {
            long start = System.nanoTime();
            assertFalse(lock.tryAcquire(timeout));
            assertTimeout(since(start), timeout);
        })) {
            bunch.join();
        } finally {
            lock.release();
        }
    }

    @Test
    void hugeTimeoutSaturatesAndWaitsUntilReleased() throws InterruptedException {
        ProcessLock lock = ProcessLock.create();
        lock.acquire();
        AtomicBoolean got = new AtomicBoolean();
        try (TestThreads bunch = TestThreads.start(1, i -> {
            got.set(lock.tryAcquire(Duration.ofSeconds(Long.MAX_VALUE)));
            lock.release();
        })) {
            Waits.awaitState(bunch.thread(0), Thread.State.TIMED_WAITING);
            assertFalse(got.get());
            lock.release();
            bunch.join();
        }
        assertTrue(got.get(), "an overflowing timeout must mean 'practically forever', not 'expired'");
    }

    @Test
    void blockedAcquireThrowsInterruptedExceptionAndClearsStatus() throws InterruptedException {
        ProcessLock lock = ProcessLock.create();
        lock.acquire();
        try (TestThreads bunch = TestThreads.start(2, i -> {
            try {
                if (i == 0) {
                    lock.acquire();
                } else {
                    lock.tryAcquire(Duration.ofMinutes(5));
                }
                fail("acquired a held lock");
            } catch (InterruptedException expected) {
                assertFalse(Thread.currentThread().isInterrupted(), "interrupt status must be cleared");
            }
        })) {
            bunch.awaitParked();
            bunch.threads().forEach(Thread::interrupt);
            bunch.join();
        } finally {
            lock.release();
        }
        assertFreeFromAnotherThread(lock);
    }

    @Test
    void acquireWhenAlreadyInterruptedThrowsWithoutAcquiring() throws InterruptedException {
        ProcessLock lock = ProcessLock.create();
        try (TestThreads bunch = TestThreads.start(1, i -> {
            Thread.currentThread().interrupt();
            assertThrows(InterruptedException.class, lock::acquire);
            assertFalse(Thread.currentThread().isInterrupted());
            Thread.currentThread().interrupt();
            assertThrows(InterruptedException.class, () -> lock.tryAcquire(Duration.ofSeconds(1)));
            assertFalse(Thread.currentThread().isInterrupted());
        })) {
            bunch.join();
        }
        assertFreeFromAnotherThread(lock);
    }

    // ------------------------------------------------------------------ lock_tests.LockTests

    // CPython: lock_tests.LockTests.test_locked; _TestLock.test_lock
    @Test
    @Tag("cpython")
    void test_lock_acquireTryAcquireLockedAndRelease() throws InterruptedException {
        ProcessLock lock = ProcessLock.create();
        assertFalse(lock.isLocked());
        lock.acquire();
        assertTrue(lock.isLocked());
        assertFalse(lock.tryAcquire());
        assertTrue(lock.isHolderAlive());
        lock.release();
        assertFalse(lock.isLocked());
        assertFalse(lock.isHolderAlive());
    }

    // CPython: lock_tests.LockTests.test_reacquire
    @Test
    @Tag("cpython")
    void test_reacquire_blocksUntilAnotherThreadReleases() throws InterruptedException {
        ProcessLock lock = ProcessLock.create();
        AtomicInteger phase = new AtomicInteger();
        try (TestThreads bunch = TestThreads.start(1, i -> {
            lock.acquire();
            phase.incrementAndGet();
            lock.acquire(); // no owner: the holder blocks like anyone else
            phase.incrementAndGet();
        })) {
            Waits.awaitTrue("the first acquire", () -> phase.get() == 1);
            Waits.awaitParked(bunch.thread(0));
            assertEquals(1, phase.get());
            lock.release(); // released by another thread than the one that acquired
            bunch.join();
        }
        assertEquals(2, phase.get());
        assertTrue(lock.isLocked());
        lock.release();
        assertFalse(lock.isLocked());
    }

    // CPython: lock_tests.LockTests.test_different_thread
    @Test
    @Tag("cpython")
    void test_different_thread_anotherThreadMayRelease() throws InterruptedException {
        ProcessLock lock = ProcessLock.create();
        try (TestThreads bunch = TestThreads.start(1, i -> lock.acquire())) {
            bunch.join();
        }
        assertTrue(lock.isLocked());
        lock.release();
        assertFalse(lock.isLocked());
        assertFreeFromAnotherThread(lock);
    }

    // CPython: lock_tests.LockTests.test_state_after_timeout (bpo-11618)
    @Test
    @Tag("cpython")
    void test_state_after_timeout_failedTimedAcquireLeavesLockUsable() throws InterruptedException {
        ProcessLock lock = ProcessLock.create();
        lock.acquire();
        try (TestThreads bunch = TestThreads.start(1, i -> assertFalse(lock.tryAcquire(Duration.ofMillis(10))))) {
            bunch.join();
        }
        lock.release();
        assertFalse(lock.isLocked());
        assertTrue(lock.tryAcquire());
        lock.release();
    }

    // CPython: _TestLock.test_lock (release of an unlocked Lock raises; ValueError there)
    @Test
    @Tag("cpython")
    void test_lock_releasingAnUnlockedLockThrowsIllegalMonitorState() throws InterruptedException {
        ProcessLock lock = ProcessLock.create();
        IllegalMonitorStateException e = assertThrows(IllegalMonitorStateException.class, lock::release);
        assertEquals("cannot release un-acquired lock", e.getMessage());
        lock.acquire();
        lock.release();
        assertThrows(IllegalMonitorStateException.class, lock::release);
        assertFalse(lock.isLocked());
    }

    // ------------------------------------------------------------------ between JVMs

    // CPython: _TestLock.test_lock_locked_2processes
    @Test
    @Tag("cpython")
    void test_lock_locked_2processes_lockHeldByAChildIsLockedInTheParent() throws Exception {
        ProcessLock lock = ProcessLock.create();
        try (ShmChild child = ShmChild.start("hold", lock)) {
            child.expect("held");
            assertTrue(lock.isLocked());
            assertFalse(lock.tryAcquire());
            assertTrue(lock.isHolderAlive());
            assertEquals("ProcessLock[locked by pid " + child.pid() + "]", lock.toString());
            child.go();
            child.awaitDone();
        }
        assertFalse(lock.isLocked());
        assertTrue(lock.tryAcquire());
        lock.release();
    }

    @Test
    void childWaitsForTheParentsRelease() throws Exception {
        ProcessLock lock = ProcessLock.create();
        lock.acquire();
        try (ShmChild child = ShmChild.start("acquire", lock)) {
            try {
                child.expect("waiting");
                assertTrue(child.staysSilent(Waits.STAYS_BLOCKED), "the child acquired a held lock");
            } finally {
                lock.release();
            }
            child.expect("acquired");
            child.awaitDone();
        }
        assertFalse(lock.isLocked());
    }

    @Test
    void twoJvmsIncrementingUnderTheLockLoseNothing() throws Exception {
        int each = 100_000;
        SharedValue value = SharedValue.ofLong(0);
        ProcessLock lock = value.lock();
        try (ShmChild child = ShmChild.start("lockedAdd", value, each)) {
            child.expect("ready");
            child.go();
            for (int i = 0; i < each; i++) {
                lock.acquire();
                try {
                    value.set(value.get() + 1); // read-modify-write: exact only under mutual exclusion
                } finally {
                    lock.release();
                }
            }
            child.awaitDone();
        }
        assertEquals(2L * each, value.get());
        assertFalse(lock.isLocked());
    }

    @Test
    void lockOfAKilledHolderStaysHeldAndSaysItsHolderIsDead() throws Exception {
        ProcessLock lock = ProcessLock.create();
        long holder;
        try (ShmChild child = ShmChild.start("holdForever", lock)) {
            child.expect("held");
            holder = child.pid();
            child.kill();
        }
        assertTrue(lock.isLocked(), "nobody released it");
        assertFalse(lock.isHolderAlive());
        assertFalse(lock.tryAcquire(Duration.ofMillis(20)));
        assertEquals("ProcessLock[locked by pid " + holder + "]", lock.toString());
        lock.release(); // no owner: whoever decides the lock is abandoned may release it
        assertTrue(lock.tryAcquire());
        lock.release();
    }
}

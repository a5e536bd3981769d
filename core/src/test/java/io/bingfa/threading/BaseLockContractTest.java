package io.bingfa.threading;

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
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The contract every lock-like type keeps, whatever backs it: lock_tests.py's {@code BaseLockTests}
 * plus the JVM conventions (interrupts, {@code Duration} timeouts). A subclass supplies the factory;
 * the tests use only {@link Acquirable}.
 *
 * @param <L> the lock type
 */
// try (Held held = lock.hold()) is Python's with-block; the resource is used only to release.
@SuppressWarnings("try")
@Timeout(60)
public abstract class BaseLockContractTest<L extends Acquirable> {
    /** A new, unlocked lock. */
    protected abstract L newLock();

    /** In another thread: the lock can be taken (and is released again). */
    protected final void assertFreeFromAnotherThread(L lock) throws InterruptedException {
        try (TestThreads bunch = TestThreads.start(1, i -> {
            assertTrue(lock.tryAcquire(), "lock should be free");
            lock.release();
        })) {
            bunch.join();
        }
    }

    /** In another thread: the lock cannot be taken. */
    protected final void assertTakenFromAnotherThread(L lock) throws InterruptedException {
        try (TestThreads bunch = TestThreads.start(1, i -> assertFalse(lock.tryAcquire(), "lock should be taken"))) {
            bunch.join();
        }
    }

    // CPython: lock_tests.BaseLockTests.test_constructor
    @Test
    @Tag("cpython")
    void test_constructor_createsUnlockedLock() throws InterruptedException {
        L lock = newLock();
        assertNotNull(lock);
        assertFreeFromAnotherThread(lock);
    }

    // CPython: lock_tests.BaseLockTests.test_acquire_destroy, test_weakref_deleted
    @Test
    @Tag("cpython")
    void test_acquire_destroy_heldLockIsCollectedWhenDropped() throws InterruptedException {
        L lock = newLock();
        lock.acquire();
        WeakReference<L> ref = new WeakReference<>(lock);
        lock = null;
        Waits.awaitCollected(ref);
    }

    // CPython: lock_tests.BaseLockTests.test_weakref_exists, test_weakref_deleted
    @Test
    @Tag("cpython")
    void test_weakref_deleted_contendedLockIsCollectedAfterUse() throws InterruptedException {
        WeakReference<L> ref = contendedOnce();
        Waits.awaitCollected(ref);
    }

    /** Uses a new lock with two blocked waiters; returns only a weak reference to it. */
    private WeakReference<L> contendedOnce() throws InterruptedException {
        L lock = newLock();
        lock.acquire();
        try (TestThreads bunch = TestThreads.start(2, i -> {
            lock.acquire();
            lock.release();
        })) {
            bunch.awaitParked();
            lock.release();
            bunch.join();
        }
        WeakReference<L> ref = new WeakReference<>(lock);
        assertNotNull(ref.get());
        return ref;
    }

    // CPython: lock_tests.BaseLockTests.test_acquire_release
    @Test
    @Tag("cpython")
    void test_acquire_release_canBeRepeated() throws InterruptedException {
        L lock = newLock();
        lock.acquire();
        lock.release();
        lock.acquire();
        lock.release();
        assertFreeFromAnotherThread(lock);
    }

    // CPython: lock_tests.BaseLockTests.test_repr, test_locked_repr
    @Test
    @Tag("cpython")
    void test_repr_showsLockedOrUnlocked() throws InterruptedException {
        L lock = newLock();
        assertTrue(lock.toString().matches("(?s).*\\bunlocked\\b.*"), lock.toString());
        lock.acquire();
        try {
            assertTrue(lock.toString().matches("(?s).*\\blocked\\b.*"), lock.toString());
            assertFalse(lock.toString().contains("unlocked"), lock.toString());
        } finally {
            lock.release();
        }
        assertTrue(lock.toString().contains("unlocked"), lock.toString());
    }

    // CPython: lock_tests.BaseLockTests.test_try_acquire
    @Test
    @Tag("cpython")
    void test_try_acquire_succeedsOnFreeLock() throws InterruptedException {
        L lock = newLock();
        assertTrue(lock.tryAcquire());
        lock.release();
        assertTrue(lock.tryAcquire(Duration.ZERO));
        lock.release();
    }

    // CPython: lock_tests.BaseLockTests.test_try_acquire_contended
    @Test
    @Tag("cpython")
    void test_try_acquire_contended_failsAtOnceInAnotherThread() throws InterruptedException {
        L lock = newLock();
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
        L lock = newLock();
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

    // CPython: lock_tests.BaseLockTests.test_with
    @Test
    @Tag("cpython")
    void test_with_holdReleasesOnExitAndOnException() throws InterruptedException {
        L lock = newLock();
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

    // CPython: lock_tests.BaseLockTests.test_thread_leak
    @Test
    @Tag("cpython")
    void test_thread_leak_usersOfTheLockDoNotStayInEnumerate() throws InterruptedException {
        L lock = newLock();
        List<Thread> used;
        try (TestThreads bunch = TestThreads.start(15, i -> {
            lock.acquire();
            lock.release();
        })) {
            bunch.join();
            used = bunch.threads();
        }
        List<Thread> live = Threads.enumerate();
        for (Thread thread : used) {
            assertFalse(live.contains(thread), thread + " still enumerated");
        }
    }

    // CPython: lock_tests.BaseLockTests.test_timeout (negative timeouts are ValueError)
    @Test
    @Tag("cpython")
    void test_timeout_negativeTimeoutIsIllegalArgument() {
        L lock = newLock();
        assertThrows(IllegalArgumentException.class, () -> lock.tryAcquire(Duration.ofSeconds(-100)));
        assertThrows(IllegalArgumentException.class, () -> lock.tryAcquire(Duration.ofNanos(-1)));
        assertThrows(NullPointerException.class, () -> lock.tryAcquire(null));
    }

    // CPython: lock_tests.BaseLockTests.test_timeout (TIMEOUT_MAX on a free lock; 5 s on a free lock)
    @Test
    @Tag("cpython")
    void test_timeout_longTimeoutOnFreeLockSucceedsAtOnce() throws InterruptedException {
        L lock = newLock();
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
        L lock = newLock();
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
        L lock = newLock();
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
        L lock = newLock();
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
        L lock = newLock();
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
}

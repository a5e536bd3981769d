package io.bingfa.threading;

import static io.bingfa.testing.Waits.assertTimeout;
import static io.bingfa.testing.Waits.since;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.bingfa.testing.TestThreads;
import io.bingfa.testing.Waits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The contract of a counting semaphore, whatever backs it: lock_tests.py's
 * {@code BaseSemaphoreTests} plus the JVM conventions. A subclass supplies the factories and
 * {@code release(n)}; the tests use only {@link Acquirable} otherwise.
 *
 * @param <S> the semaphore type
 */
// try (Held held = lock.hold()) is Python's with-block; the resource is used only to release.
@SuppressWarnings("try")
@Timeout(60)
abstract class SemaphoreContractTest<S extends Acquirable> {
    /** A semaphore with {@code value} permits. */
    protected abstract S newSemaphore(int value);

    /** A semaphore with the default number of permits. */
    protected abstract S newSemaphore();

    /** Gives back {@code n} permits at once ({@code release(n)}). */
    protected abstract void release(S semaphore, int n);

    // CPython: lock_tests.BaseSemaphoreTests.test_constructor
    @Test
    @Tag("cpython")
    void test_constructor_negativeValueIsIllegalArgument() {
        assertThrows(IllegalArgumentException.class, () -> newSemaphore(-1));
        assertThrows(IllegalArgumentException.class, () -> newSemaphore(Integer.MIN_VALUE));
        newSemaphore(0);
        newSemaphore(1);
    }

    // CPython: lock_tests.BaseSemaphoreTests.test_acquire
    @Test
    @Tag("cpython")
    void test_acquire_takesPermitsUntilNoneLeft() throws InterruptedException {
        S sem = newSemaphore(2);
        sem.acquire();
        sem.acquire();
        assertFalse(sem.tryAcquire());
        sem.release();
        sem.acquire();
        sem.release();
        sem.release();
    }

    // CPython: lock_tests.BaseSemaphoreTests.test_acquire_destroy
    @Test
    @Tag("cpython")
    void test_acquire_destroy_droppingAnAcquiredSemaphoreIsHarmless() throws InterruptedException {
        S sem = newSemaphore();
        sem.acquire();
        sem = null;
        assertTrue(newSemaphore().tryAcquire());
    }

    // CPython: lock_tests.BaseSemaphoreTests.test_acquire_contended
    @Test
    @Tag("cpython")
    void test_acquire_contended_exactlyAsManyPassAsReleased() throws InterruptedException {
        checkContended(true);
    }

    // CPython: lock_tests.BaseSemaphoreTests.test_multirelease (3.9+)
    @Test
    @Tag("cpython")
    void test_multirelease_releaseNWakesNWaiters() throws InterruptedException {
        checkContended(false);
    }

    /**
     * Semaphore(7), the test thread takes one, 10 threads acquire twice each. Exactly 6 get in;
     * then each batch of releases lets exactly that many more in; every blocking acquire succeeds.
     */
    private void checkContended(boolean oneByOne) throws InterruptedException {
        S sem = newSemaphore(7);
        sem.acquire();
        IntConsumer releaseN = n -> {
            if (!oneByOne) {
                release(sem, n);
                return;
            }
            for (int i = 0; i < n; i++) {
                sem.release();
            }
        };
        AtomicInteger phase = new AtomicInteger();
        List<Integer> results = Collections.synchronizedList(new ArrayList<>());
        try (TestThreads bunch = TestThreads.start(10, i -> {
            sem.acquire();
            results.add(phase.get());
            sem.acquire();
            results.add(phase.get());
        })) {
            awaitPassed(bunch, results, 6);
            assertEquals(Collections.nCopies(6, 0), results);

            phase.set(1);
            releaseN.accept(7);
            awaitPassed(bunch, results, 13);
            assertEquals(Collections.nCopies(7, 1), results.subList(6, 13));

            phase.set(2);
            releaseN.accept(6);
            awaitPassed(bunch, results, 19);
            assertEquals(Collections.nCopies(6, 2), results.subList(13, 19));
            assertFalse(sem.tryAcquire(), "every permit is taken");

            releaseN.accept(1); // lets the last acquire through so every thread ends
            bunch.join();
        }
        assertEquals(20, results.size());
    }

    /** Waits until {@code count} acquires got through and every unfinished thread is parked. */
    private static void awaitPassed(TestThreads bunch, List<Integer> results, int count) {
        Waits.awaitTrue(count + " acquisitions", () -> results.size() >= count);
        for (Thread thread : bunch.threads()) {
            Waits.awaitState(thread, Thread.State.WAITING, Thread.State.TERMINATED);
        }
        assertEquals(count, results.size(), "exactly as many acquisitions as permits");
    }

    // CPython: lock_tests.BaseSemaphoreTests.test_try_acquire
    @Test
    @Tag("cpython")
    void test_try_acquire_succeedsWhilePermitsRemain() throws InterruptedException {
        S sem = newSemaphore(2);
        assertTrue(sem.tryAcquire());
        assertTrue(sem.tryAcquire());
        assertFalse(sem.tryAcquire());
        sem.release();
        assertTrue(sem.tryAcquire());
    }

    // CPython: lock_tests.BaseSemaphoreTests.test_try_acquire_contended
    @Test
    @Tag("cpython")
    void test_try_acquire_contended_exactlyTheFreePermitsAreTaken() throws InterruptedException {
        S sem = newSemaphore(4);
        sem.acquire();
        List<Boolean> results = Collections.synchronizedList(new ArrayList<>());
        try (TestThreads bunch = TestThreads.start(5, i -> {
            results.add(sem.tryAcquire());
            results.add(sem.tryAcquire());
        })) {
            bunch.join();
        }
        assertEquals(3, results.stream().filter(b -> b).count());
        assertEquals(7, results.stream().filter(b -> !b).count());
    }

    // CPython: lock_tests.BaseSemaphoreTests.test_acquire_timeout
    @Test
    @Tag("cpython")
    void test_acquire_timeout_timedAcquireReturnsFalseAfterTimeout() throws InterruptedException {
        S sem = newSemaphore(2);
        assertTrue(sem.tryAcquire(Duration.ofMillis(5)));
        assertTrue(sem.tryAcquire(Duration.ofMillis(5)));
        assertFalse(sem.tryAcquire(Duration.ofMillis(5)));
        sem.release();
        assertTrue(sem.tryAcquire(Duration.ofMillis(5)));
        Duration timeout = Duration.ofMillis(200);
        long start = System.nanoTime();
        assertFalse(sem.tryAcquire(timeout));
        assertTimeout(since(start), timeout);
    }

    // CPython: lock_tests.BaseSemaphoreTests.test_default_value
    @Test
    @Tag("cpython")
    void test_default_value_isOnePermit() throws InterruptedException {
        S sem = newSemaphore();
        sem.acquire();
        AtomicBoolean got = new AtomicBoolean();
        try (TestThreads bunch = TestThreads.start(1, i -> {
            sem.acquire();
            got.set(true);
            sem.release();
        })) {
            Waits.awaitParked(bunch.thread(0));
            assertFalse(got.get());
            sem.release();
            bunch.join();
        }
        assertTrue(got.get());
    }

    // CPython: lock_tests.BaseSemaphoreTests.test_with
    @Test
    @Tag("cpython")
    void test_with_holdTakesAndGivesBackAlsoOnException() throws InterruptedException {
        S sem = newSemaphore(2);
        try (Held held = sem.hold()) {
            assertTrue(sem.tryAcquire());
            assertFalse(sem.tryAcquire());
            sem.release();
        }
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> {
            try (Held held = sem.hold()) {
                assertTrue(sem.tryAcquire());
                assertFalse(sem.tryAcquire());
                throw new IllegalStateException("in the body");
            }
        });
        assertEquals("in the body", thrown.getMessage());
        assertTrue(sem.tryAcquire(), "the permit taken by hold() is back");
        assertFalse(sem.tryAcquire());
    }

    // CPython: lock_tests.BaseSemaphoreTests.test_multirelease (argument check: n must be >= 1)
    @Test
    @Tag("cpython")
    void test_multirelease_countBelowOneIsIllegalArgument() {
        S sem = newSemaphore(1);
        assertThrows(IllegalArgumentException.class, () -> release(sem, 0));
        assertThrows(IllegalArgumentException.class, () -> release(sem, -1));
        assertTrue(sem.tryAcquire());
        assertFalse(sem.tryAcquire(), "a refused release gives back nothing");
    }

    @Test
    void negativeTimeoutIsIllegalArgument() {
        S sem = newSemaphore(1);
        assertThrows(IllegalArgumentException.class, () -> sem.tryAcquire(Duration.ofMillis(-1)));
        assertTrue(sem.tryAcquire(), "a refused call takes no permit");
    }

    @Test
    void hugeTimeoutSaturatesAndWaitsUntilReleased() throws InterruptedException {
        S sem = newSemaphore(1);
        sem.acquire();
        AtomicBoolean got = new AtomicBoolean();
        try (TestThreads bunch = TestThreads.start(1, i -> got.set(sem.tryAcquire(Duration.ofSeconds(Long.MAX_VALUE))))) {
            Waits.awaitState(bunch.thread(0), Thread.State.TIMED_WAITING);
            assertFalse(got.get());
            sem.release();
            bunch.join();
        }
        assertTrue(got.get());
    }

    @Test
    void blockedAcquireThrowsInterruptedExceptionAndClearsStatus() throws InterruptedException {
        S sem = newSemaphore(1);
        sem.acquire();
        try (TestThreads bunch = TestThreads.start(2, i -> {
            try {
                if (i == 0) {
                    sem.acquire();
                } else {
                    sem.tryAcquire(Duration.ofMinutes(5));
                }
                fail("acquired without a permit");
            } catch (InterruptedException expected) {
                assertFalse(Thread.currentThread().isInterrupted());
            }
        })) {
            bunch.awaitParked();
            bunch.threads().forEach(Thread::interrupt);
            bunch.join();
        }
        sem.release();
        assertTrue(sem.tryAcquire(), "the interrupted waiters took no permit");
        assertFalse(sem.tryAcquire());
    }

    @Test
    void acquireWhenAlreadyInterruptedThrows() throws InterruptedException {
        S sem = newSemaphore(1);
        try (TestThreads bunch = TestThreads.start(1, i -> {
            Thread.currentThread().interrupt();
            assertThrows(InterruptedException.class, sem::acquire);
            assertFalse(Thread.currentThread().isInterrupted());
        })) {
            bunch.join();
        }
        assertTrue(sem.tryAcquire());
    }
}

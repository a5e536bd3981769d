package io.bingfa.threading;

import static io.bingfa.testing.Waits.assertTimeout;
import static io.bingfa.testing.Waits.since;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.bingfa.Action;
import io.bingfa.testing.TestThreads;
import io.bingfa.testing.TestThreads.IndexedAction;
import io.bingfa.testing.Waits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link Condition} against lock_tests.py's {@code ConditionTests}, plus what CPython relies on
 * without a dedicated test: FIFO wake order, exact {@code signal(n)}, no spurious wake-ups.
 *
 * <p>How a test knows a waiter is enqueued: the waiter counts down a latch while holding the
 * condition's lock and then calls {@code await}; once the test thread can acquire the lock after
 * the latch, the waiter has released it inside {@code await}, so it is in the wait queue.
 */
// try (Held held = lock.hold()) is Python's with-block; the resource is used only to release.
@SuppressWarnings("try")
@Timeout(60)
class ConditionTest {
    private static final Duration LONG = Duration.ofMinutes(5);

    /** The two kinds of condition, by the parameter name used in the parameterized tests. */
    private static Condition newCondition(String kind) {
        return switch (kind) {
            case "RLock" -> new Condition();
            case "Lock" -> new Condition(new Lock());
            default -> throw new IllegalArgumentException(kind);
        };
    }

    /** Starts a waiter in {@code threads} and returns its thread once it is enqueued. */
    private static Thread startEnqueuedWaiter(TestThreads threads, Condition cond, String name,
            Action afterLatch) throws InterruptedException {
        CountDownLatch aboutToWait = new CountDownLatch(1);
        Thread waiter = threads.run(name, () -> {
            cond.acquire();
            try {
                aboutToWait.countDown();
                afterLatch.run();
            } finally {
                cond.release();
            }
        }).thread();
        aboutToWait.await();
        cond.acquire(); // succeeds only once the waiter has released the lock inside await
        cond.release();
        return waiter;
    }

    /**
     * Starts a waiter in a group of its own and returns once it is enqueued; if that fails, the
     * waiter is joined before the failure propagates.
     */
    private static TestThreads startEnqueuedWaiter(Condition cond, String name, IndexedAction afterLatch)
            throws InterruptedException {
        TestThreads waiter = new TestThreads();
        try {
            startEnqueuedWaiter(waiter, cond, name, () -> afterLatch.run(0));
        } catch (Throwable failure) {
            try {
                waiter.close();
            } catch (Throwable closeFailure) {
                failure.addSuppressed(closeFailure);
            }
            throw failure;
        }
        return waiter;
    }

    // CPython: lock_tests.ConditionTests.test_acquire
    @Test
    @Tag("cpython")
    void test_acquire_defaultIsReentrantAndGivenLockIsShared() throws InterruptedException {
        Condition cond = new Condition();
        cond.acquire();
        cond.acquire();
        cond.release();
        cond.release();

        Lock lock = new Lock();
        Condition shared = new Condition(lock);
        assertSame(lock, shared.lock());
        shared.acquire();
        assertFalse(lock.tryAcquire());
        shared.release();
        assertTrue(lock.tryAcquire());
        assertFalse(shared.tryAcquire());
        lock.release();
        try (Held held = shared.hold()) {
            assertFalse(lock.tryAcquire());
        }
        assertFalse(lock.isLocked());

        RLock rlock = new RLock();
        Condition overRLock = new Condition(rlock);
        try (Held held = overRLock.hold()) {
            assertTrue(rlock.isOwnedByCurrentThread());
        }
        assertFalse(rlock.isLocked());
    }

    // CPython: lock_tests.ConditionTests.test_unacquired_wait; RLockTests.test_release_save_unacquired
    @ParameterizedTest
    @ValueSource(strings = {"RLock", "Lock"})
    @Tag("cpython")
    void test_unacquired_wait_throwsIllegalMonitorState(String kind) {
        Condition cond = newCondition(kind);
        IllegalMonitorStateException e =
                assertThrows(IllegalMonitorStateException.class, cond::await);
        assertEquals("cannot wait on un-acquired lock", e.getMessage());
        assertThrows(IllegalMonitorStateException.class, () -> cond.await(Duration.ofSeconds(1)));
        assertThrows(IllegalMonitorStateException.class, () -> cond.awaitUntil(() -> false));
    }

    // CPython: lock_tests.RLockTests.test_release_save_unacquired (a wait on an RLock another thread owns)
    @Test
    @Tag("cpython")
    void test_release_save_unacquired_waitOnRLockOwnedByAnotherThreadThrows() throws InterruptedException {
        Condition cond = new Condition();
        cond.acquire();
        try (TestThreads bunch = TestThreads.start(1, i -> {
            assertThrows(IllegalMonitorStateException.class, cond::await);
            assertThrows(IllegalMonitorStateException.class, cond::signal);
        })) {
            bunch.join();
        } finally {
            cond.release();
        }
    }

    // CPython: lock_tests.ConditionTests.test_unacquired_notify
    @ParameterizedTest
    @ValueSource(strings = {"RLock", "Lock"})
    @Tag("cpython")
    void test_unacquired_notify_throwsIllegalMonitorState(String kind) {
        Condition cond = newCondition(kind);
        IllegalMonitorStateException e =
                assertThrows(IllegalMonitorStateException.class, cond::signal);
        assertEquals("cannot notify on un-acquired lock", e.getMessage());
        assertThrows(IllegalMonitorStateException.class, () -> cond.signal(3));
        assertThrows(IllegalMonitorStateException.class, cond::signalAll);
    }

    // CPython: lock_tests.ConditionTests.test_notify
    @ParameterizedTest
    @ValueSource(strings = {"RLock", "Lock"})
    @Tag("cpython")
    void test_notify_wakesExactlyNAndOnlyAfterTheNotifierReleases(String kind) throws InterruptedException {
        Condition cond = newCondition(kind);
        checkNotify(cond);
        checkNotify(cond); // the same condition works again
    }

    /** A waiter's result: what await returned and the phase it saw once it held the lock again. */
    private record Woken(boolean result, int phase) {}

    /**
     * 5 threads wait twice each. signal(3) wakes exactly 3 of the first waits; signal(5) wakes the
     * other 2 first waits and 3 second waits; signalAll() the last 2. The phase is changed after
     * signalling while the lock is still held, so a woken waiter that sees the new phase proves it
     * went on only after the signaller released.
     */
    private static void checkNotify(Condition cond) throws InterruptedException {
        int n = 5;
        AtomicInteger phase = new AtomicInteger();
        AtomicInteger ready = new AtomicInteger();
        List<Woken> results1 = Collections.synchronizedList(new ArrayList<>());
        List<Woken> results2 = Collections.synchronizedList(new ArrayList<>());
        try (TestThreads bunch = TestThreads.start(n, i -> {
            for (List<Woken> results : List.of(results1, results2)) {
                cond.acquire();
                try {
                    ready.incrementAndGet();
                    boolean result;
                    if (i % 2 == 0) {
                        cond.await();
                        result = true;
                    } else {
                        result = cond.await(LONG);
                    }
                    results.add(new Woken(result, phase.get()));
                } finally {
                    cond.release();
                }
            }
        })) {
            awaitReadyAndEnqueued(cond, ready, n);
            assertEquals(List.of(), results1);

            cond.acquire();
            cond.signal(3);
            phase.set(1);
            cond.release();
            Waits.awaitTrue("3 woken", () -> results1.size() >= 3);
            awaitReadyAndEnqueued(cond, ready, n + 3);
            assertEquals(Collections.nCopies(3, new Woken(true, 1)), results1);
            assertEquals(List.of(), results2);

            cond.acquire();
            cond.signal(5);
            phase.set(2);
            cond.release();
            Waits.awaitTrue("8 woken", () -> results1.size() + results2.size() >= 8);
            awaitReadyAndEnqueued(cond, ready, 2 * n);
            List<Woken> expected1 = new ArrayList<>(Collections.nCopies(3, new Woken(true, 1)));
            expected1.addAll(Collections.nCopies(2, new Woken(true, 2)));
            assertEquals(expected1, results1);
            assertEquals(Collections.nCopies(3, new Woken(true, 2)), results2);

            cond.acquire();
            cond.signalAll();
            phase.set(3);
            cond.release();
            bunch.join();
        }
        List<Woken> expected2 = new ArrayList<>(Collections.nCopies(3, new Woken(true, 2)));
        expected2.addAll(Collections.nCopies(2, new Woken(true, 3)));
        assertEquals(expected2, results2);
    }

    /** Waits until {@code count} waits have begun, then proves they are enqueued (see class doc). */
    private static void awaitReadyAndEnqueued(Condition cond, AtomicInteger ready, int count)
            throws InterruptedException {
        Waits.awaitTrue(count + " waits begun", () -> ready.get() >= count);
        cond.acquire();
        cond.release();
    }

    @ParameterizedTest
    @ValueSource(strings = {"RLock", "Lock"})
    void signalWakesWaitersInFifoOrderAndExactlyN(String kind) throws InterruptedException {
        Condition cond = newCondition(kind);
        List<Integer> woken = Collections.synchronizedList(new ArrayList<>());
        try (TestThreads waiters = new TestThreads()) {
            for (int i = 0; i < 5; i++) {
                int index = i;
                startEnqueuedWaiter(waiters, cond, "fifo" + i, () -> {
                    assertTrue(cond.await(LONG));
                    woken.add(index);
                });
            }
            int[] batches = {1, 2, 1, 1};
            int expectedSoFar = 0;
            for (int batch : batches) {
                cond.acquire();
                cond.signal(batch);
                cond.release();
                expectedSoFar += batch;
                int target = expectedSoFar;
                Waits.awaitTrue(target + " woken", () -> woken.size() >= target);
                // Holding the lock, no further waiter can return; the rest must still be waiting.
                cond.acquire();
                try {
                    assertEquals(target, woken.size(), "signal(" + batch + ") woke more than " + batch);
                    // Woken together, they race for the lock; but they must be the longest waiting.
                    assertEquals(IntStream.range(0, target).boxed().collect(Collectors.toSet()),
                            Set.copyOf(woken), "signal wakes the longest-waiting threads first");
                    for (int i = target; i < 5; i++) {
                        assertTrue(waiters.thread(i).isAlive());
                    }
                } finally {
                    cond.release();
                }
            }
            waiters.join();
        }
        assertEquals(0, woken.get(0));
        assertEquals(Set.of(1, 2), Set.copyOf(woken.subList(1, 3)));
        assertEquals(List.of(3, 4), woken.subList(3, 5));
    }

    @Test
    void signalWithoutWaitersIsANoOpAndSignalCountIsChecked() throws InterruptedException {
        Condition cond = new Condition();
        try (Held held = cond.hold()) {
            cond.signal();
            cond.signal(0);
            cond.signal(10);
            cond.signalAll();
            assertThrows(IllegalArgumentException.class, () -> cond.signal(-1));
        }
        AtomicBoolean returned = new AtomicBoolean();
        try (TestThreads waiter = startEnqueuedWaiter(cond, "late", i -> {
            cond.await();
            returned.set(true);
        })) {
            Waits.awaitParked(waiter.thread(0));
            assertFalse(returned.get(), "an earlier signal with no waiter must not be remembered");
            try (Held held = cond.hold()) {
                cond.signal();
            }
            waiter.join();
        }
        assertTrue(returned.get());
    }

    @ParameterizedTest
    @ValueSource(strings = {"RLock", "Lock"})
    void noSpuriousWakeUpsEvenWhenWaitersAreUnparked(String kind) throws InterruptedException {
        Condition cond = newCondition(kind);
        int n = 4;
        AtomicInteger returned = new AtomicInteger();
        try (TestThreads waiters = new TestThreads()) {
            for (int i = 0; i < n; i++) {
                startEnqueuedWaiter(waiters, cond, "unparked" + i, () -> {
                    assertTrue(cond.await(LONG));
                    returned.incrementAndGet();
                });
            }
            for (int round = 0; round < 50; round++) {
                for (Thread waiter : waiters.threads()) {
                    LockSupport.unpark(waiter); // what a spurious wake-up looks like
                }
            }
            cond.acquire();
            try {
                // A waiter that wrongly left its wait would now block re-acquiring the lock.
                for (Thread waiter : waiters.threads()) {
                    Waits.awaitParkedIn(waiter, "doAwait", "acquire");
                }
                assertEquals(0, returned.get());
                cond.signalAll();
            } finally {
                cond.release();
            }
            waiters.join();
        }
        assertEquals(n, returned.get());
    }

    @Test
    void timedWaitIsNotEndedEarlyByUnparking() throws InterruptedException {
        Condition cond = new Condition();
        Duration timeout = Duration.ofMillis(300);
        AtomicBoolean result = new AtomicBoolean(true);
        AtomicInteger elapsed = new AtomicInteger();
        try (TestThreads waiter = startEnqueuedWaiter(cond, "timed", i -> {
            long start = System.nanoTime();
            result.set(cond.await(timeout));
            elapsed.set((int) (since(start) / 1_000_000));
        })) {
            while (waiter.thread(0).isAlive()) {
                LockSupport.unpark(waiter.thread(0));
                Thread.onSpinWait();
            }
            waiter.join();
        }
        assertFalse(result.get());
        assertTimeout(Duration.ofMillis(elapsed.get()).toNanos() + 1_000_000, timeout);
    }

    // CPython: lock_tests.ConditionTests.test_timeout
    @Test
    @Tag("cpython")
    void test_timeout_timedWaitsReturnFalseAfterTimeout() throws InterruptedException {
        Condition cond = new Condition();
        Duration timeout = Duration.ofMillis(200);
        List<Boolean> results = Collections.synchronizedList(new ArrayList<>());
        try (TestThreads bunch = TestThreads.start(5, i -> {
            cond.acquire();
            try {
                long start = System.nanoTime();
                results.add(cond.await(timeout));
                assertTimeout(since(start), timeout);
                assertTrue(((RLock) cond.lock()).isOwnedByCurrentThread());
            } finally {
                cond.release();
            }
        })) {
            bunch.join();
        }
        assertEquals(Collections.nCopies(5, false), results);
        try (Held held = cond.hold()) {
            assertFalse(cond.await(Duration.ZERO), "wait(0) without a signal is False at once");
        }
    }

    @Test
    void signalAfterTheFirstWaiterTimedOutWakesTheNextWaiterInstead() throws InterruptedException {
        Condition cond = new Condition();
        AtomicBoolean lateResult = new AtomicBoolean(true);
        AtomicBoolean patientResult = new AtomicBoolean();
        // "late" waits first, so FIFO order would hand it the signal if it still counted as waiting.
        try (TestThreads late = startEnqueuedWaiter(cond, "late", i ->
                        lateResult.set(cond.await(Duration.ofMillis(20))));
                TestThreads patient = startEnqueuedWaiter(cond, "patient", i ->
                        patientResult.set(cond.await(Duration.ofMinutes(1))))) {
            cond.acquire();
            try {
                // late's timeout has elapsed once it is parked re-acquiring the lock we hold.
                Waits.awaitParkedIn(late.thread(0), "acquire");
                cond.signal();
            } finally {
                cond.release();
            }
            late.join();
            patient.join();
        }
        assertFalse(lateResult.get(), "the waiter whose timeout elapsed reports the timeout");
        assertTrue(patientResult.get(), "the signal is not lost: it wakes the waiter still waiting");
    }

    @ParameterizedTest
    @ValueSource(strings = {"RLock", "Lock"})
    void interruptedWaiterHoldsTheLockAgainWhenTheExceptionArrives(String kind) throws InterruptedException {
        Condition cond = newCondition(kind);
        AtomicBoolean threw = new AtomicBoolean();
        CountDownLatch aboutToWait = new CountDownLatch(1);
        try (TestThreads waiter = TestThreads.start("interrupted", 1, i -> {
            cond.acquire();
            if (kind.equals("RLock")) {
                cond.acquire();
            }
            try {
                aboutToWait.countDown();
                cond.await();
                fail("await returned without a signal");
            } catch (InterruptedException expected) {
                threw.set(true);
                assertFalse(Thread.currentThread().isInterrupted(), "interrupt status must be cleared");
                if (cond.lock() instanceof RLock rlock) {
                    assertTrue(rlock.isOwnedByCurrentThread());
                    assertEquals(2, rlock.holdCount(), "every level of the RLock is restored");
                } else {
                    assertTrue(((Lock) cond.lock()).isLocked());
                }
            } finally {
                cond.release();
                if (kind.equals("RLock")) {
                    cond.release();
                }
            }
        })) {
            aboutToWait.await();
            cond.acquire();
            try {
                waiter.thread(0).interrupt();
                Waits.awaitParkedIn(waiter.thread(0), "acquire"); // re-acquiring inside the condition wait
                assertFalse(threw.get(), "must not throw before it holds the lock again");
            } finally {
                cond.release();
            }
            waiter.join();
        }
        assertTrue(threw.get());
    }

    @Test
    void waiterSignalledAndInterruptedReturnsTrueWithInterruptPending() throws InterruptedException {
        Condition cond = new Condition();
        AtomicBoolean interruptPending = new AtomicBoolean();
        try (TestThreads waiter = startEnqueuedWaiter(cond, "both", i -> {
            cond.await();
            interruptPending.set(Thread.interrupted());
        })) {
            cond.acquire();
            try {
                cond.signal();
                waiter.thread(0).interrupt();
            } finally {
                cond.release();
            }
            waiter.join();
        }
        assertTrue(interruptPending.get(), "the interrupt is kept for later, not lost");
    }

    @Test
    void awaitWhenAlreadyInterruptedThrowsStillHoldingTheLock() throws InterruptedException {
        Condition cond = new Condition();
        cond.acquire();
        try {
            Thread.currentThread().interrupt();
            assertThrows(InterruptedException.class, cond::await);
            assertFalse(Thread.currentThread().isInterrupted());
            assertTrue(((RLock) cond.lock()).isOwnedByCurrentThread());
        } finally {
            cond.release();
        }
    }

    @Test
    void waitRestoresEveryLevelOfTheRLock() throws InterruptedException {
        RLock lock = new RLock();
        Condition cond = new Condition(lock);
        AtomicInteger countAfter = new AtomicInteger();
        CountDownLatch aboutToWait = new CountDownLatch(1);
        try (TestThreads waiter = TestThreads.start(1, i -> {
            lock.acquire();
            lock.acquire();
            lock.acquire();
            aboutToWait.countDown();
            cond.await();
            countAfter.set(lock.holdCount());
            lock.release();
            lock.release();
            lock.release();
        })) {
            aboutToWait.await();
            try (Held held = cond.hold()) { // possible only because the wait released all 3 levels
                cond.signal();
            }
            waiter.join();
        }
        assertEquals(3, countAfter.get());
        assertFalse(lock.isLocked());
    }

    @Test
    void negativeTimeoutsAreIllegalArguments() throws InterruptedException {
        Condition cond = new Condition();
        try (Held held = cond.hold()) {
            assertThrows(IllegalArgumentException.class, () -> cond.await(Duration.ofMillis(-1)));
            assertThrows(IllegalArgumentException.class,
                    () -> cond.awaitUntil(() -> false, Duration.ofMillis(-1)));
            assertTrue(((RLock) cond.lock()).isOwnedByCurrentThread());
        }
    }

    @Test
    void hugeTimeoutSaturatesAndWaitsUntilSignalled() throws InterruptedException {
        Condition cond = new Condition();
        AtomicBoolean result = new AtomicBoolean();
        try (TestThreads waiter = startEnqueuedWaiter(cond, "huge", i ->
                result.set(cond.await(Duration.ofSeconds(Long.MAX_VALUE, 999_999_999))))) {
            Waits.awaitState(waiter.thread(0), Thread.State.TIMED_WAITING);
            assertFalse(result.get());
            try (Held held = cond.hold()) {
                cond.signal();
            }
            waiter.join();
        }
        assertTrue(result.get());
    }

    // CPython: lock_tests.ConditionTests.test_waitfor
    @Test
    @Tag("cpython")
    void test_waitfor_returnsTrueOnceThePredicateHolds() throws InterruptedException {
        Condition cond = new Condition();
        AtomicInteger state = new AtomicInteger();
        AtomicBoolean result = new AtomicBoolean();
        AtomicInteger seen = new AtomicInteger(-1);
        try (TestThreads waiter = startEnqueuedWaiter(cond, "waitfor", i -> {
            result.set(cond.awaitUntil(() -> state.get() == 4));
            seen.set(state.get());
        })) {
            for (int i = 1; i <= 4; i++) {
                try (Held held = cond.hold()) {
                    state.set(i);
                    cond.signal();
                }
            }
            waiter.join();
        }
        assertTrue(result.get());
        assertEquals(4, seen.get());
        try (Held held = cond.hold()) {
            assertTrue(cond.awaitUntil(() -> true, Duration.ZERO), "a true predicate does not wait");
        }
    }

    // CPython: lock_tests.ConditionTests.test_waitfor_timeout
    @Test
    @Tag("cpython")
    void test_waitfor_timeout_returnsFalseAfterTimeoutDespiteSignals() throws InterruptedException {
        Condition cond = new Condition();
        Duration timeout = Duration.ofMillis(200);
        AtomicBoolean result = new AtomicBoolean(true);
        AtomicInteger signalled = new AtomicInteger();
        try (TestThreads waiter = startEnqueuedWaiter(cond, "waitfor-timeout", i -> {
            long start = System.nanoTime();
            result.set(cond.awaitUntil(() -> false, timeout));
            assertTimeout(since(start), timeout);
        })) {
            for (int i = 0; i < 3; i++) {
                try (Held held = cond.hold()) {
                    cond.signal();
                    signalled.incrementAndGet();
                }
            }
            waiter.join();
        }
        assertFalse(result.get());
        assertEquals(3, signalled.get());
    }

    @Test
    void toStringShowsTheLockAndTheWaiters() throws InterruptedException {
        Condition cond = new Condition();
        assertEquals("Condition[RLock[unlocked, count=0], 0 waiting]", cond.toString());
        try (TestThreads waiter = startEnqueuedWaiter(cond, "shown", i -> cond.await())) {
            assertEquals("Condition[RLock[unlocked, count=0], 1 waiting]", cond.toString());
            assertEquals(1, cond.waiting());
            try (Held held = cond.hold()) {
                cond.signal();
            }
            waiter.join();
        }
        assertEquals("Condition[Lock[unlocked], 0 waiting]", new Condition(new Lock()).toString());
    }
}

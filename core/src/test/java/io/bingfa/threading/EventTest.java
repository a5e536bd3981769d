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
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link Event} against lock_tests.py's {@code EventTests}. */
@Timeout(60)
class EventTest {
    private static final Duration LONG = Duration.ofMinutes(5);

    /** Waits in thread {@code index}: untimed for even indices (true when it returns), timed for odd. */
    private static boolean waitFor(Event event, int index) throws InterruptedException {
        if (index % 2 == 0) {
            event.await();
            return true;
        }
        return event.await(LONG);
    }

    // CPython: lock_tests.EventTests.test_is_set
    @Test
    @Tag("cpython")
    void test_is_set_setAndClearAreIdempotent() {
        Event event = new Event();
        assertFalse(event.isSet());
        event.set();
        assertTrue(event.isSet());
        event.set();
        assertTrue(event.isSet());
        event.clear();
        assertFalse(event.isSet());
        event.clear();
        assertFalse(event.isSet());
    }

    // CPython: lock_tests.EventTests.test_notify
    @Test
    @Tag("cpython")
    void test_notify_setWakesEveryWaiterAndLaterWaitsReturnAtOnce() throws InterruptedException {
        Event event = new Event();
        checkNotify(event);
        event.clear();
        checkNotify(event); // works again after set() + clear()
    }

    private static void checkNotify(Event event) throws InterruptedException {
        int n = 5;
        List<Boolean> results1 = Collections.synchronizedList(new ArrayList<>());
        List<Boolean> results2 = Collections.synchronizedList(new ArrayList<>());
        try (TestThreads bunch = TestThreads.start(n, i -> {
            results1.add(waitFor(event, i));
            results2.add(waitFor(event, i)); // already set: returns at once
        })) {
            bunch.awaitParked();
            assertEquals(List.of(), results1);
            event.set();
            bunch.join();
        }
        assertEquals(Collections.nCopies(n, true), results1);
        assertEquals(Collections.nCopies(n, true), results2);
    }

    // CPython: lock_tests.EventTests.test_timeout
    @Test
    @Tag("cpython")
    void test_timeout_timedWaitReturnsFalseAfterTimeoutUnlessSet() throws InterruptedException {
        Event event = new Event();
        Duration timeout = Duration.ofMillis(200);
        List<Boolean> results = Collections.synchronizedList(new ArrayList<>());
        try (TestThreads bunch = TestThreads.start(5, i -> {
            results.add(event.await(Duration.ZERO));
            long start = System.nanoTime();
            results.add(event.await(timeout));
            assertTimeout(since(start), timeout);
        })) {
            bunch.join();
        }
        assertEquals(Collections.nCopies(10, false), results);

        event.set();
        long start = System.nanoTime();
        assertTrue(event.await(Duration.ZERO));
        assertTrue(event.await(timeout));
        assertTrue(since(start) < timeout.toNanos(), "a set event does not wait");
    }

    // CPython: lock_tests.EventTests.test_set_and_clear (gh-57711)
    @Test
    @Tag("cpython")
    void test_set_and_clear_waitersWokenBySetReturnTrueEvenIfClearedAtOnce() throws InterruptedException {
        Event event = new Event();
        int n = 5;
        List<Boolean> results = Collections.synchronizedList(new ArrayList<>());
        try (TestThreads bunch = TestThreads.start(n, i -> results.add(waitFor(event, i)))) {
            for (Thread thread : bunch.threads()) {
                Waits.awaitInConditionWait(thread);
            }
            event.set();
            event.clear();
            bunch.join();
        }
        assertEquals(Collections.nCopies(n, true), results);
        assertFalse(event.isSet());
    }

    // CPython: lock_tests.EventTests.test_repr
    @Test
    @Tag("cpython")
    void test_repr_showsSetOrUnset() {
        Event event = new Event();
        assertEquals("Event[unset]", event.toString());
        event.set();
        assertEquals("Event[set]", event.toString());
        event.clear();
        assertEquals("Event[unset]", event.toString());
    }

    @Test
    void waitAfterClearBlocksUntilTheNextSet() throws InterruptedException {
        Event event = new Event();
        event.set();
        event.clear();
        AtomicBoolean returned = new AtomicBoolean();
        try (TestThreads bunch = TestThreads.start(1, i -> {
            event.await();
            returned.set(true);
        })) {
            Waits.awaitInConditionWait(bunch.thread(0));
            assertFalse(returned.get());
            event.set();
            bunch.join();
        }
        assertTrue(returned.get());
    }

    @Test
    void blockedWaitThrowsInterruptedExceptionAndClearsStatus() throws InterruptedException {
        Event event = new Event();
        try (TestThreads bunch = TestThreads.start(2, i -> {
            try {
                waitFor(event, i);
                fail("returned without set()");
            } catch (InterruptedException expected) {
                assertFalse(Thread.currentThread().isInterrupted());
            }
        })) {
            bunch.awaitParked();
            bunch.threads().forEach(Thread::interrupt);
            bunch.join();
        }
        assertFalse(event.isSet());
    }

    @Test
    void negativeTimeoutIsIllegalArgument() {
        Event event = new Event();
        assertThrows(IllegalArgumentException.class, () -> event.await(Duration.ofMillis(-1)));
        event.set();
        assertThrows(IllegalArgumentException.class, () -> event.await(Duration.ofMillis(-1)));
    }

    @Test
    void hugeTimeoutSaturatesAndWaitsUntilSet() throws InterruptedException {
        Event event = new Event();
        AtomicBoolean result = new AtomicBoolean();
        try (TestThreads bunch = TestThreads.start(1, i -> result.set(event.await(Duration.ofSeconds(Long.MAX_VALUE))))) {
            Waits.awaitState(bunch.thread(0), Thread.State.TIMED_WAITING);
            assertFalse(result.get());
            event.set();
            bunch.join();
        }
        assertTrue(result.get());
    }
}

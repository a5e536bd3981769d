package io.bingfa.futures;

import static io.bingfa.futures.Fixtures.cancelled;
import static io.bingfa.futures.Fixtures.cancelledAndNotified;
import static io.bingfa.futures.Fixtures.exception;
import static io.bingfa.futures.Fixtures.successful;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bingfa.testing.TestThreads;
import io.bingfa.testing.Waits;
import io.bingfa.threading.Event;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link Futures#wait} against CPython's test_wait.py (CONFORMANCE.md 4c). */
@Timeout(60)
class WaitTest {
    private static final Duration LONG = Duration.ofSeconds(30);

    // CPython: test_concurrent_futures.test_wait.WaitTests.test_20369
    @Test
    @Tag("cpython")
    void test_20369_duplicatesCountOnce() throws Exception {
        try (ThreadPoolExecutor pool = new ThreadPoolExecutor(5)) {
            Future<Integer> f = pool.submit(() -> 1);
            DoneAndNotDone r = Futures.wait(List.of(f, f), LONG, ReturnWhen.ALL_COMPLETED);
            assertEquals(Set.of(f), r.done());
            assertEquals(Set.of(), r.notDone());
        }
    }

    // CPython: test_concurrent_futures.test_wait.WaitTests.test_first_completed
    @Test
    @Tag("cpython")
    void test_first_completed_aMerelyCancelledFutureIsNotDone() throws Exception {
        Event release = new Event();
        try (ThreadPoolExecutor pool = new ThreadPoolExecutor(5)) {
            Future<Integer> f2 = pool.submit(() -> {
                release.await(LONG);
                return 2;
            });
            Event go = new Event();
            Future<Integer> f1 = pool.submit(() -> {
                go.await(LONG);
                return 1;
            });
            SettableFuture<Integer> cancelled = cancelled();
            try (TestThreads threads = new TestThreads()) {
                var waiter = threads.fork("waiter", () -> Futures.wait(
                        List.of(cancelled, f1, f2), LONG, ReturnWhen.FIRST_COMPLETED));
                waiter.awaitBlocked();
                go.set();
                DoneAndNotDone r = waiter.join();
                assertEquals(Set.of(f1), r.done());
                assertEquals(Set.of(cancelled, f2), r.notDone());
            } finally {
                release.set();
            }
        }
    }

    // CPython: test_concurrent_futures.test_wait.WaitTests.test_first_completed_some_already_completed
    @Test
    @Tag("cpython")
    void test_first_completed_some_already_completed_returnsAtOnce() throws Exception {
        SettableFuture<Integer> pending = Fixtures.pending();
        SettableFuture<Integer> notified = cancelledAndNotified();
        SettableFuture<Integer> ok = successful();
        long start = System.nanoTime();
        DoneAndNotDone r = Futures.wait(List.of(notified, ok, pending), LONG, ReturnWhen.FIRST_COMPLETED);
        Waits.assertDidNotWait(start);
        assertEquals(Set.of(notified, ok), r.done());
        assertEquals(Set.of(pending), r.notDone());
    }

    // CPython: test_concurrent_futures.test_wait.WaitTests.test_first_exception_some_already_complete
    @Test
    @Tag("cpython")
    void test_first_exception_some_already_complete_returnsOnTheFirstFailure() throws Exception {
        Event release = new Event();
        try (ThreadPoolExecutor pool = new ThreadPoolExecutor(5)) {
            Event go = new Event();
            Future<Integer> f1 = pool.submit(() -> {
                go.await(LONG);
                return 1 / 0;
            });
            Future<Integer> f2 = pool.submit(() -> {
                release.await(LONG);
                return 2;
            });
            SettableFuture<Integer> ok = successful();
            SettableFuture<Integer> notified = cancelledAndNotified();
            SettableFuture<Integer> cancelled = cancelled();
            try (TestThreads threads = new TestThreads()) {
                var waiter = threads.fork("waiter", () -> Futures.wait(
                        List.of(ok, notified, cancelled, f1, f2), LONG, ReturnWhen.FIRST_EXCEPTION));
                waiter.awaitBlocked();
                go.set();
                DoneAndNotDone r = waiter.join();
                assertEquals(Set.of(ok, notified, f1), r.done());
                assertEquals(Set.of(cancelled, f2), r.notDone());
            } finally {
                release.set();
            }
        }
    }

    // CPython: test_concurrent_futures.test_wait.WaitTests.test_first_exception_one_already_failed
    @Test
    @Tag("cpython")
    void test_first_exception_one_already_failed_returnsAtOnce() throws Exception {
        SettableFuture<Integer> failed = exception();
        SettableFuture<Integer> pending = Fixtures.pending();
        long start = System.nanoTime();
        DoneAndNotDone r = Futures.wait(List.of(failed, pending), LONG, ReturnWhen.FIRST_EXCEPTION);
        Waits.assertDidNotWait(start);
        assertEquals(Set.of(failed), r.done());
        assertEquals(Set.of(pending), r.notDone());
    }

    // CPython: test_concurrent_futures.test_wait.WaitTests.test_all_completed (not listed, same shape)
    @Test
    @Tag("cpython")
    void test_all_completed_waitsForEveryFuture() throws Exception {
        try (ThreadPoolExecutor pool = new ThreadPoolExecutor(5)) {
            Future<Integer> f1 = pool.submit(() -> 1);
            Future<Integer> f2 = pool.submit(() -> 1 / 0);
            SettableFuture<Integer> ok = successful();
            SettableFuture<Integer> notified = cancelledAndNotified();
            DoneAndNotDone r = Futures.wait(List.of(ok, notified, f1, f2), ReturnWhen.ALL_COMPLETED);
            assertEquals(Set.of(ok, notified, f1, f2), r.done());
            assertEquals(Set.of(), r.notDone());
        }
    }

    // CPython: test_concurrent_futures.test_wait.WaitTests.test_timeout
    @Test
    @Tag("cpython")
    void test_timeout_returnsWithoutThrowing() throws Exception {
        SettableFuture<Integer> failed = exception();
        SettableFuture<Integer> ok = successful();
        SettableFuture<Integer> notified = cancelledAndNotified();
        SettableFuture<Integer> blocked = Fixtures.pending();
        Duration timeout = Duration.ofMillis(50);
        long start = System.nanoTime();
        DoneAndNotDone r = Futures.wait(List.of(failed, ok, notified, blocked), timeout,
                ReturnWhen.ALL_COMPLETED);
        Waits.assertTookAbout(timeout, start);
        assertEquals(Set.of(failed, ok, notified), r.done());
        assertEquals(Set.of(blocked), r.notDone());
    }

    // CPython: test_concurrent_futures.test_wait.WaitTests.test_pending_calls_race
    @Test
    @Tag("cpython")
    void test_pending_calls_race_waitingOnManyFuturesDoesNotHang() throws Exception {
        try (ThreadPoolExecutor pool = new ThreadPoolExecutor(5)) {
            List<Future<Integer>> fs = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                int n = i;
                fs.add(pool.submit(() -> n));
            }
            DoneAndNotDone r = Futures.wait(fs, ReturnWhen.ALL_COMPLETED);
            assertEquals(100, r.done().size());
        }
    }

    @Test
    void notifiedCancellationWakesAWaiter() throws Exception {
        SettableFuture<Integer> f = Fixtures.pending();
        try (TestThreads threads = new TestThreads()) {
            var waiter = threads.fork("waiter", () -> Futures.wait(List.of(f), LONG,
                    ReturnWhen.FIRST_COMPLETED));
            waiter.awaitBlocked();
            f.cancel();
            waiter.assertStaysBlocked(); // cancelled, not yet notified: not done for wait
            f.setRunningOrNotifyCancel();
            assertEquals(Set.of(f), waiter.join().done());
        }
    }

    @Test
    void negativeTimeoutIsIllegal() {
        assertThrows(IllegalArgumentException.class,
                () -> Futures.wait(List.of(), Duration.ofSeconds(-1), ReturnWhen.ALL_COMPLETED));
    }

    @Test
    void waitOnNothingReturnsAtOnce() throws Exception {
        DoneAndNotDone r = Futures.wait(List.of(), Duration.ZERO, ReturnWhen.FIRST_COMPLETED);
        assertTrue(r.done().isEmpty() && r.notDone().isEmpty());
    }
}

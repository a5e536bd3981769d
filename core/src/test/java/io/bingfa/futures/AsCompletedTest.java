package io.bingfa.futures;

import static io.bingfa.futures.Fixtures.cancelledAndNotified;
import static io.bingfa.futures.Fixtures.exception;
import static io.bingfa.futures.Fixtures.successful;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.bingfa.testing.Waits;
import io.bingfa.threading.Event;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.HashSet;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link Futures#asCompleted} against CPython's test_as_completed.py (CONFORMANCE.md 4d). */
@Timeout(60)
class AsCompletedTest {
    private static final Duration LONG = Duration.ofSeconds(30);

    // CPython: test_concurrent_futures.test_as_completed.AsCompletedTests.test_no_timeout (not listed, same shape)
    @Test
    @Tag("cpython")
    void test_no_timeout_yieldsEveryFutureOnce() throws Exception {
        try (ThreadPoolExecutor pool = new ThreadPoolExecutor(5)) {
            Future<Integer> f1 = pool.submit(() -> 1);
            Future<Integer> f2 = pool.submit(() -> 2);
            SettableFuture<Integer> ok = successful();
            SettableFuture<Integer> failed = exception();
            SettableFuture<Integer> notified = cancelledAndNotified();
            Set<Future<Integer>> seen = new HashSet<>();
            for (Future<Integer> f : Futures.asCompleted(List.of(ok, failed, notified, f1, f2))) {
                seen.add(f);
            }
            assertEquals(Set.of(ok, failed, notified, f1, f2), seen);
        }
    }

    // CPython: test_concurrent_futures.test_as_completed.AsCompletedTests.test_future_times_out
    @Test
    @Tag("cpython")
    void test_future_times_out_yieldsTheFinishedThenThrows() throws Exception {
        for (Duration timeout : List.of(Duration.ZERO, Duration.ofMillis(100))) {
            Event release = new Event();
            try (ThreadPoolExecutor pool = new ThreadPoolExecutor(5)) {
                Future<Integer> slow = pool.submit(() -> {
                    release.await(LONG);
                    return 1;
                });
                SettableFuture<Integer> ok = successful();
                SettableFuture<Integer> failed = exception();
                SettableFuture<Integer> notified = cancelledAndNotified();
                Set<Future<Integer>> seen = new HashSet<>();
                long start = System.nanoTime();
                Iterator<Future<Integer>> it = Futures.asCompleted(
                        List.of(ok, failed, notified, slow), timeout).iterator();
                FuturesTimeoutException e = assertThrows(FuturesTimeoutException.class, () -> {
                    while (it.hasNext()) {
                        seen.add(it.next());
                    }
                });
                if (!timeout.isZero()) {
                    Waits.assertTookAbout(timeout, start);
                }
                assertEquals(Set.of(ok, failed, notified), seen);
                assertEquals("1 (of 4) futures unfinished", e.getMessage());
                release.set();
            }
        }
    }

    // CPython: test_concurrent_futures.test_as_completed.AsCompletedTests.test_duplicate_futures
    @Test
    @Tag("cpython")
    void test_duplicate_futures_yieldedOnce() {
        SettableFuture<Integer> f = successful();
        List<Future<Integer>> seen = new ArrayList<>();
        for (Future<Integer> g : Futures.asCompleted(List.of(f, f, f), LONG)) {
            seen.add(g);
        }
        assertEquals(List.of(f), seen);
    }

    // CPython: test_concurrent_futures.test_as_completed.AsCompletedTests.test_free_reference_yielded_future
    @Test
    @Tag("cpython")
    void test_free_reference_yielded_future_isNotKept() {
        SettableFuture<Integer> a = successful();
        SettableFuture<Integer> b = Fixtures.pending();
        List<SettableFuture<Integer>> input = new ArrayList<>(List.of(a, b));
        WeakReference<Future<Integer>> ref = new WeakReference<>(a);
        Iterator<Future<Integer>> it = Futures.asCompleted(input, LONG).iterator();
        input = null;
        a = null;
        WeakReference<Future<Integer>> yielded = new WeakReference<>(it.next());
        assertEquals(ref.get(), yielded.get());
        Waits.awaitCollected(ref); // only the iterator is left, and it has let go of the yielded one
        b.setResult(1);
        assertEquals(b, it.next());
        assertFalse(it.hasNext());
    }

    // CPython: test_concurrent_futures.test_as_completed.AsCompletedTests.test_correct_timeout_exception_msg
    @Test
    @Tag("cpython")
    void test_correct_timeout_exception_msg_namesUnfinishedOfTotal() {
        List<Future<Integer>> fs = List.of(Fixtures.pending(), Fixtures.running(), successful(),
                cancelledAndNotified());
        FuturesTimeoutException e = assertThrows(FuturesTimeoutException.class, () -> {
            for (Future<Integer> f : Futures.asCompleted(fs, Duration.ZERO)) {
                f.isDone();
            }
        });
        assertEquals("2 (of 4) futures unfinished", e.getMessage());
        assertEquals(2, e.unfinished());
        assertEquals(4, e.total());
    }

    @Test
    void yieldsInCompletionOrder() {
        SettableFuture<Integer> a = Fixtures.pending();
        SettableFuture<Integer> b = Fixtures.pending();
        Iterator<Future<Integer>> it = Futures.asCompleted(List.of(a, b), LONG).iterator();
        b.setResult(2);
        assertEquals(b, it.next());
        a.setResult(1);
        assertEquals(a, it.next());
        assertFalse(it.hasNext());
    }
}

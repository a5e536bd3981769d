package io.bingfa.futures;

import io.bingfa.testing.CapturedLog;
import static io.bingfa.futures.Fixtures.cancelled;
import static io.bingfa.futures.Fixtures.cancelledAndNotified;
import static io.bingfa.futures.Fixtures.exception;
import static io.bingfa.futures.Fixtures.pending;
import static io.bingfa.futures.Fixtures.running;
import static io.bingfa.futures.Fixtures.successful;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bingfa.testing.TestThreads;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link SettableFuture} against CPython's test_future.py (CONFORMANCE.md 4a). */
@Timeout(60)
class FutureTest {
    private static final Duration FIVE_S = Duration.ofSeconds(5);

    // CPython: test_concurrent_futures.test_future.FutureTests.test_done_callback_with_result
    @Test
    @Tag("cpython")
    void test_done_callback_with_result_callbackSeesTheResult() {
        AtomicReference<Integer> seen = new AtomicReference<>();
        SettableFuture<Integer> f = pending();
        f.addDoneCallback(done -> seen.set(done.resultNow()));
        f.setResult(5);
        assertEquals(5, seen.get());
    }

    // CPython: test_concurrent_futures.test_future.FutureTests.test_done_callback_with_exception
    @Test
    @Tag("cpython")
    void test_done_callback_with_exception_callbackSeesTheException() {
        AtomicReference<Throwable> seen = new AtomicReference<>();
        SettableFuture<Integer> f = pending();
        f.addDoneCallback(done -> seen.set(done.exceptionNow()));
        f.setException(new Exception("test"));
        assertEquals("test", seen.get().getMessage());
    }

    // CPython: test_concurrent_futures.test_future.FutureTests.test_done_callback_with_cancel
    @Test
    @Tag("cpython")
    void test_done_callback_with_cancel_callbackSeesCancelled() {
        AtomicReference<Boolean> seen = new AtomicReference<>();
        SettableFuture<Integer> f = pending();
        f.addDoneCallback(done -> seen.set(done.isCancelled()));
        assertTrue(f.cancel());
        assertTrue(seen.get());
    }

    // CPython: test_concurrent_futures.test_future.FutureTests.test_done_callback_raises
    @Test
    @Tag("cpython")
    void test_done_callback_raises_isLoggedAndLaterCallbacksStillRun() {
        List<String> ran = new ArrayList<>();
        try (CapturedLog log = new CapturedLog("io.bingfa.futures")) {
            SettableFuture<Integer> f = pending();
            f.addDoneCallback(done -> ran.add("first"));
            f.addDoneCallback(done -> {
                throw new RuntimeException("doh!");
            });
            f.addDoneCallback(done -> ran.add("third"));
            f.setResult(5); // does not throw
            assertEquals(List.of("first", "third"), ran);
            assertEquals(1, log.records().size());
            assertEquals("doh!", log.records().get(0).getThrown().getMessage());
        }
    }

    // CPython: test_concurrent_futures.test_future.FutureTests.test_done_callback_already_successful
    // CPython: test_concurrent_futures.test_future.FutureTests.test_done_callback_already_failed
    // CPython: test_concurrent_futures.test_future.FutureTests.test_done_callback_already_cancelled
    @Test
    @Tag("cpython")
    void test_done_callback_already_done_runsAtOnceInTheCallersThread() {
        for (SettableFuture<Integer> f : List.of(successful(), exception(), cancelled(),
                cancelledAndNotified())) {
            AtomicReference<Thread> ranIn = new AtomicReference<>();
            f.addDoneCallback(done -> ranIn.set(Thread.currentThread()));
            assertSame(Thread.currentThread(), ranIn.get(), f.toString());
        }
        AtomicReference<Integer> result = new AtomicReference<>();
        successful().addDoneCallback(done -> result.set(done.resultNow()));
        assertEquals(42, result.get());
    }

    // CPython: test_concurrent_futures.test_future.FutureTests.test_done_callback_raises_already_succeeded
    @Test
    @Tag("cpython")
    void test_done_callback_raises_already_succeeded_isLoggedNotThrown() {
        try (CapturedLog log = new CapturedLog("io.bingfa.futures")) {
            successful().addDoneCallback(done -> {
                throw new RuntimeException("doh!");
            });
            assertEquals(1, log.records().size());
            LogRecord r = log.records().get(0);
            assertTrue(r.getMessage().startsWith("exception calling callback for Future["), r.getMessage());
            assertEquals("doh!", r.getThrown().getMessage());
        }
    }

    // CPython: test_concurrent_futures.test_future.FutureTests.test_repr
    @Test
    @Tag("cpython")
    void test_repr_showsTheState() {
        assertEquals("Future[state=pending]", pending().toString());
        assertEquals("Future[state=running]", running().toString());
        assertEquals("Future[state=cancelled]", cancelled().toString());
        assertEquals("Future[state=cancelled]", cancelledAndNotified().toString());
        assertEquals("Future[state=finished raised IOException]", exception().toString());
        assertEquals("Future[state=finished returned Integer]", successful().toString());
    }

    // CPython: test_concurrent_futures.test_future.FutureTests.test_class_str
    @Test
    @Tag("cpython")
    void test_class_str_typesLiveInTheFuturesPackageOrTheJdk() {
        for (Class<?> c : List.of(Future.class, Executor.class, InvalidStateException.class,
                BrokenExecutorException.class, FuturesTimeoutException.class)) {
            assertEquals("io.bingfa.futures", c.getPackageName());
        }
        // CancelledError and TimeoutError are the JDK's own types, as futures.TimeoutError is the builtin
        assertTrue(RejectedExecutionException.class.isAssignableFrom(BrokenExecutorException.class));
        assertInstanceOf(CancellationException.class, assertThrows(CancellationException.class,
                () -> cancelled().result()));
    }

    // CPython: test_concurrent_futures.test_future.FutureTests.test_cancel
    @Test
    @Tag("cpython")
    void test_cancel_succeedsOnlyWhilePendingAndIsANoOpWhenCancelled() {
        SettableFuture<Integer> f = pending();
        assertTrue(f.cancel());
        assertEquals(SettableFuture.PyState.CANCELLED, f.pyState());

        f = running();
        assertFalse(f.cancel());
        assertEquals(SettableFuture.PyState.RUNNING, f.pyState());

        f = cancelled();
        assertTrue(f.cancel());
        assertEquals(SettableFuture.PyState.CANCELLED, f.pyState());

        f = cancelledAndNotified();
        assertTrue(f.cancel());
        assertEquals(SettableFuture.PyState.CANCELLED_AND_NOTIFIED, f.pyState());

        f = exception();
        assertFalse(f.cancel());
        assertEquals(SettableFuture.PyState.FINISHED, f.pyState());

        f = successful();
        assertFalse(f.cancel(true));
        assertEquals(SettableFuture.PyState.FINISHED, f.pyState());
    }

    // CPython: test_concurrent_futures.test_future.FutureTests.test_cancelled
    // CPython: test_concurrent_futures.test_future.FutureTests.test_done
    // CPython: test_concurrent_futures.test_future.FutureTests.test_running
    @Test
    @Tag("cpython")
    void test_cancelled_done_running_predicatesFollowTheState() {
        assertFalse(pending().isCancelled());
        assertFalse(running().isCancelled());
        assertTrue(cancelled().isCancelled());
        assertTrue(cancelledAndNotified().isCancelled());
        assertFalse(exception().isCancelled());
        assertFalse(successful().isCancelled());

        assertFalse(pending().isDone());
        assertFalse(running().isDone());
        assertTrue(cancelled().isDone());
        assertTrue(cancelledAndNotified().isDone());
        assertTrue(exception().isDone());
        assertTrue(successful().isDone());

        assertFalse(pending().isRunning());
        assertTrue(running().isRunning());
        assertFalse(cancelled().isRunning());
        assertFalse(cancelledAndNotified().isRunning());
        assertFalse(exception().isRunning());
        assertFalse(successful().isRunning());
    }

    // CPython: test_concurrent_futures.test_future.FutureTests.test_result_with_timeout
    @Test
    @Tag("cpython")
    void test_result_with_timeout_zeroTimeoutNeverWaits() throws Exception {
        assertThrows(TimeoutException.class, () -> pending().result(Duration.ZERO));
        assertThrows(TimeoutException.class, () -> running().result(Duration.ZERO));
        assertThrows(CancellationException.class, () -> cancelled().result(Duration.ZERO));
        assertThrows(CancellationException.class, () -> cancelledAndNotified().result(Duration.ZERO));
        CompletionException e = assertThrows(CompletionException.class,
                () -> exception().result(Duration.ZERO));
        assertInstanceOf(IOException.class, e.getCause());
        assertEquals(42, successful().result(Duration.ZERO));
    }

    // CPython: test_concurrent_futures.test_future.FutureTests.test_result_with_success
    @Test
    @Tag("cpython")
    void test_result_with_success_blockedResultWakesWithTheValue() throws Exception {
        SettableFuture<Integer> f = pending();
        try (TestThreads threads = new TestThreads()) {
            var waiter = threads.fork("waiter", () -> f.result(FIVE_S));
            waiter.awaitBlocked();
            f.setResult(42);
            assertEquals(42, waiter.join());
        }
    }

    // CPython: test_concurrent_futures.test_future.FutureTests.test_result_with_cancel
    @Test
    @Tag("cpython")
    void test_result_with_cancel_blockedResultWakesWithCancellation() throws Exception {
        SettableFuture<Integer> f = pending();
        try (TestThreads threads = new TestThreads()) {
            var waiter = threads.fork("waiter", () -> f.result(FIVE_S));
            waiter.awaitBlocked();
            assertTrue(f.cancel());
            waiter.joinThrowing(CancellationException.class);
        }
    }

    // CPython: test_concurrent_futures.test_future.FutureTests.test_exception_with_success
    @Test
    @Tag("cpython")
    void test_exception_with_success_blockedExceptionWakesWithTheException() throws Exception {
        SettableFuture<Integer> f = pending();
        IOException failure = new IOException();
        try (TestThreads threads = new TestThreads()) {
            var waiter = threads.fork("waiter", () -> f.exception(FIVE_S));
            waiter.awaitBlocked();
            f.setException(failure);
            assertSame(failure, waiter.join());
        }
    }

    // CPython: test_concurrent_futures.test_future.FutureTests.test_exception_with_timeout
    @Test
    @Tag("cpython")
    void test_exception_with_timeout_zeroTimeoutNeverWaits() throws Exception {
        assertThrows(TimeoutException.class, () -> pending().exception(Duration.ZERO));
        assertThrows(TimeoutException.class, () -> running().exception(Duration.ZERO));
        assertThrows(CancellationException.class, () -> cancelled().exception(Duration.ZERO));
        assertThrows(CancellationException.class, () -> cancelledAndNotified().exception(Duration.ZERO));
        assertInstanceOf(IOException.class, exception().exception(Duration.ZERO));
        assertNull(successful().exception(Duration.ZERO));
    }

    // CPython: test_concurrent_futures.test_future.FutureTests.test_multiple_set_result
    @Test
    @Tag("cpython")
    void test_multiple_set_result_secondSetThrowsAndTheFirstValueIsKept() throws Exception {
        SettableFuture<Integer> f = pending();
        f.setResult(1);
        InvalidStateException e = assertThrows(InvalidStateException.class, () -> f.setResult(2));
        assertEquals("FINISHED: Future[state=finished returned Integer]", e.getMessage());
        assertTrue(f.isDone());
        assertEquals(1, f.result());
    }

    // CPython: test_concurrent_futures.test_future.FutureTests.test_multiple_set_exception
    @Test
    @Tag("cpython")
    void test_multiple_set_exception_secondSetThrowsAndTheFirstExceptionIsKept() throws Exception {
        SettableFuture<Integer> f = pending();
        IllegalArgumentException first = new IllegalArgumentException();
        f.setException(first);
        InvalidStateException e = assertThrows(InvalidStateException.class,
                () -> f.setException(new Exception()));
        assertEquals("FINISHED: Future[state=finished raised IllegalArgumentException]", e.getMessage());
        assertSame(first, f.exception());
        assertThrows(InvalidStateException.class, () -> cancelled().setResult(1));
    }

    // ------------------------------------------------------------------ Java interop (not CPython)

    @Test
    void getKeepsTheJdkContract() throws Exception {
        ExecutionException e = assertThrows(ExecutionException.class, () -> exception().get());
        assertInstanceOf(IOException.class, e.getCause());
        assertEquals(42, successful().get(0, TimeUnit.SECONDS));
        assertThrows(TimeoutException.class, () -> pending().get(0, TimeUnit.SECONDS));
        assertThrows(CancellationException.class, () -> cancelled().get());
    }

    @Test
    void stateAndNowMethodsMapPythonStates() {
        assertEquals(java.util.concurrent.Future.State.RUNNING, pending().state());
        assertEquals(java.util.concurrent.Future.State.RUNNING, running().state());
        assertEquals(java.util.concurrent.Future.State.CANCELLED, cancelled().state());
        assertEquals(java.util.concurrent.Future.State.FAILED, exception().state());
        assertEquals(java.util.concurrent.Future.State.SUCCESS, successful().state());
        assertEquals(42, successful().resultNow());
        assertInstanceOf(IOException.class, exception().exceptionNow());
        assertThrows(IllegalStateException.class, () -> pending().resultNow());
        assertThrows(IllegalStateException.class, () -> successful().exceptionNow());
    }

    @Test
    void setRunningOrNotifyCancelRefusesAFinishedFuture() {
        assertThrows(IllegalStateException.class, () -> successful().setRunningOrNotifyCancel());
        assertThrows(IllegalStateException.class, () -> running().setRunningOrNotifyCancel());
        assertFalse(cancelled().setRunningOrNotifyCancel());
    }

    @Test
    void negativeTimeoutIsIllegal() {
        assertThrows(IllegalArgumentException.class, () -> pending().result(Duration.ofMillis(-1)));
        assertThrows(IllegalArgumentException.class, () -> pending().exception(Duration.ofMillis(-1)));
    }

    @Test
    void interruptedResultThrowsInterruptedException() throws Exception {
        SettableFuture<Integer> f = pending();
        try (TestThreads threads = new TestThreads()) {
            var waiter = threads.fork("waiter", () -> f.result());
            waiter.awaitBlocked();
            waiter.thread().interrupt();
            waiter.joinThrowing(InterruptedException.class);
        }
    }

    @Test
    void toCompletableFutureFollowsTheOutcomeAndCancelsBack() throws Exception {
        SettableFuture<Integer> f = pending();
        CompletableFuture<Integer> cf = f.toCompletableFuture();
        assertFalse(cf.isDone());
        f.setResult(7);
        assertEquals(7, cf.join());

        CompletableFuture<Integer> failed = exception().toCompletableFuture();
        assertInstanceOf(IOException.class,
                assertThrows(CompletionException.class, failed::join).getCause());

        assertTrue(cancelled().toCompletableFuture().isCancelled());

        SettableFuture<Integer> g = pending();
        assertTrue(g.toCompletableFuture().cancel(false));
        assertTrue(g.isCancelled());
    }
}

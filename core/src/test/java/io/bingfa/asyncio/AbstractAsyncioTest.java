package io.bingfa.asyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.bingfa.futures.DoneAndNotDone;
import io.bingfa.futures.ReturnWhen;
import io.bingfa.testing.Waits;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The asyncio core contract (CONFORMANCE 6c, 6d), run once per {@link SchedulerPath} by the
 * subclasses. Every test runs its body as the main task of {@code EventLoop.run}.
 */
abstract class AbstractAsyncioTest {
    private static final Duration LONG = Duration.ofSeconds(30);
    private static final Duration SHORT = Duration.ofMillis(10);

    /** The path under test. */
    abstract SchedulerPath path();

    <T> T run(AsyncTask<T> main) throws InterruptedException {
        return EventLoop.run(path(), main);
    }

    // ------------------------------------------------------------------ EventLoop.run and interrupts

    @Test
    void interruptingTheCallerOfRunCancelsMainWaitsForItAndThrowsInterruptedException() throws Exception {
        for (int round = 0; round < 20; round++) { // the interrupt lands at a different moment each time
            interruptOneRun();
        }
    }

    private void interruptOneRun() throws Exception {
        java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
        boolean[] mainSawCancel = {false};
        try (io.bingfa.testing.TestThreads threads = new io.bingfa.testing.TestThreads()) {
            io.bingfa.testing.TestThreads.Forked<Boolean> runner = threads.fork("runner", () -> {
                assertThrows(InterruptedException.class, () -> run(() -> {
                    started.countDown();
                    try {
                        Asyncio.sleep(LONG);
                    } catch (CancellationException e) {
                        mainSawCancel[0] = true; // main is cancelled and ends before run returns
                        throw e;
                    }
                    return null;
                }));
                return Thread.currentThread().isInterrupted();
            });
            started.await();
            runner.thread().interrupt();
            assertFalse(runner.join(), "the interrupt status is cleared, as java.util.concurrent does");
        }
        assertTrue(mainSawCancel[0]);
    }

    // ------------------------------------------------------------------ the seeds and the model

    @Test
    void twoHelloCoroutinesShareOneThreadInAboutOneSecond() throws InterruptedException {
        List<String> said = new ArrayList<>();
        long start = System.nanoTime();
        run(() -> {
            AsyncTask<Void> hello = () -> {
                said.add("Hello");
                Asyncio.sleep(Duration.ofSeconds(1));
                said.add("World");
                return null;
            };
            Asyncio.gather(Asyncio.createTask(hello), Asyncio.createTask(hello)).result();
            return null;
        });
        Waits.assertTookAbout(Duration.ofSeconds(1), start);
        assertTrue(Waits.since(start) < Duration.ofMillis(1900).toNanos(), "the two sleeps overlapped");
        assertEquals(List.of("Hello", "Hello", "World", "World"), said);
    }

    @Test
    void millionUnsynchronisedIncrementsFromThousandTasksAreExact() throws InterruptedException {
        int[] counter = {0};
        run(() -> {
            List<Task<Void>> tasks = new ArrayList<>();
            for (int i = 0; i < 1_000; i++) {
                tasks.add(Asyncio.createTask(() -> {
                    for (int j = 0; j < 1_000; j++) {
                        int read = counter[0];
                        if (j % 100 == 0) {
                            Asyncio.sleep(Duration.ZERO); // a task switch between read and write
                            read = counter[0];
                        }
                        counter[0] = read + 1;
                    }
                    return null;
                }));
            }
            Asyncio.gather(tasks).result();
            return null;
        });
        assertEquals(1_000_000, counter[0]);
    }

    @Test
    void schedulerPathIsTheOneAskedFor() throws InterruptedException {
        assertEquals(path(), run(() -> EventLoop.getRunningLoop().schedulerPath()));
    }

    @Test
    void resultOfPendingFutureOnLoopThreadThrowsInsteadOfHanging() throws InterruptedException {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        run(() -> {
            EventLoop loop = EventLoop.getRunningLoop();
            Future<Integer> f = loop.createFuture();
            Future<Void> ran = loop.createFuture();
            loop.callSoon(() -> {
                try {
                    f.result();
                } catch (Throwable t) {
                    thrown.set(t);
                }
                ran.setResult(null);
            });
            ran.result();
            return null;
        });
        assertInstanceOf(IllegalStateException.class, thrown.get());
    }

    @Test
    void runInsideRunningLoopIsRefused() throws InterruptedException {
        Throwable t = run(() -> {
            try {
                EventLoop.run(path(), () -> 1);
                return null;
            } catch (IllegalStateException e) {
                return e;
            }
        });
        assertInstanceOf(IllegalStateException.class, t);
    }

    @Test
    void mainFailureComesOutAsCompletionException() {
        CompletionException e = assertThrows(CompletionException.class, () -> run(() -> {
            throw new IOException("boom");
        }));
        assertInstanceOf(IOException.class, e.getCause());
    }

    @Test
    void callbacksRunInOrderAndTimersByDeadline() throws InterruptedException {
        List<String> order = run(() -> {
            EventLoop loop = EventLoop.getRunningLoop();
            List<String> seen = new ArrayList<>();
            loop.callLater(Duration.ofMillis(30), () -> seen.add("later30"));
            loop.callAt(loop.time() + 0.01, () -> seen.add("at10"));
            loop.callSoon(() -> seen.add("soon1"));
            Handle cancelled = loop.callSoon(() -> seen.add("cancelled"));
            loop.callSoon(() -> seen.add("soon2"));
            cancelled.cancel();
            Asyncio.sleep(Duration.ofMillis(100));
            return seen;
        });
        assertEquals(List.of("soon1", "soon2", "at10", "later30"), order);
    }

    @Test
    void callSoonThreadsafeFromAnotherThreadWakesTheLoop() throws InterruptedException {
        assertEquals("from outside", run(() -> {
            EventLoop loop = EventLoop.getRunningLoop();
            Future<String> f = loop.createFuture();
            Thread t = Thread.ofPlatform().start(() -> loop.callSoonThreadsafe(() -> f.setResult("from outside")));
            String s = f.result();
            t.join();
            return s;
        }));
    }

    @Test
    void runInExecutorDoesNotBlockTheLoop() throws InterruptedException {
        assertEquals(List.of("ticked", "done"), run(() -> {
            List<String> seen = new ArrayList<>();
            Future<String> slow = EventLoop.getRunningLoop().runInExecutor(null, () -> {
                Thread.sleep(100);
                return "done";
            });
            Asyncio.sleep(SHORT);
            seen.add("ticked");
            seen.add(slow.result());
            return seen;
        }));
    }

    @Test
    void threadingLockParksTheTaskNotTheLoop() throws Exception {
        assumeTrue(path() == SchedulerPath.LOOP_CARRIER, "HANDOFF: a foreign park keeps the loop (documented)");
        io.bingfa.threading.Lock lock = new io.bingfa.threading.Lock();
        lock.acquire();
        assertEquals("ticked then acquired", run(() -> {
            List<String> seen = new ArrayList<>();
            Task<Void> blocked = Asyncio.createTask(() -> {
                lock.acquire(); // parks this task's virtual thread only
                seen.add("acquired");
                lock.release();
                return null;
            });
            Asyncio.sleep(SHORT);
            seen.add("ticked");
            Thread releaser = Thread.ofPlatform().start(lock::release);
            blocked.result();
            releaser.join();
            return String.join(" then ", seen);
        }));
    }

    // ------------------------------------------------------------------ 6c tasks

    // CPython: test_asyncio.test_tasks.BaseTaskTests.test_cancel
    @Tag("cpython")
    @Test
    void cancelPendingTaskReturnsTrueAndEndsCancelled() throws InterruptedException {
        run(() -> {
            Task<Void> t = Asyncio.createTask(() -> {
                Asyncio.sleep(LONG);
                return null;
            });
            Asyncio.sleep(Duration.ZERO);
            assertTrue(t.cancel());
            assertThrows(CancellationException.class, t::result);
            assertTrue(t.isCancelled());
            assertTrue(t.isDone());
            assertFalse(t.cancel());
            return null;
        });
    }

    // CPython: test_asyncio.test_tasks.BaseTaskTests.test_cancel_yield
    @Tag("cpython")
    @Test
    void cancelBeforeFirstTurnNeverRunsTheBody() throws InterruptedException {
        run(() -> {
            boolean[] ran = {false};
            Task<Void> t = Asyncio.createTask(() -> {
                ran[0] = true;
                return null;
            });
            assertTrue(t.cancel());
            assertThrows(CancellationException.class, t::result);
            assertFalse(ran[0]);
            return null;
        });
    }

    // CPython: test_asyncio.test_tasks.BaseTaskTests.test_cancelling
    @Tag("cpython")
    @Test
    void cancellingCountsRequestsAndUncancelTakesOneBack() throws InterruptedException {
        run(() -> {
            Task<Void> t = Asyncio.createTask(() -> {
                Asyncio.sleep(LONG);
                return null;
            });
            Asyncio.sleep(Duration.ZERO);
            assertEquals(0, t.cancelling());
            t.cancel();
            assertEquals(1, t.cancelling());
            assertTrue(t.toString().contains("cancelling=1"), t.toString());
            assertEquals(0, t.uncancel());
            assertThrows(CancellationException.class, t::result); // the sleep was cancelled already
            return null;
        });
    }

    // CPython: test_asyncio.test_tasks.BaseTaskTests.test_cancel_inner_future
    @Tag("cpython")
    @Test
    void cancellingTheAwaitedFutureCancelsTheTask() throws InterruptedException {
        run(() -> {
            Future<Integer> f = EventLoop.getRunningLoop().createFuture();
            Task<Integer> t = Asyncio.createTask(() -> f.result() + 1);
            Asyncio.sleep(Duration.ZERO);
            f.cancel();
            assertThrows(CancellationException.class, t::result);
            assertTrue(t.isCancelled());
            return null;
        });
    }

    // CPython: test_asyncio.test_tasks.BaseTaskTests.test_cancel_both_task_and_inner_future
    @Tag("cpython")
    @Test
    void cancellingTheTaskCancelsTheAwaitedFuture() throws InterruptedException {
        run(() -> {
            Future<Integer> f = EventLoop.getRunningLoop().createFuture();
            Task<Integer> t = Asyncio.createTask(f::result);
            Asyncio.sleep(Duration.ZERO);
            assertTrue(t.cancel());
            assertThrows(CancellationException.class, t::result);
            assertTrue(f.isCancelled());
            assertTrue(t.isCancelled());
            return null;
        });
    }

    // CPython: test_asyncio.test_tasks.BaseTaskTests.test_cancel_task_catching
    @Tag("cpython")
    @Test
    void taskThatCatchesCancellationEndsNormally() throws InterruptedException {
        run(() -> {
            Task<Integer> t = Asyncio.createTask(() -> {
                try {
                    Asyncio.sleep(LONG);
                    return 0;
                } catch (CancellationException e) {
                    return 42;
                }
            });
            Asyncio.sleep(Duration.ZERO);
            t.cancel();
            assertEquals(42, t.result());
            assertFalse(t.isCancelled());
            return null;
        });
    }

    // CPython: test_asyncio.test_tasks.BaseTaskTests.test_cancel_current_task
    @Tag("cpython")
    @Test
    void taskCancellingItselfIsCancelledAtItsNextAwait() throws InterruptedException {
        run(() -> {
            boolean[] after = {false};
            Task<Void> t = Asyncio.createTask(() -> {
                Asyncio.currentTask().cancel();
                Asyncio.sleep(LONG);
                after[0] = true;
                return null;
            });
            assertThrows(CancellationException.class, t::result);
            assertFalse(after[0]);
            return null;
        });
    }

    // CPython: test_asyncio.test_tasks.BaseTaskTests.test_cancel_at_end
    @Tag("cpython")
    @Test
    void taskCancellingItselfAndReturningEndsCancelled() throws InterruptedException {
        run(() -> {
            Task<Integer> t = Asyncio.createTask(() -> {
                Asyncio.currentTask().cancel();
                return 12;
            });
            assertThrows(CancellationException.class, t::result);
            assertTrue(t.isCancelled());
            return null;
        });
    }

    // CPython: test_asyncio.test_tasks.BaseTaskTests.test_cancel_with_message_then_future_result
    @Tag("cpython")
    @Test
    void cancelMessageReachesTheCancellationException() throws InterruptedException {
        run(() -> {
            Task<Void> t = Asyncio.createTask(() -> {
                Asyncio.sleep(LONG);
                return null;
            });
            Asyncio.sleep(Duration.ZERO);
            t.cancel("my message");
            CancellationException e = assertThrows(CancellationException.class, t::result);
            assertEquals("my message", e.getMessage());
            return null;
        });
    }

    // CPython: test_asyncio.test_tasks.BaseTaskTests.test_cancel_with_message_then_future_result (no message, None)
    @Tag("cpython")
    @Test
    void cancelWithoutAMessageGivesACancellationWithoutMessage() throws InterruptedException {
        run(() -> {
            Task<Void> plain = Asyncio.createTask(() -> Asyncio.sleep(LONG, null));
            Task<Void> withNull = Asyncio.createTask(() -> Asyncio.sleep(LONG, null));
            Asyncio.sleep(Duration.ZERO);
            plain.cancel();
            withNull.cancel((String) null);
            assertNull(assertThrows(CancellationException.class, plain::result).getMessage());
            assertNull(assertThrows(CancellationException.class, withNull::result).getMessage());
            Future<Integer> f = EventLoop.getRunningLoop().createFuture();
            f.cancel();
            assertNull(assertThrows(CancellationException.class, f::result).getMessage());
            return null;
        });
    }

    // CPython: test_asyncio.test_tasks.BaseTaskTests.test_task_awaits_on_itself
    @Tag("cpython")
    @Test
    void taskAwaitingItselfIsRefused() throws InterruptedException {
        run(() -> {
            AtomicReference<Task<?>> self = new AtomicReference<>();
            Task<Object> t = Asyncio.createTask(() -> {
                Asyncio.sleep(Duration.ZERO);
                return self.get().result();
            });
            self.set(t);
            CompletionException e = assertThrows(CompletionException.class, t::result);
            assertInstanceOf(IllegalStateException.class, e.getCause());
            assertTrue(e.getCause().getMessage().contains("Task cannot await on itself"));
            return null;
        });
    }

    // CPython: test_asyncio.test_tasks.BaseTaskTests.test_task_set_methods
    @Tag("cpython")
    @Test
    void taskRefusesSetResultAndSetException() throws InterruptedException {
        run(() -> {
            Task<Integer> t = Asyncio.createTask(() -> 1);
            assertThrows(IllegalStateException.class, () -> t.setResult(2));
            assertThrows(IllegalStateException.class, () -> t.setException(new IOException()));
            assertEquals(1, t.result());
            return null;
        });
    }

    // CPython: test_asyncio.test_tasks.BaseTaskTests.test_task_repr_autogenerated
    @Tag("cpython")
    @Test
    void tasksAreNamedTaskNWithIncreasingN() throws InterruptedException {
        run(() -> {
            Task<Void> a = Asyncio.createTask(() -> null);
            Task<Void> b = Asyncio.createTask(() -> null);
            Task<Void> named = Asyncio.createTask(() -> null, "No-op");
            int na = Integer.parseInt(a.getName().substring("Task-".length()));
            int nb = Integer.parseInt(b.getName().substring("Task-".length()));
            assertTrue(nb > na);
            assertEquals("No-op", named.getName());
            named.setName(Set.of(6));
            assertEquals("[6]", named.getName());
            Asyncio.gather(a, b, named).result();
            return null;
        });
    }

    // ------------------------------------------------------------------ 6c gather

    // CPython: test_asyncio.test_tasks.CoroutineGatherTests.test_success (FutureGatherTests too)
    @Tag("cpython")
    @Test
    void gatherGivesResultsInArgumentOrder() throws InterruptedException {
        assertEquals(List.of(2, 1, 3), run(() -> {
            Task<Integer> a = Asyncio.createTask(() -> Asyncio.sleep(Duration.ofMillis(30), 2));
            Task<Integer> b = Asyncio.createTask(() -> Asyncio.sleep(Duration.ofMillis(10), 1));
            Task<Integer> c = Asyncio.createTask(() -> Asyncio.sleep(Duration.ofMillis(20), 3));
            return Asyncio.gather(a, b, c).result();
        }));
    }

    // CPython: test_asyncio.test_tasks.FutureGatherTests.test_success (the done callback)
    @Tag("cpython")
    @Test
    void gatherDoneCallbackFiresOnceAfterTheLastChild() throws InterruptedException {
        run(() -> {
            EventLoop loop = EventLoop.getRunningLoop();
            Future<Integer> a = loop.createFuture();
            Future<Integer> b = loop.createFuture();
            Future<Integer> c = loop.createFuture();
            Future<List<Integer>> g = Asyncio.gather(a, b, c);
            List<Object> calls = new ArrayList<>();
            g.addDoneCallback(calls::add);
            b.setResult(1);
            a.setResult(2);
            AbstractAsyncioSyncTest.runBriefly();
            assertEquals(List.of(), calls);
            assertFalse(g.isDone());
            c.setResult(3);
            AbstractAsyncioSyncTest.runBriefly();
            assertEquals(1, calls.size(), "called once");
            assertSame(g, calls.get(0));
            assertEquals(List.of(2, 1, 3), g.result());
            return null;
        });
    }

    // CPython: test_asyncio.test_tasks.FutureGatherTests.test_one_exception
    @Tag("cpython")
    @Test
    void gatherFailsWithFirstExceptionAndDoesNotCancelTheOthers() throws InterruptedException {
        run(() -> {
            EventLoop loop = EventLoop.getRunningLoop();
            Future<Integer> a = loop.createFuture();
            Future<Integer> b = loop.createFuture();
            Future<Integer> c = loop.createFuture();
            Future<List<Integer>> g = Asyncio.gather(a, b, c);
            IOException boom = new IOException("boom");
            b.setException(boom);
            CompletionException e = assertThrows(CompletionException.class, g::result);
            assertSame(boom, e.getCause());
            assertFalse(a.isDone());
            assertFalse(c.isDone());
            a.setResult(1);
            c.setResult(3);
            return null;
        });
    }

    // CPython: test_asyncio.test_tasks.FutureGatherTests.test_return_exceptions
    @Tag("cpython")
    @Test
    void gatherWithReturnExceptionsPutsFailuresInTheList() throws InterruptedException {
        run(() -> {
            EventLoop loop = EventLoop.getRunningLoop();
            Future<Integer> a = loop.createFuture();
            Future<Integer> b = loop.createFuture();
            Future<Integer> c = loop.createFuture();
            Future<Integer> d = loop.createFuture();
            Future<List<Object>> g = Asyncio.gather(true, List.of(a, b, c, d));
            IOException exc = new IOException();
            IllegalStateException exc2 = new IllegalStateException();
            b.setResult(1);
            c.setException(exc);
            a.setResult(3);
            d.cancel();
            List<Object> res = g.result();
            assertEquals(3, res.get(0));
            assertEquals(1, res.get(1));
            assertSame(exc, res.get(2));
            assertInstanceOf(CancellationException.class, res.get(3));
            assertFalse(exc2 == res.get(2));
            return null;
        });
    }

    // CPython: test_asyncio.test_tasks.FutureGatherTests.test_one_cancellation
    @Tag("cpython")
    @Test
    void gatherOfCancelledChildFailsWithCancellationButIsNotCancelled() throws InterruptedException {
        run(() -> {
            EventLoop loop = EventLoop.getRunningLoop();
            Future<Integer> a = loop.createFuture();
            Future<Integer> b = loop.createFuture();
            Future<List<Integer>> g = Asyncio.gather(a, b);
            a.cancel();
            assertThrows(CancellationException.class, g::result);
            assertFalse(g.isCancelled());
            assertInstanceOf(CancellationException.class, g.exceptionNow());
            b.setResult(1);
            return null;
        });
    }

    // CPython: test_asyncio.test_tasks.CoroutineGatherTests.test_cancellation_broadcast
    @Tag("cpython")
    @Test
    void cancellingGatherCancelsTheChildren() throws InterruptedException {
        run(() -> {
            Task<Void> a = Asyncio.createTask(() -> {
                Asyncio.sleep(LONG);
                return null;
            });
            Task<Void> b = Asyncio.createTask(() -> {
                Asyncio.sleep(LONG);
                return null;
            });
            Future<List<Void>> g = Asyncio.gather(a, b);
            Asyncio.sleep(Duration.ZERO);
            assertTrue(g.cancel());
            assertThrows(CancellationException.class, g::result);
            assertTrue(a.isCancelled());
            assertTrue(b.isCancelled());
            return null;
        });
    }

    // CPython: test_asyncio.test_tasks.CoroutineGatherTests.test_cancellation_broadcast (the outer task)
    @Tag("cpython")
    @Test
    void cancellingTheTaskAwaitingGatherCancelsTheChildren() throws InterruptedException {
        run(() -> {
            Task<Void> a = Asyncio.createTask(() -> {
                Asyncio.sleep(LONG);
                return null;
            });
            Task<List<Void>> outer = Asyncio.createTask(() -> Asyncio.gather(a).result());
            Asyncio.sleep(SHORT);
            outer.cancel();
            assertThrows(CancellationException.class, outer::result);
            assertTrue(a.isCancelled());
            return null;
        });
    }

    // ------------------------------------------------------------------ 6c wait, as_completed, shield

    // CPython: test_asyncio.test_tasks.BaseTaskTests.test_wait_first_completed
    @Tag("cpython")
    @Test
    void waitFirstCompletedReturnsWhenOneIsDone() throws InterruptedException {
        run(() -> {
            Task<Integer> slow = Asyncio.createTask(() -> Asyncio.sleep(LONG, 1));
            Task<Integer> fast = Asyncio.createTask(() -> Asyncio.sleep(SHORT, 2));
            DoneAndNotDone r = Asyncio.wait(List.of(slow, fast), null, ReturnWhen.FIRST_COMPLETED);
            assertEquals(Set.of(fast), r.done());
            assertEquals(Set.of(slow), r.notDone());
            assertFalse(slow.isDone());
            slow.cancel();
            return null;
        });
    }

    // CPython: test_asyncio.test_tasks.BaseTaskTests.test_wait_first_exception
    @Tag("cpython")
    @Test
    void waitFirstExceptionReturnsOnFirstFailure() throws InterruptedException {
        run(() -> {
            Task<Integer> slow = Asyncio.createTask(() -> Asyncio.sleep(LONG, 1));
            Task<Integer> bad = Asyncio.createTask(() -> {
                Asyncio.sleep(SHORT);
                throw new IOException();
            });
            DoneAndNotDone r = Asyncio.wait(List.of(slow, bad), null, ReturnWhen.FIRST_EXCEPTION);
            assertEquals(Set.of(bad), r.done());
            assertEquals(Set.of(slow), r.notDone());
            slow.cancel();
            return null;
        });
    }

    // CPython: test_asyncio.test_tasks.BaseTaskTests.test_wait_with_timeout
    @Tag("cpython")
    @Test
    void waitWithTimeoutReturnsPendingWithoutRaising() throws InterruptedException {
        run(() -> {
            Task<Integer> quick = Asyncio.createTask(() -> Asyncio.sleep(SHORT, 1));
            Task<Integer> slow = Asyncio.createTask(() -> Asyncio.sleep(LONG, 2));
            long start = System.nanoTime();
            DoneAndNotDone r = Asyncio.wait(List.of(quick, slow, quick), Duration.ofMillis(110),
                    ReturnWhen.ALL_COMPLETED);
            Waits.assertTookAbout(Duration.ofMillis(110), start);
            assertEquals(Set.of(quick), r.done());
            assertEquals(Set.of(slow), r.notDone());
            slow.cancel();
            return null;
        });
    }

    // CPython: test_asyncio.test_tasks.BaseTaskTests.test_wait_errors
    @Tag("cpython")
    @Test
    void waitOnNothingIsRefused() throws InterruptedException {
        run(() -> {
            assertThrows(IllegalArgumentException.class, () -> Asyncio.wait(List.of(), null, ReturnWhen.ALL_COMPLETED));
            return null;
        });
    }

    // CPython: test_asyncio.test_tasks.BaseTaskTests.test_as_completed
    @Tag("cpython")
    @Test
    void asCompletedGivesFuturesInCompletionOrder() throws InterruptedException {
        assertEquals(List.of("b", "c", "a"), run(() -> {
            Task<String> a = Asyncio.createTask(() -> Asyncio.sleep(Duration.ofMillis(60), "a"));
            Task<String> b = Asyncio.createTask(() -> Asyncio.sleep(Duration.ofMillis(10), "b"));
            Task<String> c = Asyncio.createTask(() -> Asyncio.sleep(Duration.ofMillis(30), "c"));
            List<String> got = new ArrayList<>();
            for (Future<String> f : Asyncio.asCompleted(List.of(a, b, c), null)) {
                got.add(f.result());
            }
            return got;
        }));
    }

    // CPython: test_asyncio.test_tasks.BaseTaskTests.test_as_completed_with_timeout
    @Tag("cpython")
    @Test
    void asCompletedTimesOut() throws InterruptedException {
        run(() -> {
            Task<String> a = Asyncio.createTask(() -> Asyncio.sleep(LONG, "a"));
            Task<String> b = Asyncio.createTask(() -> Asyncio.sleep(SHORT, "b"));
            var it = Asyncio.asCompleted(List.of(a, b), Duration.ofMillis(100)).iterator();
            assertEquals("b", it.next().result());
            assertThrows(io.bingfa.futures.FuturesTimeoutException.class, it::next);
            a.cancel();
            return null;
        });
    }

    // CPython: test_asyncio.test_tasks.BaseTaskTests.test_shield_result / test_shield_exception
    @Tag("cpython")
    @Test
    void shieldPassesResultAndExceptionThrough() throws InterruptedException {
        run(() -> {
            EventLoop loop = EventLoop.getRunningLoop();
            Future<Integer> inner = loop.createFuture();
            Future<Integer> outer = Asyncio.shield(inner);
            inner.setResult(42);
            assertEquals(42, outer.result());
            Future<Integer> inner2 = loop.createFuture();
            Future<Integer> outer2 = Asyncio.shield(inner2);
            IOException boom = new IOException();
            inner2.setException(boom);
            assertSame(boom, assertThrows(CompletionException.class, outer2::result).getCause());
            assertSame(inner, Asyncio.shield(inner)); // done: returned as is
            return null;
        });
    }

    // CPython: test_asyncio.test_tasks.BaseTaskTests.test_shield_effect
    @Tag("cpython")
    @Test
    void cancellingTheShieldingTaskLeavesTheInnerRunning() throws InterruptedException {
        run(() -> {
            Task<Integer> inner = Asyncio.createTask(() -> Asyncio.sleep(Duration.ofMillis(30), 7));
            Task<Integer> outer = Asyncio.createTask(() -> Asyncio.shield(inner).result());
            Asyncio.sleep(Duration.ZERO);
            outer.cancel();
            assertThrows(CancellationException.class, outer::result);
            assertEquals(7, inner.result());
            return null;
        });
    }

    // CPython: test_asyncio.test_tasks.BaseTaskTests.test_shield_cancel_inner
    @Tag("cpython")
    @Test
    void cancellingTheInnerCancelsTheShield() throws InterruptedException {
        run(() -> {
            Future<Integer> inner = EventLoop.getRunningLoop().createFuture();
            Future<Integer> outer = Asyncio.shield(inner);
            inner.cancel();
            assertThrows(CancellationException.class, outer::result);
            return null;
        });
    }

    // CPython: test_asyncio.test_tasks.BaseTaskTests.test_shield_gather
    @Tag("cpython")
    @Test
    void cancellingTheShieldOfAGatherLeavesTheGatherAndItsChildren() throws InterruptedException {
        run(() -> {
            EventLoop loop = EventLoop.getRunningLoop();
            Future<Integer> child1 = loop.createFuture();
            Future<Integer> child2 = loop.createFuture();
            Future<List<Integer>> parent = Asyncio.gather(child1, child2);
            Future<List<Integer>> outer = Asyncio.shield(parent);
            AbstractAsyncioSyncTest.runBriefly();
            assertTrue(outer.cancel());
            AbstractAsyncioSyncTest.runBriefly();
            assertTrue(outer.isCancelled());
            assertFalse(parent.isDone());
            child1.setResult(1);
            child2.setResult(2);
            assertEquals(List.of(1, 2), parent.result());
            return null;
        });
    }

    // CPython: test_asyncio.test_tasks.BaseTaskTests.test_gather_shield
    @Tag("cpython")
    @Test
    void cancellingAGatherOfShieldsCancelsTheShieldsButNotTheChildren() throws InterruptedException {
        run(() -> {
            Task<Integer> child1 = Asyncio.createTask(() -> Asyncio.sleep(Duration.ofMillis(20), 1));
            Task<Integer> child2 = Asyncio.createTask(() -> Asyncio.sleep(Duration.ofMillis(20), 2));
            Future<Integer> inner1 = Asyncio.shield(child1);
            Future<Integer> inner2 = Asyncio.shield(child2);
            Future<List<Integer>> parent = Asyncio.gather(inner1, inner2);
            AbstractAsyncioSyncTest.runBriefly();
            assertTrue(parent.cancel());
            assertThrows(CancellationException.class, parent::result);
            assertInstanceOf(CancellationException.class, parent.exceptionNow());
            assertTrue(inner1.isCancelled());
            assertTrue(inner2.isCancelled());
            assertEquals(1, child1.result()); // the shielded children ran to the end
            assertEquals(2, child2.result());
            return null;
        });
    }

    // ------------------------------------------------------------------ 6d wait_for

    // CPython: test_asyncio.test_waitfor.AsyncioWaitForTest.test_wait_for
    @Tag("cpython")
    @Test
    void waitForTimeoutCancelsAndAwaitsTheInnerThenRaisesTimeoutChainedToCancellation()
            throws InterruptedException {
        run(() -> {
            boolean[] cleanedUp = {false};
            Task<Integer> inner = Asyncio.createTask(() -> {
                try {
                    Asyncio.sleep(LONG);
                    return 1;
                } finally {
                    Asyncio.sleep(SHORT); // slow cleanup, awaited by waitFor
                    cleanedUp[0] = true;
                }
            });
            long start = System.nanoTime();
            TimeoutException e = assertThrows(TimeoutException.class,
                    () -> Asyncio.waitFor(inner, Duration.ofMillis(100)));
            Waits.assertTookAbout(Duration.ofMillis(100), start);
            assertInstanceOf(CancellationException.class, e.getCause());
            assertTrue(cleanedUp[0]);
            assertTrue(inner.isCancelled());
            return null;
        });
    }

    // CPython: test_asyncio.test_waitfor.AsyncioWaitForTest.test_wait_for_timeout_less_then_0_or_0_future_done
    @Tag("cpython")
    @Test
    void waitForZeroOnDoneFutureReturnsItsResult() throws InterruptedException {
        run(() -> {
            Future<String> f = EventLoop.getRunningLoop().createFuture();
            f.setResult("done");
            assertEquals("done", Asyncio.waitFor(f, Duration.ZERO));
            // Python treats -1 as 0; API.md makes every negative timeout an IllegalArgumentException
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Asyncio.waitFor(f, Duration.ofSeconds(-1)));
            assertTrue(e.getMessage().contains("PT-1S"), e.getMessage());
            return null;
        });
    }

    // CPython: test_asyncio.test_waitfor.AsyncioWaitForTest.test_wait_for_timeout_less_then_0_or_0_coroutine_do_not_started
    @Tag("cpython")
    @Test
    void waitForZeroNeverStartsTheBody() throws InterruptedException {
        run(() -> {
            boolean[] started = {false};
            TimeoutException e = assertThrows(TimeoutException.class, () -> Asyncio.waitFor(() -> {
                started[0] = true;
                return 1;
            }, Duration.ZERO));
            assertInstanceOf(CancellationException.class, e.getCause());
            assertFalse(started[0]);
            return null;
        });
    }

    // CPython: test_asyncio.test_waitfor.AsyncioWaitForTest.test_wait_for_timeout_less_then_0_or_0
    @Tag("cpython")
    @Test
    void waitForZeroCancelsARunningTask() throws InterruptedException {
        run(() -> {
            Task<Integer> t = Asyncio.createTask(() -> Asyncio.sleep(LONG, 1));
            Asyncio.sleep(Duration.ZERO);
            assertThrows(IllegalArgumentException.class, () -> Asyncio.waitFor(t, Duration.ofSeconds(-1)));
            assertFalse(t.isDone(), "a refused timeout leaves the task alone");
            assertThrows(TimeoutException.class, () -> Asyncio.waitFor(t, Duration.ZERO));
            assertTrue(t.isCancelled());
            return null;
        });
    }

    // CPython: test_asyncio.test_waitfor.AsyncioWaitForTest.test_wait_for_cancel_suppressed
    @Tag("cpython")
    @Test
    void waitForReturnsTheValueOfAnInnerThatSuppressesTheCancel() throws InterruptedException {
        assertEquals(42, run(() -> Asyncio.waitFor(() -> {
            try {
                Asyncio.sleep(LONG);
            } catch (CancellationException swallowed) {
                // suppressed
            }
            return 42;
        }, Duration.ofMillis(20))));
    }

    // CPython: test_asyncio.test_waitfor.AsyncioWaitForTest.test_wait_for_reraises_exception_during_cancellation
    @Tag("cpython")
    @Test
    void waitForRaisesAnExceptionOfTheInnersCleanup() throws InterruptedException {
        run(() -> {
            CompletionException e = assertThrows(CompletionException.class, () -> Asyncio.waitFor(() -> {
                try {
                    Asyncio.sleep(LONG);
                    return 1;
                } finally {
                    throw new IOException("cleanup failed");
                }
            }, Duration.ofMillis(20)));
            assertInstanceOf(IOException.class, e.getCause());
            return null;
        });
    }

    // CPython: test_asyncio.test_waitfor.AsyncioWaitForTest.test_cancel_wait_for / test_cancel_blocking_wait_for
    @Tag("cpython")
    @Test
    void cancellingTheTaskInWaitForCancelsTheInner() throws InterruptedException {
        for (Duration timeout : new Duration[] {Duration.ofSeconds(60), null}) {
            run(() -> {
                Task<Integer> inner = Asyncio.createTask(() -> Asyncio.sleep(LONG, 1));
                Task<Integer> waiting = Asyncio.createTask(() -> Asyncio.waitFor(inner, timeout));
                Asyncio.sleep(SHORT);
                waiting.cancel();
                assertThrows(CancellationException.class, waiting::result);
                assertTrue(inner.isCancelled(), "timeout " + timeout);
                return null;
            });
        }
    }

    /**
     * A body that holds up every cancellation until {@code length} has passed (CPython's
     * {@code SlowTask}); {@code state[0]} is set when it starts, {@code state[1]} when it ends.
     */
    private static AsyncTask<String> slowToCancel(Duration length, boolean[] state) {
        return () -> {
            state[0] = true;
            long end = System.nanoTime() + length.toNanos();
            long left;
            while ((left = end - System.nanoTime()) > 0L) {
                try {
                    Asyncio.sleep(Duration.ofNanos(left));
                } catch (CancellationException heldUp) {
                    // ignored until the time is up
                }
            }
            state[1] = true;
            return "exited";
        };
    }

    // CPython: test_asyncio.test_waitfor.AsyncioWaitForTest.test_asyncio_wait_for_timeout
    @Tag("cpython")
    @Test
    void timedOutWaitForWaitsForAnInnerThatHoldsUpItsCancellation() throws InterruptedException {
        run(() -> {
            boolean[] state = {false, false};
            String got = Asyncio.waitFor(slowToCancel(Duration.ofMillis(200), state), Duration.ofMillis(50));
            assertTrue(state[1], "waitFor returned before the inner ended");
            assertEquals("exited", got); // the inner swallowed the cancellation: its value comes through
            return null;
        });
    }

    // CPython: test_asyncio.test_waitfor.AsyncioWaitForTest.test_asyncio_wait_for_cancelled
    @Tag("cpython")
    @Test
    void cancelledWaitForWaitsForAnInnerThatHoldsUpItsCancellation() throws InterruptedException {
        run(() -> {
            boolean[] state = {false, false};
            Task<String> waiting = Asyncio.createTask(
                    () -> Asyncio.waitFor(slowToCancel(Duration.ofMillis(200), state), Duration.ofMillis(400)));
            while (!state[0]) {
                Asyncio.sleep(Duration.ZERO); // until waitFor awaits its started inner
            }
            waiting.cancel();
            Asyncio.wait(List.of(waiting), null, ReturnWhen.ALL_COMPLETED);
            assertTrue(state[1], "the waiting task ended before its inner");
            assertEquals("exited", waiting.result()); // swallowed by the inner, as in Python
            return null;
        });
    }

    // CPython: test_asyncio.test_waitfor.AsyncioWaitForTest.test_wait_for_self_cancellation
    @Tag("cpython")
    @Test
    void waitForCancelledBeforeItStartsEndsCancelledAndLeavesTheInnerAlone() throws InterruptedException {
        run(() -> {
            Task<Integer> inner = Asyncio.createTask(() -> {
                try {
                    Asyncio.sleep(Duration.ofMillis(30));
                } catch (CancellationException first) {
                    try {
                        Asyncio.sleep(Duration.ofMillis(30));
                    } catch (CancellationException second) {
                        Asyncio.sleep(Duration.ofMillis(30));
                    }
                }
                return 42;
            });
            Task<Integer> waiting = Asyncio.createTask(() -> Asyncio.waitFor(inner, Duration.ofMillis(10)));
            waiting.cancel();
            assertThrows(CancellationException.class, waiting::result);
            assertEquals(42, inner.result());
            assertFalse(inner.isCancelled());
            return null;
        });
    }

    // CPython: test_asyncio.test_waitfor.AsyncioWaitForTest.test_wait_for_issue86296
    @Tag("cpython")
    @Test
    void cancelArrivingAsTheInnerCompletesIsNotSwallowed() throws InterruptedException {
        run(() -> {
            boolean[] reachedEnd = {false};
            Task<Void> t = Asyncio.createTask(() -> {
                Asyncio.waitFor(() -> null, Duration.ofSeconds(100));
                Asyncio.sleep(LONG);
                reachedEnd[0] = true;
                return null;
            });
            Asyncio.sleep(Duration.ZERO);
            assertFalse(t.isDone());
            t.cancel();
            assertThrows(CancellationException.class, t::result);

            // the race itself: the awaited future is done, and the cancel comes before waitFor resumes
            Future<String> f = EventLoop.getRunningLoop().createFuture();
            Task<Void> u = Asyncio.createTask(() -> {
                Asyncio.waitFor(f, Duration.ofSeconds(100));
                Asyncio.sleep(LONG);
                reachedEnd[0] = true;
                return null;
            });
            AbstractAsyncioSyncTest.runBriefly();
            f.setResult("done");
            u.cancel();
            assertThrows(CancellationException.class, u::result);
            assertFalse(reachedEnd[0]);
            return null;
        });
    }

    // CPython: test_asyncio.test_waitfor.AsyncioWaitForTest.test_wait_for_with_global_loop (timeout=None)
    @Tag("cpython")
    @Test
    void waitForWithoutTimeoutWaits() throws InterruptedException {
        assertEquals(5, run(() -> Asyncio.waitFor(() -> Asyncio.sleep(SHORT, 5), null)));
    }

    // ------------------------------------------------------------------ 6d timeout

    // CPython: test_asyncio.test_timeouts.TimeoutTests.test_timeout_basic
    @Tag("cpython")
    @Test
    void timeoutRaisesTimeoutExceptionCausedByCancellation() throws InterruptedException {
        run(() -> {
            Timeout cm = Asyncio.timeout(Duration.ofMillis(10));
            TimeoutException e = assertThrows(TimeoutException.class, () -> cm.call(() -> {
                Asyncio.sleep(LONG);
                return null;
            }));
            assertTrue(cm.expired());
            assertInstanceOf(CancellationException.class, e.getCause());
            assertEquals("Timeout[expired]", cm.toString());
            assertEquals(0, Asyncio.currentTask().cancelling());
            return null;
        });
    }

    // CPython: test_asyncio.test_timeouts.TimeoutTests.test_timeout_at_basic
    @Tag("cpython")
    @Test
    void timeoutAtKeepsItsDeadline() throws InterruptedException {
        run(() -> {
            double deadline = EventLoop.getRunningLoop().time() + 0.01;
            Timeout cm = Asyncio.timeoutAt(deadline);
            assertEquals(deadline, cm.when());
            assertThrows(TimeoutException.class, () -> cm.call(() -> Asyncio.sleep(LONG, null)));
            return null;
        });
    }

    // CPython: test_asyncio.test_timeouts.TimeoutTests.test_nested_timeouts
    @Tag("cpython")
    @Test
    void nestedTimeoutsWithEqualDeadlinesOnlyOutermostRaises() throws InterruptedException {
        run(() -> {
            double when = EventLoop.getRunningLoop().time() + 0.01;
            boolean[] innerSawCancellation = {false};
            Timeout outer = Asyncio.timeoutAt(when);
            Timeout inner = Asyncio.timeoutAt(when);
            assertThrows(TimeoutException.class, () -> outer.call(() -> {
                try {
                    return inner.call(() -> Asyncio.sleep(LONG, null));
                } catch (CancellationException e) {
                    innerSawCancellation[0] = true;
                    throw e;
                }
            }));
            assertTrue(innerSawCancellation[0]);
            assertTrue(outer.expired());
            assertTrue(inner.expired());
            return null;
        });
    }

    // CPython: test_asyncio.test_timeouts.TimeoutTests.test_nested_timeouts_concurrent
    @Tag("cpython")
    @Test
    void innerTimeoutFiringIsCaughtInsideAndOuterStillFires() throws InterruptedException {
        run(() -> {
            boolean[] innerTimedOut = {false};
            assertThrows(TimeoutException.class, () -> Asyncio.timeout(Duration.ofMillis(100), () -> {
                try {
                    Asyncio.timeout(Duration.ofMillis(10), () -> Asyncio.sleep(LONG, null));
                } catch (TimeoutException e) {
                    innerTimedOut[0] = true;
                }
                Asyncio.sleep(LONG);
                return null;
            }));
            assertTrue(innerTimedOut[0]);
            return null;
        });
    }

    /** Keeps the loop busy: spins without an await point, so no timer or other task runs. */
    private static void busy(Duration d) {
        long end = System.nanoTime() + d.toNanos();
        while (System.nanoTime() - end < 0L) {
            Thread.onSpinWait();
        }
    }

    // CPython: test_asyncio.test_timeouts.TimeoutTests.test_nested_timeouts_loop_busy
    @Tag("cpython")
    @Test
    void outerTimeoutStillRaisesWhenTheLoopWasBusyPastBothDeadlines() throws InterruptedException {
        run(() -> {
            List<String> seen = new ArrayList<>();
            Timeout outer = Asyncio.timeout(Duration.ofMillis(30));
            Timeout inner = Asyncio.timeout(Duration.ofMillis(10));
            TimeoutException e = assertThrows(TimeoutException.class, () -> outer.call(() -> {
                try {
                    inner.call(() -> {
                        busy(Duration.ofMillis(60)); // both deadlines pass while nothing else runs
                        return Asyncio.sleep(Duration.ofSeconds(1), null);
                    });
                    seen.add("inner ended");
                } catch (TimeoutException timedOut) {
                    seen.add("inner TimeoutException");
                } catch (CancellationException c) {
                    seen.add("inner CancellationException");
                    throw c;
                }
                Asyncio.sleep(LONG); // cut short by the outer scope if it were reached
                seen.add("after the long sleep");
                return null;
            }));
            // Both scopes cancelled the task before it ran again: the inner one sees a cancellation
            // that is not only its own, lets it through, and the outer one turns it into the timeout.
            assertEquals(List.of("inner CancellationException"), seen);
            assertInstanceOf(CancellationException.class, e.getCause());
            assertTrue(inner.expired());
            assertTrue(outer.expired());
            assertEquals(0, Asyncio.currentTask().cancelling());
            return null;
        });
    }

    // CPython: test_asyncio.test_timeouts.TimeoutTests.test_timeout_disabled / test_timeout_zero / test_timeout_in_the_past
    @Tag("cpython")
    @Test
    void timeoutNoneNeverExpiresAndZeroOrPastExpiresEvenAroundAYield() throws InterruptedException {
        run(() -> {
            Timeout never = Asyncio.timeout(null);
            assertNull(never.when());
            assertEquals(3, never.call(() -> Asyncio.sleep(SHORT, 3)));
            assertFalse(never.expired());
            assertThrows(TimeoutException.class, () -> Asyncio.timeout(Duration.ZERO, () -> Asyncio.sleep(Duration.ZERO, null)));
            double past = EventLoop.getRunningLoop().time() - 11;
            assertThrows(TimeoutException.class, () -> Asyncio.timeoutAt(past).call(() -> Asyncio.sleep(Duration.ZERO, null)));
            assertThrows(IllegalArgumentException.class, () -> Asyncio.timeout(Duration.ofSeconds(-11)));
            return null;
        });
    }

    // CPython: test_asyncio.test_timeouts.TimeoutTests.test_reschedule / test_repr_* / test_timeout_double_enter
    @Tag("cpython")
    @Test
    void rescheduleAndMisuse() throws InterruptedException {
        run(() -> {
            Timeout t = Asyncio.timeout(Duration.ofSeconds(10));
            assertThrows(IllegalStateException.class, () -> t.reschedule(1.0)); // not entered
            t.call(() -> {
                double later = EventLoop.getRunningLoop().time() + 20;
                t.reschedule(later);
                assertEquals(later, t.when());
                t.reschedule(null);
                assertNull(t.when());
                assertTrue(t.toString().startsWith("Timeout[active"));
                return null;
            });
            assertEquals("Timeout[finished]", t.toString());
            assertThrows(IllegalStateException.class, () -> t.reschedule(1.0));
            IllegalStateException twice = assertThrows(IllegalStateException.class, () -> t.call(() -> null));
            assertTrue(twice.getMessage().contains("has already been entered"));
            return null;
        });
        assertThrows(IllegalStateException.class, () -> Asyncio.timeout(SHORT).call(() -> null)); // outside a task
    }

    // CPython: test_asyncio.test_timeouts.TimeoutTests.test_outer_task_is_not_cancelled (an external cancel stays a cancel)
    @Tag("cpython")
    @Test
    void externalCancelInsideTimeoutStaysCancellation() throws InterruptedException {
        run(() -> {
            Task<Void> t = Asyncio.createTask(() -> Asyncio.timeout(LONG, () -> Asyncio.sleep(LONG, null)));
            Asyncio.sleep(SHORT);
            t.cancel();
            assertThrows(CancellationException.class, t::result);
            return null;
        });
    }

    // CPython: test_asyncio.test_timeouts.TimeoutTests.test_timeout_after_cancellation
    @Tag("cpython")
    @Test
    void timeoutInFinallyAfterSwallowedCancelStillWorks() throws InterruptedException {
        run(() -> {
            Task<String> t = Asyncio.createTask(() -> {
                try {
                    Asyncio.sleep(LONG);
                } catch (CancellationException swallowed) {
                    Asyncio.currentTask().uncancel();
                }
                try {
                    Asyncio.timeout(Duration.ofMillis(10), () -> Asyncio.sleep(LONG, null));
                    return "no timeout";
                } catch (TimeoutException e) {
                    return "timed out";
                }
            });
            Asyncio.sleep(Duration.ZERO);
            t.cancel();
            assertEquals("timed out", t.result());
            return null;
        });
    }
}

package io.bingfa.asyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bingfa.queue.QueueEmptyException;
import io.bingfa.queue.QueueFullException;
import io.bingfa.queue.QueueShutDownException;
import io.bingfa.threading.Held;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The contract of the loop-confined synchronisation primitives and queues (CONFORMANCE 6a, 6b), run
 * once per {@link SchedulerPath} by the subclasses. Every test runs its body as the main task of
 * {@code EventLoop.run}; {@link #runBriefly()} stands for CPython's {@code test_utils.run_briefly}.
 */
abstract class AbstractAsyncioSyncTest {
    private static final Duration SHORT = Duration.ofMillis(50);

    /** The path under test. */
    abstract SchedulerPath path();

    <T> T run(AsyncTask<T> main) throws InterruptedException {
        return EventLoop.run(path(), main);
    }

    /** Lets every ready task run until it next waits (a few bare yields of the main task). */
    static void runBriefly() {
        for (int i = 0; i < 10; i++) {
            Asyncio.sleep(Duration.ZERO);
        }
    }

    static AsyncTask<Void> lockAndRecord(Lock lock, List<Integer> result, int id) {
        return () -> {
            lock.acquire();
            result.add(id);
            return null;
        };
    }

    // ================================================================== Lock

    // CPython: test_asyncio.test_locks.LockTests.test_repr
    @Test
    @Tag("cpython")
    void lockToStringShowsLockedState() throws InterruptedException {
        Lock lock = new Lock();
        assertEquals("Lock[unlocked]", lock.toString());
        run(() -> lock.acquire());
        assertEquals("Lock[locked]", lock.toString());
    }

    // CPython: test_asyncio.test_locks.LockTests.test_lock
    @Test
    @Tag("cpython")
    void lockAcquireReturnsTrueAndRelease() throws InterruptedException {
        Lock lock = new Lock();
        run(() -> {
            assertTrue(lock.acquire());
            assertTrue(lock.locked());
            lock.release();
            assertFalse(lock.locked());
            return null;
        });
    }

    // CPython: test_asyncio.test_locks.LockTests.test_acquire
    @Test
    @Tag("cpython")
    void lockIsHandedToWaitersInFifoOrder() throws InterruptedException {
        Lock lock = new Lock();
        List<Integer> result = new ArrayList<>();
        run(() -> {
            assertTrue(lock.acquire());
            Task<Void> t1 = Asyncio.createTask(lockAndRecord(lock, result, 1));
            Task<Void> t2 = Asyncio.createTask(lockAndRecord(lock, result, 2));
            runBriefly();
            assertEquals(List.of(), result);
            lock.release();
            runBriefly();
            assertEquals(List.of(1), result);
            Task<Void> t3 = Asyncio.createTask(lockAndRecord(lock, result, 3));
            runBriefly();
            lock.release();
            runBriefly();
            assertEquals(List.of(1, 2), result);
            lock.release();
            runBriefly();
            assertEquals(List.of(1, 2, 3), result);
            assertTrue(t1.isDone() && t2.isDone() && t3.isDone());
            return null;
        });
    }

    @Test
    void newcomerDoesNotOvertakeWokenWaiter() throws InterruptedException {
        Lock lock = new Lock();
        List<Integer> result = new ArrayList<>();
        run(() -> {
            lock.acquire();
            Asyncio.createTask(lockAndRecord(lock, result, 1));
            runBriefly();
            lock.release(); // handed to 1, which has not run yet
            assertFalse(lock.locked());
            Asyncio.createTask(lockAndRecord(lock, result, 2));
            runBriefly();
            assertEquals(List.of(1), result);
            lock.release();
            runBriefly();
            assertEquals(List.of(1, 2), result);
            return null;
        });
    }

    // CPython: test_asyncio.test_locks.LockTests.test_acquire_cancel
    @Test
    @Tag("cpython")
    void cancelledLockWaiterIsRemoved() throws InterruptedException {
        Lock lock = new Lock();
        run(() -> {
            lock.acquire();
            Task<Boolean> task = Asyncio.createTask(lock::acquire);
            runBriefly();
            assertEquals(1, lock.waiterCount());
            task.cancel();
            assertThrows(CancellationException.class, task::result);
            assertEquals(0, lock.waiterCount());
            assertTrue(lock.locked());
            return null;
        });
    }

    // CPython: test_asyncio.test_locks.LockTests.test_cancel_race
    @Test
    @Tag("cpython")
    void cancelledWaiterAtReleaseLetsNextWaiterIn() throws InterruptedException {
        Lock lock = new Lock();
        run(() -> {
            EventLoop loop = EventLoop.getRunningLoop();
            Future<Void> fa = loop.createFuture();
            Task<Void> ta = Asyncio.createTask(lockit(lock, fa));
            runBriefly();
            assertTrue(lock.locked());
            Task<Void> tb = Asyncio.createTask(lockit(lock, null));
            runBriefly();
            assertEquals(1, lock.waiterCount());
            Task<Void> tc = Asyncio.createTask(lockit(lock, null));
            runBriefly();
            assertEquals(2, lock.waiterCount());
            fa.setResult(null);
            tb.cancel();
            runBriefly();
            assertFalse(lock.locked());
            assertTrue(ta.isDone());
            assertTrue(tb.isCancelled());
            assertTrue(tc.isDone());
            assertNull(tc.resultNow()); // C got the lock and ended normally
            return null;
        });
    }

    private static AsyncTask<Void> lockit(Lock lock, Future<Void> blocker) {
        return () -> {
            lock.acquire();
            try {
                if (blocker != null) {
                    blocker.result();
                }
            } finally {
                lock.release();
            }
            return null;
        };
    }

    // CPython: test_asyncio.test_locks.LockTests.test_cancel_release_race
    @Test
    @Tag("cpython")
    void waiterCancelledAfterHandOverPassesTheLockOn() throws InterruptedException {
        Lock lock = new Lock();
        List<String> order = new ArrayList<>();
        run(() -> {
            lock.acquire();
            AsyncTask<Void> body = () -> {
                lock.acquire();
                order.add("t2");
                lock.release();
                return null;
            };
            Task<Void> t1 = Asyncio.createTask(() -> {
                lock.acquire();
                order.add("t1");
                lock.release();
                return null;
            });
            Task<Void> t2 = Asyncio.createTask(body);
            runBriefly();
            lock.release(); // hands the lock to t1 ...
            t1.cancel();    // ... which is cancelled before it runs
            runBriefly();
            assertTrue(t1.isCancelled());
            assertEquals(List.of("t2"), order);
            assertTrue(t2.isDone());
            assertFalse(lock.locked());
            return null;
        });
    }

    // CPython: test_asyncio.test_locks.LockTests.test_finished_waiter_cancelled
    @Test
    @Tag("cpython")
    void finishedWaiterCancelledNeverMakesTwoOwners() throws InterruptedException {
        Lock lock = new Lock();
        run(() -> {
            lock.acquire();
            Task<Boolean> ta = Asyncio.createTask(lock::acquire);
            runBriefly();
            Task<Boolean> tb = Asyncio.createTask(lock::acquire);
            runBriefly();
            assertEquals(2, lock.waiterCount());
            lock.release(); // ta is handed the lock
            ta.cancel();
            runBriefly();
            assertTrue(ta.isCancelled());
            assertTrue(tb.isDone());
            assertTrue(tb.resultNow());
            assertTrue(lock.locked());
            lock.release();
            return null;
        });
    }

    // CPython: test_asyncio.test_locks.LockTests.test_release_not_acquired
    @Test
    @Tag("cpython")
    void releasingUnlockedLockThrows() throws InterruptedException {
        Lock lock = new Lock();
        IllegalMonitorStateException e = run(() -> assertThrows(IllegalMonitorStateException.class, lock::release));
        assertEquals("Lock is not acquired.", e.getMessage());
    }

    // CPython: test_asyncio.test_locks.LockTests.test_context_manager
    @Test
    @Tag("cpython")
    void holdReleasesOnClose() throws InterruptedException {
        Lock lock = new Lock();
        run(() -> {
            try (Held held = lock.hold()) {
                assertTrue(lock.locked());
            }
            assertFalse(lock.locked());
            return null;
        });
    }

    @Test
    void lockUsedFromAnotherThreadThrows() throws InterruptedException {
        Lock lock = new Lock();
        run(lock::acquire);
        IllegalStateException e = assertThrows(IllegalStateException.class, lock::release);
        assertTrue(e.getMessage().contains("loop-confined"), e.getMessage());
    }

    @Test
    void lockBoundToOneLoopRefusesAnother() throws InterruptedException {
        Lock lock = new Lock();
        run(() -> {
            lock.acquire();
            lock.release();
            return null;
        });
        Throwable t = run(() -> {
            try {
                lock.acquire();
                return null;
            } catch (IllegalStateException e) {
                return e;
            }
        });
        assertInstanceOf(IllegalStateException.class, t);
        assertTrue(t.getMessage().contains("is bound to a different event loop"), t.getMessage());
    }

    @Test
    void waitingOnTheLoopThreadThrowsInsteadOfStalling() throws InterruptedException {
        Lock lock = new Lock();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        run(() -> {
            lock.acquire();
            Future<Void> ran = EventLoop.getRunningLoop().createFuture();
            EventLoop.getRunningLoop().callSoon(() -> {
                try {
                    lock.acquire();
                } catch (Throwable t) {
                    thrown.set(t);
                }
                ran.setResult(null);
            });
            ran.result();
            assertEquals(0, lock.waiterCount());
            return null;
        });
        assertInstanceOf(IllegalStateException.class, thrown.get());
    }

    @Test
    void lockTimesOutWithWaitForAndLeavesNoWaiter() throws InterruptedException {
        Lock lock = new Lock();
        run(() -> {
            lock.acquire();
            assertThrows(TimeoutException.class, () -> Asyncio.waitFor(lock::acquire, SHORT));
            runBriefly();
            assertEquals(0, lock.waiterCount());
            lock.release();
            assertTrue(lock.acquire());
            return null;
        });
    }

    // ================================================================== Event

    // CPython: test_asyncio.test_locks.EventTests.test_repr
    @Test
    @Tag("cpython")
    void eventToStringShowsState() throws InterruptedException {
        Event ev = new Event();
        assertEquals("Event[unset]", ev.toString());
        run(() -> {
            Asyncio.createTask(ev::await);
            runBriefly();
            assertEquals("Event[unset, waiters:1]", ev.toString());
            ev.set();
            assertTrue(ev.toString().startsWith("Event[set"), ev.toString());
            return null;
        });
        assertEquals("Event[set]", ev.toString());
    }

    // CPython: test_asyncio.test_locks.EventTests.test_wait
    @Test
    @Tag("cpython")
    void setWakesEveryWaiter() throws InterruptedException {
        Event ev = new Event();
        List<Integer> result = new ArrayList<>();
        run(() -> {
            assertFalse(ev.isSet());
            List<Task<Void>> tasks = new ArrayList<>();
            for (int i = 1; i <= 2; i++) {
                int id = i;
                tasks.add(Asyncio.createTask(() -> {
                    if (ev.await()) {
                        result.add(id);
                    }
                    return null;
                }));
            }
            runBriefly();
            assertEquals(List.of(), result);
            tasks.add(Asyncio.createTask(() -> {
                if (ev.await()) {
                    result.add(3);
                }
                return null;
            }));
            ev.set();
            runBriefly();
            assertEquals(List.of(3, 1, 2), result); // 3 never waits: the flag is set when it starts
            for (Task<Void> t : tasks) {
                assertTrue(t.isDone());
            }
            return null;
        });
    }

    // CPython: test_asyncio.test_locks.EventTests.test_wait_on_set
    @Test
    @Tag("cpython")
    void awaitOnSetEventReturnsTrueAtOnce() throws InterruptedException {
        Event ev = new Event();
        assertTrue(run(() -> {
            ev.set();
            return ev.await();
        }));
    }

    // CPython: test_asyncio.test_locks.EventTests.test_wait_cancel
    @Test
    @Tag("cpython")
    void cancelledEventWaitLeavesNoWaiter() throws InterruptedException {
        Event ev = new Event();
        run(() -> {
            Task<Boolean> wait = Asyncio.createTask(ev::await);
            EventLoop.getRunningLoop().callSoon(wait::cancel);
            assertThrows(CancellationException.class, wait::result);
            assertEquals(0, ev.waiterCount());
            return null;
        });
    }

    // CPython: test_asyncio.test_locks.EventTests.test_clear_with_waiters
    @Test
    @Tag("cpython")
    void setThenClearStillWakesWaiter() throws InterruptedException {
        Event ev = new Event();
        List<Integer> result = new ArrayList<>();
        run(() -> {
            Task<Boolean> t = Asyncio.createTask(() -> {
                boolean r = ev.await();
                result.add(1);
                return r;
            });
            runBriefly();
            ev.set();
            ev.clear();
            assertFalse(ev.isSet());
            ev.set();
            ev.set();
            assertEquals(1, ev.waiterCount());
            runBriefly();
            assertEquals(List.of(1), result);
            assertEquals(0, ev.waiterCount());
            assertTrue(t.resultNow());
            return null;
        });
    }

    // ================================================================== Semaphore

    // CPython: test_asyncio.test_locks.SemaphoreTests.test_initial_value_zero
    @Test
    @Tag("cpython")
    void semaphoreWithNoPermitIsLocked() {
        assertTrue(new Semaphore(0).locked());
    }

    // CPython: test_asyncio.test_locks.SemaphoreTests.test_semaphore_value
    @Test
    @Tag("cpython")
    void negativeSemaphoreValueIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Semaphore(-1));
    }

    // CPython: test_asyncio.test_locks.SemaphoreTests.test_repr
    @Test
    @Tag("cpython")
    void semaphoreToStringShowsState() throws InterruptedException {
        Semaphore sem = new Semaphore();
        assertEquals("Semaphore[unlocked, value:1]", sem.toString());
        run(() -> {
            sem.acquire();
            assertEquals("Semaphore[locked]", sem.toString());
            Asyncio.createTask(sem::acquire);
            Asyncio.createTask(sem::acquire);
            runBriefly();
            assertEquals("Semaphore[locked, waiters:2]", sem.toString());
            sem.release();
            sem.release();
            runBriefly();
            return null;
        });
    }

    // CPython: test_asyncio.test_locks.SemaphoreTests.test_acquire
    @Test
    @Tag("cpython")
    void releasesLetExactlyThatManyWaitersThrough() throws InterruptedException {
        Semaphore sem = new Semaphore(3);
        List<Integer> result = new ArrayList<>();
        run(() -> {
            assertTrue(sem.acquire());
            assertTrue(sem.acquire());
            assertFalse(sem.locked());
            List<Task<Boolean>> tasks = new ArrayList<>();
            for (int i = 1; i <= 4; i++) {
                int id = i;
                tasks.add(Asyncio.createTask(() -> {
                    sem.acquire();
                    result.add(id);
                    return true;
                }));
            }
            runBriefly();
            assertEquals(List.of(1), result);
            assertTrue(sem.locked());
            assertEquals(3, sem.waiterCount());
            assertEquals(0, sem.value());
            sem.release();
            sem.release();
            runBriefly();
            assertEquals(List.of(1, 2, 3), result);
            assertEquals(0, sem.value());
            assertFalse(tasks.get(3).isDone());
            tasks.get(3).cancel();
            runBriefly();
            return null;
        });
    }

    // CPython: test_asyncio.test_locks.SemaphoreTests.test_acquire_fifo_order
    @Test
    @Tag("cpython")
    void semaphoreHandsOverInStrictFifoOrder() throws InterruptedException {
        Semaphore sem = new Semaphore(1);
        List<String> result = new ArrayList<>();
        run(() -> {
            List<Task<Void>> tasks = new ArrayList<>();
            for (String name : List.of("c1", "c2", "c3")) {
                tasks.add(Asyncio.createTask(() -> {
                    for (int i = 1; i <= 2; i++) {
                        sem.acquire();
                        try {
                            result.add(name + "_" + i);
                            Asyncio.sleep(Duration.ZERO);
                        } finally {
                            sem.release();
                        }
                    }
                    return null;
                }));
            }
            Asyncio.gather(tasks).result();
            return null;
        });
        assertEquals(List.of("c1_1", "c2_1", "c3_1", "c1_2", "c2_2", "c3_2"), result);
    }

    // CPython: test_asyncio.test_locks.SemaphoreTests.test_acquire_fifo_order_3
    @Test
    @Tag("cpython")
    void cancelledSemaphoreWaiterIsSkipped() throws InterruptedException {
        Semaphore sem = new Semaphore(0);
        List<Integer> result = new ArrayList<>();
        run(() -> {
            List<Task<Void>> tasks = new ArrayList<>();
            for (int i = 1; i <= 3; i++) {
                int id = i;
                tasks.add(Asyncio.createTask(() -> {
                    sem.acquire();
                    result.add(id);
                    return null;
                }));
            }
            runBriefly();
            tasks.get(0).cancel();
            runBriefly();
            sem.release();
            sem.release();
            runBriefly();
            assertEquals(List.of(2, 3), result);
            return null;
        });
    }

    // CPython: test_asyncio.test_locks.SemaphoreTests.test_acquire_cancel_before_awoken
    @Test
    @Tag("cpython")
    void cancelledWaiterNeverConsumesARelease() throws InterruptedException {
        Semaphore sem = new Semaphore(0);
        run(() -> {
            Task<Boolean> t1 = Asyncio.createTask(sem::acquire);
            Task<Boolean> t2 = Asyncio.createTask(sem::acquire);
            Task<Boolean> t3 = Asyncio.createTask(sem::acquire);
            Task<Boolean> t4 = Asyncio.createTask(sem::acquire);
            runBriefly();
            t1.cancel();
            t2.cancel();
            sem.release();
            runBriefly();
            int done = 0;
            for (Task<Boolean> t : List.of(t3, t4)) {
                done += t.isDone() ? 1 : 0;
            }
            assertEquals(1, done);
            assertTrue(t3.isDone());
            assertFalse(t4.isDone());
            assertTrue(t1.isCancelled() && t2.isCancelled());
            t4.cancel();
            runBriefly();
            return null;
        });
    }

    // CPython: test_asyncio.test_locks.SemaphoreTests.test_acquire_hang
    @Test
    @Tag("cpython")
    void permitHandedToCancelledWaiterGoesToTheNext() throws InterruptedException {
        Semaphore sem = new Semaphore(0);
        run(() -> {
            Task<Boolean> t1 = Asyncio.createTask(sem::acquire);
            Task<Boolean> t2 = Asyncio.createTask(sem::acquire);
            runBriefly();
            sem.release(); // handed to t1
            t1.cancel();
            runBriefly();
            assertTrue(t1.isCancelled());
            assertTrue(t2.isDone());
            assertTrue(sem.locked());
            return null;
        });
    }

    // CPython: test_asyncio.test_locks.SemaphoreTests.test_acquire_no_hang
    @Test
    @Tag("cpython")
    void semaphoreNeverDeadlocksUnderCancellation() throws InterruptedException {
        Semaphore sem = new Semaphore(1);
        run(() -> {
            AsyncTask<Void> c1 = () -> {
                sem.acquire();
                try {
                    Asyncio.sleep(Duration.ZERO);
                } finally {
                    sem.release();
                }
                return null;
            };
            Task<Void> a = Asyncio.createTask(c1);
            Task<Void> b = Asyncio.createTask(c1);
            Asyncio.sleep(Duration.ZERO);
            a.cancel();
            runBriefly();
            assertTrue(b.isDone());
            Asyncio.waitFor(sem::acquire, Duration.ofSeconds(10));
            return null;
        });
    }

    // CPython: test_asyncio.test_locks.SemaphoreTests.test_release_not_acquired
    @Test
    @Tag("cpython")
    void boundedSemaphoreRefusesReleaseBeyondInitialValue() throws InterruptedException {
        BoundedSemaphore sem = new BoundedSemaphore();
        run(() -> {
            IllegalStateException e = assertThrows(IllegalStateException.class, sem::release);
            assertTrue(e.getMessage().contains("released too many times"), e.getMessage());
            sem.acquire();
            sem.release();
            return null;
        });
    }

    // ================================================================== Queue

    // CPython: test_asyncio.test_queues.QueueBasicTests.test_order
    @Test
    @Tag("cpython")
    void queuesReturnItemsInTheirOrder() throws InterruptedException {
        run(() -> {
            assertEquals(List.of(1, 3, 2), drain(new Queue<>(), 1, 3, 2));
            assertEquals(List.of(2, 3, 1), drain(new LifoQueue<>(), 1, 3, 2));
            assertEquals(List.of(1, 2, 3), drain(new PriorityQueue<>(), 1, 3, 2));
            return null;
        });
    }

    private static List<Integer> drain(Queue<Integer> q, Integer... items) {
        for (Integer i : items) {
            q.putNowait(i);
        }
        List<Integer> out = new ArrayList<>();
        while (!q.empty()) {
            out.add(q.getNowait());
        }
        return out;
    }

    // CPython: test_asyncio.test_queues.QueueBasicTests.test_empty
    @Test
    @Tag("cpython")
    void emptyAndFull() throws InterruptedException {
        run(() -> {
            Queue<Integer> q = new Queue<>();
            assertTrue(q.empty());
            q.putNowait(1);
            assertFalse(q.empty());
            assertFalse(q.full()); // an unbounded queue is never full
            Queue<Integer> q1 = new Queue<>(1);
            q1.putNowait(1);
            assertTrue(q1.full());
            assertThrows(QueueFullException.class, () -> q1.putNowait(2));
            assertEquals(1, q1.getNowait());
            assertThrows(QueueEmptyException.class, q1::getNowait);
            return null;
        });
    }

    // CPython: test_asyncio.test_queues.QueueBasicTests.test_maxsize
    @Test
    @Tag("cpython")
    void thirdPutWaitsUntilAGet() throws InterruptedException {
        run(() -> {
            Queue<Integer> q = new Queue<>(2);
            assertEquals(2, q.maxsize());
            List<Integer> have = new ArrayList<>();
            Task<Void> putter = Asyncio.createTask(() -> {
                for (int i = 0; i < 3; i++) {
                    q.put(i);
                    have.add(i);
                }
                return null;
            });
            runBriefly();
            assertEquals(List.of(0, 1), have);
            assertEquals(0, q.get());
            runBriefly();
            assertEquals(List.of(0, 1, 2), have);
            assertTrue(putter.isDone());
            return null;
        });
    }

    // CPython: test_asyncio.test_queues.QueueGetTests.test_get_with_waiting_putters
    @Test
    @Tag("cpython")
    void blockedPuttersAreServedFifo() throws InterruptedException {
        run(() -> {
            Queue<String> q = new Queue<>(1);
            q.putNowait("a");
            Task<Void> p1 = Asyncio.createTask(() -> {
                q.put("b");
                return null;
            });
            Task<Void> p2 = Asyncio.createTask(() -> {
                q.put("c");
                return null;
            });
            runBriefly();
            assertEquals("a", q.get());
            assertEquals("b", q.get());
            assertEquals("c", q.get());
            assertTrue(p1.isDone() && p2.isDone());
            return null;
        });
    }

    // CPython: test_asyncio.test_queues.QueueGetTests.test_get_cancelled_race
    @Test
    @Tag("cpython")
    void wokenThenCancelledGetterLeavesTheItem() throws InterruptedException {
        run(() -> {
            Queue<Integer> q = new Queue<>();
            Task<Integer> t1 = Asyncio.createTask(q::get);
            Task<Integer> t2 = Asyncio.createTask(q::get);
            runBriefly();
            t1.cancel();
            runBriefly();
            assertTrue(t1.isDone());
            q.putNowait(1);
            runBriefly();
            assertEquals(1, t2.resultNow());
            return null;
        });
    }

    // CPython: test_asyncio.test_queues.QueueGetTests.test_get_cancel_drop_one_pending_reader
    @Test
    @Tag("cpython")
    void cancelledGetterWokenForAnItemLeavesItForTheNext() throws InterruptedException {
        run(() -> {
            Queue<Integer> q = new Queue<>();
            Task<Integer> reader = Asyncio.createTask(q::get);
            runBriefly();
            q.putNowait(1);
            q.putNowait(2);
            reader.cancel();
            assertThrows(CancellationException.class, reader::result);
            assertEquals(1, q.get()); // 1 was not lost
            return null;
        });
    }

    // CPython: test_asyncio.test_queues.QueueGetTests.test_get_cancel_drop_many_pending_readers
    @Test
    @Tag("cpython")
    void remainingReadersReceiveEveryItem() throws InterruptedException {
        run(() -> {
            Queue<Integer> q = new Queue<>();
            Task<Integer> r1 = Asyncio.createTask(q::get);
            Task<Integer> r2 = Asyncio.createTask(q::get);
            Task<Integer> r3 = Asyncio.createTask(q::get);
            runBriefly();
            q.putNowait(1);
            q.putNowait(2);
            r1.cancel();
            assertThrows(CancellationException.class, r1::result);
            assertEquals(Set.of(1, 2), new HashSet<>(List.of(r2.result(), r3.result())));
            return null;
        });
    }

    // CPython: test_asyncio.test_queues.QueuePutTests.test_put_cancel_drop
    @Test
    @Tag("cpython")
    void cancelledPutterNeverInserts() throws InterruptedException {
        run(() -> {
            Queue<Integer> q = new Queue<>(1);
            q.putNowait(1);
            Task<Void> writer = Asyncio.createTask(() -> {
                q.put(2);
                return null;
            });
            runBriefly();
            assertEquals(1, q.getNowait()); // wakes the writer ...
            writer.cancel();                // ... which is cancelled before it runs
            assertThrows(CancellationException.class, writer::result);
            runBriefly();
            assertTrue(q.empty());
            return null;
        });
    }

    // CPython: test_asyncio.test_queues.QueuePutTests.test_cancelled_puts_not_being_held_in_self_putters
    @Test
    @Tag("cpython")
    void cancelledPutterDoesNotBlockLaterPutters() throws InterruptedException {
        run(() -> {
            Queue<Integer> q = new Queue<>(1);
            q.putNowait(1);
            Task<Void> put = Asyncio.createTask(() -> {
                q.put(2);
                return null;
            });
            runBriefly();
            put.cancel();
            assertThrows(CancellationException.class, put::result);
            assertFalse(q.toString().contains("_putters"), q.toString());
            assertEquals(1, q.getNowait());
            q.put(3);
            assertEquals(3, q.getNowait());
            return null;
        });
    }

    // CPython: test_asyncio.test_queues.QueuePutTests.test_put_cancelled_race
    @Test
    @Tag("cpython")
    void cancellingOneOfTwoBlockedPuttersLetsTheOtherInsert() throws InterruptedException {
        run(() -> {
            Queue<String> q = new Queue<>(1);
            Task<Void> putA = Asyncio.createTask(() -> {
                q.put("a");
                return null;
            });
            Task<Void> putB = Asyncio.createTask(() -> {
                q.put("b");
                return null;
            });
            Task<Void> putX = Asyncio.createTask(() -> {
                q.put("X");
                return null;
            });
            runBriefly();
            assertTrue(putA.isDone());
            assertFalse(putB.isDone());
            putX.cancel();
            runBriefly();
            assertTrue(putX.isCancelled());
            assertEquals("a", q.getNowait()); // wakes b, which was queued before the cancelled X
            runBriefly();
            assertEquals("b", q.getNowait());
            assertTrue(putB.isDone());
            assertTrue(q.empty(), q.toString()); // X never went in
            assertFalse(q.toString().contains("_putters"), q.toString());
            return null;
        });
    }

    // CPython: test_asyncio.test_queues.QueuePutTests.test_cancelled_put_silence_value_error_exception
    @Test
    @Tag("cpython")
    void putterCancelledAfterAGetTookItsWaiterEndsCancelledAndPassesTheRoomOn() throws InterruptedException {
        run(() -> {
            Queue<Integer> q = new Queue<>(1);
            q.putNowait(1);
            Task<Void> first = Asyncio.createTask(() -> {
                q.put(2);
                return null;
            });
            Task<Void> second = Asyncio.createTask(() -> {
                q.put(3);
                return null;
            });
            runBriefly();
            assertEquals(1, q.getNowait()); // takes first's waiter off the list and wakes it
            first.cancel();                 // before it runs: its waiter is no longer listed
            CancellationException e = assertThrows(CancellationException.class, first::result);
            assertEquals(CancellationException.class, e.getClass(), "a plain cancellation, nothing else");
            runBriefly();
            assertTrue(second.isDone(), "the room first did not use went to second");
            assertEquals(3, q.getNowait());
            assertTrue(q.empty());
            return null;
        });
    }

    // CPython: test_asyncio.test_queues.QueueGetTests.test_cancelled_getters_not_being_held_in_self_getters
    @Test
    @Tag("cpython")
    void timedOutGetLeavesNoGetter() throws InterruptedException {
        run(() -> {
            Queue<Integer> q = new Queue<>();
            assertThrows(TimeoutException.class, () -> Asyncio.waitFor(q::get, SHORT));
            assertEquals("Queue[maxsize=0]", q.toString());
            return null;
        });
    }

    // CPython: test_asyncio.test_queues.QueuePutTests.test_why_are_putters_waiting
    @Test
    @Tag("cpython")
    void producerAndConsumerFinishOnBoundedQueues() throws InterruptedException {
        for (int maxsize : new int[] {1, 2}) {
            List<Integer> got = run(() -> {
                Queue<Integer> q = new Queue<>(maxsize);
                List<Integer> out = new ArrayList<>();
                Task<Void> producer = Asyncio.createTask(() -> {
                    for (int i = 0; i < 20; i++) {
                        q.put(i);
                    }
                    return null;
                });
                Task<Void> consumer = Asyncio.createTask(() -> {
                    for (int i = 0; i < 20; i++) {
                        out.add(q.get());
                    }
                    return null;
                });
                Asyncio.waitFor(Asyncio.gather(producer, consumer), Duration.ofSeconds(10));
                return out;
            });
            assertEquals(20, got.size());
        }
    }

    // CPython: test_asyncio.test_queues.QueueJoinTests.test_task_done_underflow
    @Test
    @Tag("cpython")
    void taskDoneWithNothingOutstandingThrows() throws InterruptedException {
        run(() -> {
            Queue<Integer> q = new Queue<>();
            IllegalStateException e = assertThrows(IllegalStateException.class, q::taskDone);
            assertEquals("task_done() called too many times", e.getMessage());
            return null;
        });
    }

    // CPython: test_asyncio.test_queues.QueueJoinTests.test_task_done
    @Test
    @Tag("cpython")
    void joinReturnsAfterWorkersMarkEveryItemDone() throws InterruptedException {
        for (Queue<Integer> q : List.<Queue<Integer>>of(new Queue<>(), new LifoQueue<>(), new PriorityQueue<>())) {
            int[] sum = {0};
            run(() -> {
                for (int i = 0; i < 100; i++) {
                    q.putNowait(i);
                }
                assertEquals("maxsize=0 _queue=", q.format().substring(0, 17));
                List<Task<Void>> workers = new ArrayList<>();
                for (int w = 0; w < 2; w++) {
                    workers.add(Asyncio.createTask(() -> {
                        while (true) {
                            int item = q.get();
                            sum[0] += item;
                            q.taskDone();
                        }
                    }));
                }
                q.join();
                assertEquals(4950, sum[0]);
                for (Task<Void> w : workers) {
                    w.cancel();
                }
                Asyncio.gather(true, workers).result();
                return null;
            });
        }
    }

    // CPython: test_asyncio.test_queues.QueueJoinTests.test_join_empty_queue
    @Test
    @Tag("cpython")
    void joinOnEmptyQueueReturnsAtOnce() throws InterruptedException {
        run(() -> {
            Queue<Integer> q = new Queue<>();
            q.join();
            q.join();
            return null;
        });
    }

    // CPython: test_asyncio.test_queues.QueueJoinTests.test_format
    @Test
    @Tag("cpython")
    void formatShowsOutstandingTasks() throws InterruptedException {
        run(() -> {
            Queue<Integer> q = new Queue<>();
            assertEquals("maxsize=0", q.format());
            q.putNowait(1);
            q.putNowait(2);
            q.getNowait();
            q.getNowait();
            assertEquals("maxsize=0 tasks=2", q.format());
            return null;
        });
    }

    // CPython: test_asyncio.test_queues.QueueShutdownTests.test_shutdown_empty
    @Test
    @Tag("cpython")
    void shutdownWakesPendingGetterWithShutDown() throws InterruptedException {
        run(() -> {
            Queue<Integer> q = new Queue<>();
            Task<Integer> getter = Asyncio.createTask(q::get);
            runBriefly();
            q.shutdown();
            CompletionException e = assertThrows(CompletionException.class, getter::result);
            assertInstanceOf(QueueShutDownException.class, e.getCause());
            q.join();
            assertThrows(QueueShutDownException.class, () -> q.put(1));
            assertThrows(QueueShutDownException.class, () -> q.putNowait(1));
            assertThrows(QueueShutDownException.class, q::get);
            assertThrows(QueueShutDownException.class, q::getNowait);
            assertTrue(q.format().endsWith(" shutdown"), q.format());
            return null;
        });
    }

    // CPython: test_asyncio.test_queues.QueueShutdownTests.test_shutdown_nonempty
    @Test
    @Tag("cpython")
    void shutdownLetsGetsDrainAndJoinWaitsForTaskDone() throws InterruptedException {
        run(() -> {
            Queue<String> q = new Queue<>(1);
            q.putNowait("data");
            Task<Void> putter = Asyncio.createTask(() -> {
                q.put("data2");
                return null;
            });
            runBriefly();
            q.shutdown();
            CompletionException e = assertThrows(CompletionException.class, putter::result);
            assertInstanceOf(QueueShutDownException.class, e.getCause());
            assertEquals(1, q.qsize());
            assertEquals("data", q.get());
            Task<Void> joiner = Asyncio.createTask(() -> {
                q.join();
                return null;
            });
            runBriefly();
            assertFalse(joiner.isDone());
            q.taskDone();
            runBriefly();
            assertTrue(joiner.isDone());
            assertThrows(IllegalStateException.class, q::taskDone);
            return null;
        });
    }

    // CPython: test_asyncio.test_queues.QueueShutdownTests.test_shutdown_immediate
    @Test
    @Tag("cpython")
    void immediateShutdownDiscardsItemsAndReleasesJoin() throws InterruptedException {
        run(() -> {
            Queue<String> q = new Queue<>();
            q.putNowait("data");
            q.shutdown(true);
            assertEquals(0, q.qsize());
            q.join();
            assertThrows(QueueShutDownException.class, q::get);
            assertThrows(QueueShutDownException.class, () -> q.put("x"));
            assertThrows(IllegalStateException.class, q::taskDone);
            return null;
        });
    }

    // CPython: test_asyncio.test_queues.QueueShutdownTests.test_shutdown_immediate_with_unfinished
    @Test
    @Tag("cpython")
    void immediateShutdownJoinStillWaitsForOutstandingTask() throws InterruptedException {
        run(() -> {
            Queue<String> q = new Queue<>();
            q.putNowait("data");
            q.putNowait("data");
            assertEquals("data", q.getNowait());
            q.shutdown(true);
            assertEquals(0, q.qsize());
            Task<Void> joiner = Asyncio.createTask(() -> {
                q.join();
                return null;
            });
            runBriefly();
            assertFalse(joiner.isDone());
            q.taskDone();
            runBriefly();
            assertTrue(joiner.isDone());
            assertThrows(IllegalStateException.class, q::taskDone);
            return null;
        });
    }

    @Test
    void queueUsedFromAnotherThreadThrows() throws InterruptedException {
        Queue<Integer> q = new Queue<>();
        run(() -> {
            q.putNowait(1);
            return null;
        });
        assertThrows(IllegalStateException.class, () -> q.putNowait(2));
        assertThrows(IllegalStateException.class, q::getNowait);
    }

    // ================================================================== Condition

    // CPython: test_asyncio.test_locks.ConditionTests.test_wait
    @Test
    @Tag("cpython")
    void notifiedWaitersProceedOnlyAfterNotifierReleases() throws InterruptedException {
        Condition cond = new Condition();
        List<Integer> result = new ArrayList<>();
        run(() -> {
            List<Task<Boolean>> tasks = new ArrayList<>();
            for (int i = 1; i <= 3; i++) {
                int id = i;
                tasks.add(Asyncio.createTask(() -> {
                    cond.acquire();
                    if (cond.await()) {
                        result.add(id);
                    }
                    return true;
                }));
            }
            runBriefly();
            assertEquals(List.of(), result);
            assertFalse(cond.locked());
            assertTrue(cond.acquire());
            cond.signal();
            runBriefly();
            assertEquals(List.of(), result);
            assertTrue(cond.locked());
            cond.release();
            runBriefly();
            assertEquals(List.of(1), result);
            assertTrue(cond.locked()); // task 1 returned holding the lock
            cond.signal(2);
            runBriefly();
            assertEquals(List.of(1), result);
            cond.release();
            runBriefly();
            assertEquals(List.of(1, 2), result);
            cond.release();
            runBriefly();
            assertEquals(List.of(1, 2, 3), result);
            assertTrue(cond.locked());
            for (Task<Boolean> t : tasks) {
                assertTrue(t.resultNow());
            }
            return null;
        });
    }

    private static AsyncTask<Boolean> waitAndRecord(Condition cond, List<Integer> result, int id) {
        return () -> {
            try (Held held = cond.hold()) { // async with cond:
                if (cond.await()) {
                    result.add(id);
                }
            }
            return true;
        };
    }

    // CPython: test_asyncio.test_locks.ConditionTests.test_notify
    @Test
    @Tag("cpython")
    void notifyWakesExactlyNInFifoOrder() throws InterruptedException {
        Condition cond = new Condition();
        List<Integer> result = new ArrayList<>();
        run(() -> {
            for (int i = 1; i <= 3; i++) {
                Asyncio.createTask(waitAndRecord(cond, result, i));
            }
            runBriefly();
            cond.acquire();
            cond.signal(1);
            cond.release();
            runBriefly();
            assertEquals(List.of(1), result);
            cond.acquire();
            cond.signal(1);
            cond.signal(2048);
            cond.release();
            runBriefly();
            assertEquals(List.of(1, 2, 3), result);
            return null;
        });
    }

    // CPython: test_asyncio.test_locks.ConditionTests.test_notify_all
    @Test
    @Tag("cpython")
    void notifyAllWakesEveryWaiter() throws InterruptedException {
        Condition cond = new Condition();
        List<Integer> result = new ArrayList<>();
        run(() -> {
            for (int i = 1; i <= 2; i++) {
                Asyncio.createTask(waitAndRecord(cond, result, i));
            }
            runBriefly();
            cond.acquire();
            cond.signalAll();
            cond.release();
            runBriefly();
            assertEquals(List.of(1, 2), result);
            return null;
        });
    }

    // CPython: test_asyncio.test_locks.ConditionTests.test_wait_unacquired
    @Test
    @Tag("cpython")
    void waitAndNotifyWithoutTheLockThrow() throws InterruptedException {
        Condition cond = new Condition();
        run(() -> {
            assertThrows(IllegalMonitorStateException.class, cond::await);
            assertThrows(IllegalMonitorStateException.class, cond::signal);
            assertThrows(IllegalMonitorStateException.class, cond::signalAll);
            return null;
        });
    }

    // CPython: test_asyncio.test_locks.ConditionTests.test_wait_for_unacquired
    @Test
    @Tag("cpython")
    void awaitUntilReturnsAtOnceIfPredicateHoldsEvenWithoutLock() throws InterruptedException {
        Condition cond = new Condition();
        run(() -> {
            assertTrue(cond.awaitUntil(() -> true));
            assertThrows(IllegalMonitorStateException.class, () -> cond.awaitUntil(() -> false));
            return null;
        });
    }

    // CPython: test_asyncio.test_locks.ConditionTests.test_wait_cancel
    @Test
    @Tag("cpython")
    void cancelledWaitReacquiresTheLockAndLeavesNoWaiter() throws InterruptedException {
        Condition cond = new Condition();
        run(() -> {
            Task<Boolean> wait = Asyncio.createTask(() -> {
                cond.acquire();
                try {
                    return cond.await();
                } finally {
                    assertTrue(cond.locked());
                    cond.release();
                }
            });
            runBriefly();
            assertEquals(1, cond.waiting());
            wait.cancel();
            assertThrows(CancellationException.class, wait::result);
            assertEquals(0, cond.waiting());
            assertFalse(cond.locked());
            return null;
        });
    }

    // CPython: test_asyncio.test_locks.ConditionTests.test_wait_cancel_contested
    @Test
    @Tag("cpython")
    void cancelledWaitWaitsForTheContestedLock() throws InterruptedException {
        Condition cond = new Condition();
        run(() -> {
            cond.acquire();
            Task<Boolean> waitTask = Asyncio.createTask(() -> {
                cond.acquire();
                try {
                    return cond.await();
                } finally {
                    cond.release();
                }
            });
            runBriefly();
            assertFalse(waitTask.isDone());
            cond.release(); // the waiter now holds it and waits
            runBriefly();
            cond.acquire(); // waiter is waiting, we hold the lock
            waitTask.cancel();
            runBriefly();
            assertFalse(waitTask.isDone()); // still needs the lock
            cond.release();
            assertThrows(CancellationException.class, waitTask::result);
            return null;
        });
    }

    // CPython: test_asyncio.test_locks.ConditionTests.test_wait_cancel_after_notify
    @Test
    @Tag("cpython")
    void notifiedThenCancelledWaiterEndsCancelledAndPassesTheNotification() throws InterruptedException {
        Condition cond = new Condition();
        List<Integer> result = new ArrayList<>();
        run(() -> {
            Task<Boolean> t1 = Asyncio.createTask(waitAndRecord(cond, result, 1));
            Task<Boolean> t2 = Asyncio.createTask(waitAndRecord(cond, result, 2));
            runBriefly();
            cond.acquire();
            cond.signal(1);
            t1.cancel();
            cond.release();
            runBriefly();
            assertTrue(t1.isCancelled());
            assertEquals(List.of(2), result); // the notification went to t2
            assertTrue(t2.resultNow());
            assertFalse(cond.locked());
            return null;
        });
    }

    // CPython: test_asyncio.test_locks.ConditionTests.test_explicit_lock
    @Test
    @Tag("cpython")
    void conditionSharesAnExplicitLock() throws InterruptedException {
        Lock lock = new Lock();
        Condition cond = new Condition(lock);
        run(() -> {
            lock.acquire();
            assertTrue(cond.locked());
            lock.release();
            cond.acquire();
            assertTrue(lock.locked());
            cond.release();
            assertFalse(lock.locked());
            return null;
        });
    }

    // CPython: test_asyncio.test_locks.ConditionTests.test_ambiguous_loops
    @Test
    @Tag("cpython")
    void conditionWithLockOfAnotherLoopThrows() throws InterruptedException {
        Lock lock = new Lock();
        run(() -> {
            lock.acquire();
            lock.release();
            return null;
        });
        Condition cond = new Condition(lock);
        Throwable t = run(() -> {
            try {
                cond.acquire();
                return null;
            } catch (IllegalStateException e) {
                return e;
            }
        });
        assertTrue(t.getMessage().contains("is bound to a different event loop"), t.getMessage());
    }

    // CPython: test_asyncio.test_locks.ConditionTests.test_timeout_in_block
    @Test
    @Tag("cpython")
    void timedOutWaitReacquiresBeforeTimeoutPropagates() throws InterruptedException {
        Condition cond = new Condition();
        run(() -> {
            try (Held held = cond.hold()) {
                assertThrows(TimeoutException.class,
                        () -> Asyncio.timeout(SHORT, () -> cond.await()));
                assertTrue(cond.locked());
            }
            assertFalse(cond.locked());
            return null;
        });
    }

    // ================================================================== Barrier

    // CPython: test_asyncio.test_locks.BarrierTests.test_barrier_parties
    @Test
    @Tag("cpython")
    void barrierPartiesMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new Barrier(0));
        assertThrows(IllegalArgumentException.class, () -> new Barrier(-4));
        assertEquals(5, new Barrier(5).parties());
    }

    // CPython: test_asyncio.test_locks.BarrierTests.test_wait_more
    @Test
    @Tag("cpython")
    void barrierGivesUniqueIndicesAndIsReusable() throws InterruptedException {
        Barrier barrier = new Barrier(5);
        run(() -> {
            for (int round = 0; round < 2; round++) {
                List<Task<Integer>> tasks = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    tasks.add(Asyncio.createTask(barrier::await));
                }
                List<Object> indices = Asyncio.gather(false, tasks).result();
                assertEquals(Set.of(0, 1, 2, 3, 4), new HashSet<>(indices));
                assertEquals(0, barrier.waiting());
                assertFalse(barrier.isBroken());
            }
            return null;
        });
    }

    // CPython: test_asyncio.test_locks.BarrierTests.test_repr
    @Test
    @Tag("cpython")
    void barrierToStringShowsStateAndWaiters() throws InterruptedException {
        Barrier barrier = new Barrier(5);
        assertEquals("Barrier[filling, waiters:0/5]", barrier.toString());
        run(() -> {
            Task<Integer> a = Asyncio.createTask(barrier::await);
            Task<Integer> b = Asyncio.createTask(barrier::await);
            runBriefly();
            assertEquals("Barrier[filling, waiters:2/5]", barrier.toString());
            assertEquals(2, barrier.waiting());
            barrier.abort();
            assertEquals("Barrier[broken]", barrier.toString());
            runBriefly();
            assertInstanceOf(BrokenBarrierException.class, a.exceptionNow());
            assertInstanceOf(BrokenBarrierException.class, b.exceptionNow());
            return null;
        });
    }

    // CPython: test_asyncio.test_locks.BarrierTests.test_repr / test_draining_state (draining, resetting)
    @Test
    @Tag("cpython")
    void barrierToStringShowsDrainingAndResetting() throws InterruptedException {
        run(() -> {
            Barrier draining = new Barrier(3);
            List<String> seenOnLeaving = new ArrayList<>();
            List<Task<Void>> parties = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                parties.add(Asyncio.createTask(() -> {
                    draining.await();
                    seenOnLeaving.add(draining.toString());
                    return null;
                }));
            }
            Asyncio.gather(parties).result();
            assertEquals(List.of("Barrier[draining, waiters:0/3]", "Barrier[draining, waiters:0/3]",
                    "Barrier[filling, waiters:0/3]"),
                    seenOnLeaving, "only the last task out sees the barrier filling again");

            Barrier resetting = new Barrier(3);
            List<String> seenAfterReset = new ArrayList<>();
            int[] broken = {0};
            List<Task<Void>> again = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                again.add(Asyncio.createTask(() -> {
                    try {
                        resetting.await();
                        resetting.reset(); // the first out resets while the others are still inside
                        seenAfterReset.add(resetting.toString());
                    } catch (BrokenBarrierException e) {
                        broken[0]++;
                    }
                    return null;
                }));
            }
            Asyncio.gather(again).result();
            assertEquals(List.of("Barrier[resetting, waiters:0/3]"), seenAfterReset);
            assertEquals(2, broken[0], "the parties not out yet are broken by the reset");
            assertEquals("Barrier[filling, waiters:0/3]", resetting.toString());
            assertFalse(resetting.isBroken());
            return null;
        });
    }

    // CPython: test_asyncio.test_locks.BarrierTests.test_barrier_1
    @Test
    @Tag("cpython")
    void barrierOfOneNeverBlocks() throws InterruptedException {
        Barrier barrier = new Barrier(1);
        run(() -> {
            assertEquals(0, barrier.await());
            assertEquals(0, barrier.await());
            return null;
        });
    }

    // CPython: test_asyncio.test_locks.BarrierTests.test_cancel_wait
    @Test
    @Tag("cpython")
    void cancellingAWaitingTaskDecrementsWaiting() throws InterruptedException {
        Barrier barrier = new Barrier(3);
        run(() -> {
            Task<Integer> a = Asyncio.createTask(barrier::await);
            Task<Integer> b = Asyncio.createTask(barrier::await);
            runBriefly();
            assertEquals(2, barrier.waiting());
            a.cancel();
            runBriefly();
            assertTrue(a.isCancelled());
            assertEquals(1, barrier.waiting());
            b.cancel();
            runBriefly();
            assertEquals(0, barrier.waiting());
            assertFalse(barrier.isBroken());
            return null;
        });
    }

    // CPython: test_asyncio.test_locks.BarrierTests.test_reset_barrier_while_tasks_waiting
    @Test
    @Tag("cpython")
    void resetBreaksCurrentWaitersButLeavesBarrierUsable() throws InterruptedException {
        Barrier barrier = new Barrier(3);
        run(() -> {
            Task<Integer> a = Asyncio.createTask(barrier::await);
            Task<Integer> b = Asyncio.createTask(barrier::await);
            runBriefly();
            barrier.reset();
            runBriefly();
            assertInstanceOf(BrokenBarrierException.class, a.exceptionNow());
            assertInstanceOf(BrokenBarrierException.class, b.exceptionNow());
            assertFalse(barrier.isBroken());
            assertEquals(0, barrier.waiting());
            List<Task<Integer>> again = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                again.add(Asyncio.createTask(barrier::await));
            }
            assertEquals(3, Asyncio.gather(again).result().size());
            return null;
        });
    }

    // CPython: test_asyncio.test_locks.BarrierTests.test_abort_barrier_when_exception_then_reset
    @Test
    @Tag("cpython")
    void abortBreaksUntilReset() throws InterruptedException {
        Barrier barrier = new Barrier(2);
        run(() -> {
            barrier.abort();
            assertTrue(barrier.isBroken());
            assertThrows(BrokenBarrierException.class, barrier::await);
            barrier.reset();
            assertFalse(barrier.isBroken());
            Task<Integer> a = Asyncio.createTask(barrier::await);
            Task<Integer> b = Asyncio.createTask(barrier::await);
            assertEquals(Set.of(0, 1), new HashSet<>(Asyncio.gather(a, b).result()));
            return null;
        });
    }

    // ================================================================== further properties

    @Test
    void lockNeverHasTwoHoldersUnderRandomCancellation() throws InterruptedException {
        Lock lock = new Lock();
        int[] holders = {0};
        int[] maxHolders = {0};
        int[] entered = {0};
        run(() -> {
            java.util.Random random = new java.util.Random(42);
            List<Task<Void>> tasks = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                tasks.add(Asyncio.createTask(() -> {
                    lock.acquire();
                    try {
                        holders[0]++;
                        entered[0]++;
                        maxHolders[0] = Math.max(maxHolders[0], holders[0]);
                        Asyncio.sleep(Duration.ZERO);
                    } finally {
                        holders[0]--;
                        lock.release();
                    }
                    return null;
                }));
                if (random.nextInt(3) == 0) {
                    Asyncio.sleep(Duration.ZERO);
                }
                if (random.nextInt(4) == 0) {
                    tasks.get(random.nextInt(tasks.size())).cancel();
                }
            }
            Asyncio.waitFor(Asyncio.gather(true, tasks), Duration.ofSeconds(20));
            return null;
        });
        assertEquals(1, maxHolders[0]);
        assertTrue(entered[0] > 0);
        assertFalse(lock.locked());
    }

    // CPython: test_asyncio.test_locks.ConditionTests.test_wait_for
    @Test
    @Tag("cpython")
    void awaitUntilWaitsForThePredicate() throws InterruptedException {
        Condition cond = new Condition();
        boolean[] ready = {false};
        List<Integer> result = new ArrayList<>();
        run(() -> {
            Task<Void> t = Asyncio.createTask(() -> {
                try (Held held = cond.hold()) {
                    cond.awaitUntil(() -> ready[0]);
                    result.add(1);
                }
                return null;
            });
            runBriefly();
            cond.acquire();
            cond.signal();
            cond.release();
            runBriefly();
            assertEquals(List.of(), result);
            ready[0] = true;
            cond.acquire();
            cond.signal();
            cond.release();
            runBriefly();
            assertEquals(List.of(1), result);
            assertTrue(t.isDone());
            return null;
        });
    }

    // CPython: test_asyncio.test_locks.SemaphoreTests.test_acquire_fifo_order_2
    @Test
    @Tag("cpython")
    void permitsGoToWaitersInArrivalOrder() throws InterruptedException {
        Semaphore sem = new Semaphore(1);
        List<Integer> result = new ArrayList<>();
        run(() -> {
            AsyncTask<Void> c1 = () -> {
                sem.acquire();
                result.add(1);
                return null;
            };
            sem.acquire();
            Task<Void> t1 = Asyncio.createTask(c1);
            Task<Void> t2 = Asyncio.createTask(() -> {
                sem.acquire();
                result.add(2);
                sem.release();
                sem.acquire();
                result.add(4);
                return null;
            });
            Task<Void> t3 = Asyncio.createTask(() -> {
                sem.acquire();
                result.add(3);
                sem.release();
                return null;
            });
            runBriefly();
            sem.release(); // to t1, which keeps it
            runBriefly();
            sem.release(); // to t2
            Asyncio.gather(t1, t2, t3).result();
            return null;
        });
        assertEquals(List.of(1, 2, 3, 4), result);
    }

    @Test
    void priorityQueueTakesAComparator() throws InterruptedException {
        record Job(int priority, String name) {}
        run(() -> {
            PriorityQueue<Job> q = new PriorityQueue<>(0, java.util.Comparator.comparingInt(Job::priority));
            q.putNowait(new Job(3, "c"));
            q.putNowait(new Job(1, "a"));
            q.putNowait(new Job(2, "b"));
            assertEquals("a", q.get().name());
            assertEquals("b", q.get().name());
            assertEquals("c", q.get().name());
            return null;
        });
    }

    @Test
    void eventSetFromALoopCallbackWakesWaiters() throws InterruptedException {
        Event ev = new Event();
        assertTrue(run(() -> {
            EventLoop.getRunningLoop().callLater(Duration.ofMillis(5), ev::set);
            return ev.await();
        }));
    }

    @Test
    void putFromAnotherThreadGoesThroughCallSoonThreadsafe() throws InterruptedException {
        Queue<Integer> q = new Queue<>();
        int got = run(() -> {
            EventLoop loop = EventLoop.getRunningLoop();
            Thread producer = Thread.ofPlatform().start(() -> {
                try {
                    q.putNowait(7);
                } catch (IllegalStateException expected) {
                    loop.callSoonThreadsafe(() -> q.putNowait(8));
                }
            });
            int item = q.get();
            producer.join();
            return item;
        });
        assertEquals(8, got);
    }
}

package io.bingfa.asyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The TaskGroup contract (Python 3.11's asyncio.TaskGroup, CPython's test_taskgroups.py), run once
 * per {@link SchedulerPath} by the subclasses. CPython's delays of 0.1 s are 50 ms here; its "sleep
 * 10" stays (those sleeps are always cancelled).
 */
abstract class AbstractTaskGroupTest {
    private static final Duration SOON = Duration.ofMillis(50);
    private static final Duration LONG = Duration.ofSeconds(10);

    /** The path under test. */
    abstract SchedulerPath path();

    <T> T run(AsyncTask<T> main) throws InterruptedException {
        return EventLoop.run(path(), main);
    }

    private static Void divideByZero() {
        throw new ArithmeticException("/ by zero");
    }

    private static Set<Class<?>> errorTypes(ExceptionGroup group) {
        Set<Class<?>> types = new HashSet<>();
        for (Throwable t : group.exceptions()) {
            types.add(t.getClass());
        }
        return types;
    }

    /** The failure a task ended with, from outside its loop's view: the CompletionException's cause. */
    private static Throwable failureOf(Future<?> f) throws InterruptedException {
        try {
            f.result();
            return null;
        } catch (CompletionException e) {
            return e.getCause();
        }
    }

    /** Stands for Python's KeyboardInterrupt: a BaseException that is not an Exception. */
    static final class KeyboardInterrupt extends Error {
        KeyboardInterrupt() {
            super("KeyboardInterrupt");
        }
    }

    static final class MyException extends Exception {
        MyException() {
            super("MyExc");
        }
    }

    // ------------------------------------------------------------------ waiting for the children

    // CPython: test_asyncio.test_taskgroups.TestTaskGroup.test_taskgroup_01
    @Tag("cpython")
    @Test
    void scopeEndWaitsForEveryChild() throws Exception {
        run(() -> {
            Task<?>[] t = new Task<?>[2];
            TaskGroup.run(g -> {
                t[0] = g.createTask(() -> Asyncio.sleep(SOON, 42));
                t[1] = g.createTask(() -> Asyncio.sleep(SOON.multipliedBy(2), 11));
                return null;
            });
            assertEquals(42, t[0].resultNow());
            assertEquals(11, t[1].resultNow());
            return null;
        });
    }

    // CPython: test_asyncio.test_taskgroups.TestTaskGroup.test_taskgroup_02
    @Tag("cpython")
    @Test
    void childCreatedAfterAnAwaitInTheBodyIsWaitedFor() throws Exception {
        run(() -> {
            Task<?>[] t = new Task<?>[2];
            TaskGroup.run(g -> {
                t[0] = g.createTask(() -> Asyncio.sleep(SOON, 42));
                Asyncio.sleep(SOON.multipliedBy(3).dividedBy(2));
                t[1] = g.createTask(() -> Asyncio.sleep(SOON.multipliedBy(2), 11));
                return null;
            });
            assertEquals(42, t[0].resultNow());
            assertEquals(11, t[1].resultNow());
            return null;
        });
    }

    // CPython: test_asyncio.test_taskgroups.TestTaskGroup.test_taskgroup_03
    @Tag("cpython")
    @Test
    void childCancelledExplicitlyIsNotAFailure() throws Exception {
        run(() -> {
            Task<?>[] t = new Task<?>[2];
            TaskGroup.run(g -> {
                t[0] = g.createTask(() -> Asyncio.sleep(LONG, 42));
                Asyncio.sleep(SOON);
                t[0].cancel();
                t[1] = g.createTask(() -> Asyncio.sleep(SOON, 11));
                return null;
            });
            assertTrue(t[0].isCancelled());
            assertEquals(11, t[1].resultNow());
            return null;
        });
    }

    @Test
    void callReturnsTheBodysResult() throws Exception {
        assertEquals("body", run(() -> TaskGroup.run(g -> {
            g.createTask(() -> Asyncio.sleep(SOON, 1));
            return "body";
        })));
    }

    // ------------------------------------------------------------------ a failing child

    // CPython: test_asyncio.test_taskgroups.TestTaskGroup.test_taskgroup_04
    @Tag("cpython")
    @Test
    void failingChildCancelsItsSiblingAndTheGroupRaisesExceptionGroup() throws Exception {
        int[] num = {0};
        boolean[] t2Cancel = {false};
        Task<?>[] t2 = new Task<?>[1];
        Throwable failure = run(() -> {
            Task<Void> runner = Asyncio.createTask(() -> {
                TaskGroup.run(g -> {
                    g.createTask(() -> {
                        Asyncio.sleep(SOON);
                        return divideByZero();
                    });
                    t2[0] = g.createTask(() -> {
                        try {
                            Asyncio.sleep(Duration.ofSeconds(1));
                        } catch (CancellationException e) {
                            t2Cancel[0] = true;
                            throw e;
                        }
                        num[0] += 1;
                        return null;
                    });
                    return null;
                });
                num[0] += 10;
                return null;
            });
            return failureOf(runner);
        });
        ExceptionGroup eg = assertInstanceOf(ExceptionGroup.class, failure);
        assertEquals(Set.of(ArithmeticException.class), errorTypes(eg));
        assertEquals(0, num[0]);
        assertTrue(t2Cancel[0]);
        assertTrue(t2[0].isCancelled());
    }

    // CPython: test_asyncio.test_taskgroups.TestTaskGroup.test_cancel_children_on_child_error
    @Tag("cpython")
    @Test
    void childErrorCancelsTheOtherChildrenAndTheBody() throws Exception {
        int[] num = {0};
        boolean[] t2Cancel = {false};
        boolean[] runnerCancel = {false};
        Throwable failure = run(() -> failureOf(Asyncio.createTask(() -> {
            TaskGroup.run(g -> {
                for (int i = 0; i < 3; i++) {
                    g.createTask(() -> {
                        Asyncio.sleep(SOON);
                        return divideByZero();
                    });
                }
                g.createTask(() -> {
                    try {
                        Asyncio.sleep(Duration.ofSeconds(5));
                    } catch (CancellationException e) {
                        t2Cancel[0] = true;
                        throw e;
                    }
                    num[0] += 1;
                    return null;
                });
                try {
                    Asyncio.sleep(LONG);
                } catch (CancellationException e) {
                    runnerCancel[0] = true;
                    throw e;
                }
                return null;
            });
            num[0] += 10;
            return null;
        })));
        ExceptionGroup eg = assertInstanceOf(ExceptionGroup.class, failure);
        assertEquals(Set.of(ArithmeticException.class), errorTypes(eg));
        assertEquals(List.copyOf(eg.exceptions()), List.of(eg.getSuppressed()), "every error is also suppressed");
        assertNull(eg.getCause());
        assertEquals(0, num[0]);
        assertTrue(t2Cancel[0]);
        assertTrue(runnerCancel[0]);
    }

    @Test
    void codeAfterTheScopeRunsNormallyOnceTheGroupTookItsCancelBack() throws Exception {
        String after = run(() -> {
            try {
                TaskGroup.run(g -> {
                    g.createTask(() -> {
                        Asyncio.sleep(SOON);
                        return divideByZero();
                    });
                    Asyncio.sleep(LONG);
                    return null;
                });
                fail("ExceptionGroup was not raised");
            } catch (ExceptionGroup expected) {
                // ignore, as CPython's comment in _on_task_done describes
            }
            assertEquals(0, Asyncio.currentTask().cancelling());
            Asyncio.sleep(Duration.ZERO); // not cancelled
            return "after";
        });
        assertEquals("after", after);
    }

    // ------------------------------------------------------------------ cancelling the parent

    // CPython: test_asyncio.test_taskgroups.TestTaskGroup.test_cancellation
    @Tag("cpython")
    @Test
    void cancellingTheParentWhileTheScopeWaitsCancelsEveryChild() throws Exception {
        int[] num = {0};
        Throwable thrown = run(() -> {
            Task<Void> r = Asyncio.createTask(() -> TaskGroup.run(g -> {
                for (int i = 0; i < 5; i++) {
                    g.createTask(() -> {
                        try {
                            Asyncio.sleep(Duration.ofSeconds(5));
                        } catch (CancellationException e) {
                            num[0] += 1;
                            throw e;
                        }
                        return null;
                    });
                }
                return null;
            }));
            Asyncio.sleep(SOON);
            assertTrue(!r.isDone());
            r.cancel("test");
            return assertThrows(CancellationException.class, r::result);
        });
        assertEquals("test", thrown.getMessage());
        assertEquals(5, num[0]);
    }

    // CPython: test_asyncio.test_taskgroups.TestTaskGroup.test_taskgroup_07
    @Tag("cpython")
    @Test
    void cancellingTheParentDuringTheBodyCancelsTheBodyAndEveryChild() throws Exception {
        int[] num = {0};
        run(() -> {
            Task<Void> r = Asyncio.createTask(() -> TaskGroup.run(g -> {
                for (int i = 0; i < 5; i++) {
                    g.createTask(() -> {
                        try {
                            Asyncio.sleep(Duration.ofSeconds(5));
                        } catch (CancellationException e) {
                            num[0] += 1;
                            throw e;
                        }
                        return null;
                    });
                }
                try {
                    Asyncio.sleep(LONG);
                } catch (CancellationException e) {
                    num[0] += 10;
                    throw e;
                }
                return null;
            }));
            Asyncio.sleep(SOON);
            assertTrue(!r.isDone());
            r.cancel();
            assertThrows(CancellationException.class, r::result);
            return null;
        });
        assertEquals(15, num[0]);
    }

    // CPython: test_asyncio.test_taskgroups.TestTaskGroup.test_taskgroup_17
    @Tag("cpython")
    @Test
    void cancellingAnEmptyGroupsBodyPropagatesCancellation() throws Exception {
        int[] num = {0};
        run(() -> {
            Task<Void> r = Asyncio.createTask(() -> TaskGroup.run(g -> {
                try {
                    Asyncio.sleep(LONG);
                } catch (CancellationException e) {
                    num[0] += 10;
                    throw e;
                }
                return null;
            }));
            Asyncio.sleep(SOON);
            r.cancel();
            assertThrows(CancellationException.class, r::result);
            return null;
        });
        assertEquals(10, num[0]);
    }

    // CPython: test_asyncio.test_taskgroups.TestTaskGroup.test_taskgroup_18
    @Tag("cpython")
    @Test
    void bodyTurningTheCancellationIntoAnErrorRaisesExceptionGroup() throws Exception {
        Throwable failure = run(() -> {
            Task<Void> r = Asyncio.createTask(() -> TaskGroup.run(g -> {
                try {
                    Asyncio.sleep(LONG);
                } catch (CancellationException e) {
                    throw new MyException();
                }
                return null;
            }));
            Asyncio.sleep(SOON);
            r.cancel();
            return failureOf(r);
        });
        assertEquals(Set.of(MyException.class), errorTypes(assertInstanceOf(ExceptionGroup.class, failure)));
    }

    // ------------------------------------------------------------------ a failing body

    // CPython: test_asyncio.test_taskgroups.TestTaskGroup.test_taskgroup_09
    @Tag("cpython")
    @Test
    void bodyFailingAfterAnAwaitCancelsTheChildren() throws Exception {
        run(() -> {
            Task<?>[] t = new Task<?>[2];
            ExceptionGroup eg = assertThrows(ExceptionGroup.class, () -> TaskGroup.run(g -> {
                t[0] = g.createTask(() -> Asyncio.sleep(Duration.ofSeconds(1), 42));
                t[1] = g.createTask(() -> Asyncio.sleep(Duration.ofSeconds(2), 11));
                Asyncio.sleep(SOON);
                return divideByZero();
            }));
            assertEquals(Set.of(ArithmeticException.class), errorTypes(eg));
            assertTrue(t[0].isCancelled());
            assertTrue(t[1].isCancelled());
            return null;
        });
    }

    // CPython: test_asyncio.test_taskgroups.TestTaskGroup.test_taskgroup_10
    @Tag("cpython")
    @Test
    void bodyFailingBeforeAnyAwaitCancelsTheChildren() throws Exception {
        run(() -> {
            Task<?>[] t = new Task<?>[2];
            ExceptionGroup eg = assertThrows(ExceptionGroup.class, () -> TaskGroup.run(g -> {
                t[0] = g.createTask(() -> Asyncio.sleep(Duration.ofSeconds(1), 42));
                t[1] = g.createTask(() -> Asyncio.sleep(Duration.ofSeconds(2), 11));
                return divideByZero();
            }));
            assertEquals(Set.of(ArithmeticException.class), errorTypes(eg));
            assertTrue(t[0].isCancelled());
            assertTrue(t[1].isCancelled());
            return null;
        });
    }

    // CPython: test_asyncio.test_taskgroups.TestTaskGroup.test_taskgroup_19
    @Tag("cpython")
    @Test
    void bodyErrorRaisedWhileBeingCancelledIsCollectedWithTheChildsError() throws Exception {
        Throwable failure = run(() -> failureOf(Asyncio.createTask(() -> TaskGroup.run(g -> {
            g.createTask(() -> {
                Asyncio.sleep(SOON);
                return divideByZero();
            });
            try {
                Asyncio.sleep(LONG);
            } finally {
                throw new MyException();
            }
        }))));
        assertEquals(Set.of(MyException.class, ArithmeticException.class),
                errorTypes(assertInstanceOf(ExceptionGroup.class, failure)));
    }

    // CPython: test_asyncio.test_taskgroups.TestTaskGroup.test_taskgroup_20
    @Tag("cpython")
    @Test
    void errorFromTheBodyIsRaisedBareAfterTheChildrenEnded() throws Exception {
        Task<?>[] child = new Task<?>[1];
        Throwable failure = run(() -> failureOf(Asyncio.createTask(() -> TaskGroup.run(g -> {
            child[0] = g.createTask(() -> {
                Asyncio.sleep(SOON);
                return divideByZero();
            });
            try {
                Asyncio.sleep(LONG);
            } finally {
                throw new KeyboardInterrupt();
            }
        }))));
        assertInstanceOf(KeyboardInterrupt.class, failure);
        assertTrue(child[0].isDone());
    }

    // ------------------------------------------------------------------ nested groups

    // CPython: test_asyncio.test_taskgroups.TestTaskGroup.test_taskgroup_11
    @Tag("cpython")
    @Test
    void cancellingNestedGroupsPropagatesCancellation() throws Exception {
        run(() -> {
            Task<Void> r = Asyncio.createTask(() -> TaskGroup.run(g1 -> TaskGroup.run(g2 -> {
                for (int i = 0; i < 5; i++) {
                    g2.createTask(() -> {
                        Asyncio.sleep(SOON);
                        return divideByZero();
                    });
                }
                Asyncio.sleep(LONG);
                return null;
            })));
            Asyncio.sleep(SOON.dividedBy(2));
            assertTrue(!r.isDone());
            r.cancel();
            assertThrows(CancellationException.class, r::result);
            return null;
        });
    }

    // CPython: test_asyncio.test_taskgroups.TestTaskGroup.test_taskgroup_13
    @Tag("cpython")
    @Test
    void outerChildFailureCancelsTheInnerGroup() throws Exception {
        Throwable failure = run(() -> failureOf(Asyncio.createTask(() -> TaskGroup.run(g1 -> {
            g1.createTask(() -> {
                Asyncio.sleep(SOON);
                throw new IllegalArgumentException("0.1");
            });
            return TaskGroup.run(g2 -> g2.createTask(() -> {
                Asyncio.sleep(LONG);
                throw new IllegalArgumentException("10");
            }));
        }))));
        assertEquals(Set.of(IllegalArgumentException.class),
                errorTypes(assertInstanceOf(ExceptionGroup.class, failure)));
    }

    // CPython: test_asyncio.test_taskgroups.TestTaskGroup.test_taskgroup_14
    @Tag("cpython")
    @Test
    void innerGroupsExceptionGroupIsNestedInTheOuterOne() throws Exception {
        Throwable failure = run(() -> failureOf(Asyncio.createTask(() -> TaskGroup.run(g1 -> {
            g1.createTask(() -> {
                Asyncio.sleep(LONG);
                throw new IllegalArgumentException("10");
            });
            return TaskGroup.run(g2 -> g2.createTask(() -> {
                Asyncio.sleep(SOON);
                throw new IllegalArgumentException("0.1");
            }));
        }))));
        ExceptionGroup eg = assertInstanceOf(ExceptionGroup.class, failure);
        assertEquals(Set.of(ExceptionGroup.class), errorTypes(eg));
        assertEquals(Set.of(IllegalArgumentException.class), errorTypes((ExceptionGroup) eg.exceptions().get(0)));
    }

    // ------------------------------------------------------------------ misuse

    // CPython: test_asyncio.test_taskgroups.TestTaskGroup.test_taskgroup_double_enter
    @Tag("cpython")
    @Test
    void enteringTwiceIsRefused() throws Exception {
        run(() -> {
            TaskGroup group = new TaskGroup();
            group.call(g -> {
                IllegalStateException e = assertThrows(IllegalStateException.class, () -> g.call(h -> null));
                assertTrue(e.getMessage().contains("has already been entered"), e.getMessage());
                return null;
            });
            return null;
        });
    }

    // CPython: test_asyncio.test_taskgroups.TestTaskGroup.test_taskgroup_not_entered
    @Tag("cpython")
    @Test
    void createTaskBeforeEnteringOrAfterTheEndIsRefused() throws Exception {
        run(() -> {
            TaskGroup group = new TaskGroup();
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> group.createTask(() -> 1));
            assertTrue(e.getMessage().contains("has not been entered"), e.getMessage());
            group.call(g -> g.createTask(() -> 1));
            e = assertThrows(IllegalStateException.class, () -> group.createTask(() -> 1));
            assertTrue(e.getMessage().contains("is finished"), e.getMessage());
            return null;
        });
    }

    @Test
    void createTaskWhileShuttingDownIsRefused() throws Exception {
        AtomicReference<Throwable> refused = new AtomicReference<>();
        run(() -> {
            assertThrows(ExceptionGroup.class, () -> TaskGroup.run(g -> {
                g.createTask(() -> divideByZero());
                try {
                    Asyncio.sleep(LONG);
                } catch (CancellationException e) {
                    refused.set(assertThrows(IllegalStateException.class, () -> g.createTask(() -> 1)));
                    throw e;
                }
                return null;
            }));
            return null;
        });
        assertTrue(refused.get().getMessage().contains("is shutting down"), refused.get().getMessage());
    }

    @Test
    void enteringOutsideATaskIsRefused() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> TaskGroup.run(g -> null));
        assertTrue(e.getMessage().contains("cannot determine the parent task"), e.getMessage());
    }

    @Test
    void toStringShowsTheState() throws Exception {
        run(() -> {
            TaskGroup group = new TaskGroup();
            assertEquals("TaskGroup[]", group.toString());
            group.call(g -> {
                g.createTask(() -> Asyncio.sleep(SOON, 1));
                assertEquals("TaskGroup[tasks=1 entered]", g.toString());
                return null;
            });
            return null;
        });
    }
}

package io.bingfa.threading;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.bingfa.Action;
import io.bingfa.testing.TestThreads;
import io.bingfa.testing.Waits;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.ref.WeakReference;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * test_threading.py's Thread-object, error and excepthook cases, mapped to {@link java.lang.Thread}
 * plus {@link Threads}: what bingfa adds is tested; where the JDK already enforces the rule, the
 * test pins that down too.
 */
// try (Held held = lock.hold()) is Python's with-block; the resource is used only to release.
@SuppressWarnings("try")
@Timeout(60)
class ThreadsTest {
    @AfterEach
    void restoreHook() {
        Threads.setExceptHook(null);
    }

    /** Starts a thread with {@link Threads#start(Action)} and joins it. */
    private static Thread runToEnd(Action action) throws InterruptedException {
        Thread thread = Threads.start(action);
        assertTrue(thread.join(Waits.PATIENCE), "thread did not end");
        return thread;
    }

    /** Runs {@code action} with {@code System.err} captured; returns what was written. */
    private static String captureStderr(Action action) throws Exception {
        PrintStream original = System.err;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buffer, true, UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(original);
        }
        return buffer.toString(UTF_8);
    }

    // CPython: test_threading.ThreadTests.test_name
    @Test
    @Tag("cpython")
    void test_name_unnamedThreadsAreThreadNFromAGlobalCounter() throws InterruptedException {
        Thread first = runToEnd(() -> { });
        Thread second = runToEnd(() -> { });
        assertTrue(first.getName().matches("Thread-\\d+"), first.getName());
        int n1 = Integer.parseInt(first.getName().substring("Thread-".length()));
        int n2 = Integer.parseInt(second.getName().substring("Thread-".length()));
        assertTrue(n2 > n1, "the counter goes up: " + n1 + ", " + n2);
        String next = Threads.nextName();
        assertTrue(Integer.parseInt(next.substring("Thread-".length())) > n2, next);

        Thread named = Threads.start("myname1", () -> { });
        named.join();
        assertEquals("myname1", named.getName());
        assertThrows(NullPointerException.class, () -> Threads.start(null, () -> { }));
        assertThrows(NullPointerException.class, () -> Threads.start((Action) null));
    }

    // CPython: test_threading.ThreadTests.test_various_ops
    @Test
    @Tag("cpython")
    void test_various_ops_gatedThreadsAndElevenDistinctNativeIds() throws InterruptedException {
        assumeTrue(Files.exists(Path.of("/proc/thread-self")), "native ids need Linux /proc");
        int n = 10;
        BoundedSemaphore gate = new BoundedSemaphore(3);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostRunning = new AtomicInteger();
        Event proceed = new Event();
        Set<Long> nativeIds = Collections.synchronizedSet(new HashSet<>());
        nativeIds.add(Threads.nativeId());
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            threads.add(Threads.start(() -> {
                nativeIds.add(Threads.nativeId());
                try (Held held = gate.hold()) {
                    mostRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
                    proceed.await();
                    running.decrementAndGet();
                }
            }));
        }
        try {
            Waits.awaitTrue("3 inside the gate", () -> running.get() == 3);
            Waits.awaitParked(threads.toArray(Thread[]::new));
            assertEquals(3, running.get(), "BoundedSemaphore(3) lets 3 in");
        } finally {
            proceed.set();
            for (Thread thread : threads) {
                assertTrue(thread.join(Waits.PATIENCE));
            }
        }
        assertEquals(3, mostRunning.get());
        assertEquals(n + 1, nativeIds.size(), "11 distinct native ids: " + nativeIds);
        for (Thread thread : threads) {
            assertFalse(thread.isAlive());
            assertNotEquals(0L, thread.threadId());
        }
    }

    // CPython: test_threading.ThreadTests.test_enumerate_after_join (#1703448)
    @Test
    @Tag("cpython")
    void test_enumerate_after_join_joinedThreadIsNeverEnumerated() throws InterruptedException {
        for (int i = 0; i < 99; i++) {
            Thread thread = Threads.start(() -> { });
            thread.join();
            assertFalse(Threads.enumerate().contains(thread), "enumerated after join: " + thread);
        }
    }

    // CPython: test_threading.ThreadTests.test_join_from_multiple_threads
    @Test
    @Tag("cpython")
    void test_join_from_multiple_threads_manyJoinersAtOnce() throws InterruptedException {
        for (int joiners = 2; joiners < 20; joiners++) {
            Event release = new Event();
            Thread target = Threads.start(release::await);
            try (TestThreads bunch = TestThreads.start(joiners, i -> target.join())) {
                bunch.awaitParked();
                release.set();
                bunch.join();
            } finally {
                release.set(); // the target ends (and is joined) even if the joiners failed
                target.join(Waits.PATIENCE);
            }
            assertFalse(target.isAlive());
        }
    }

    // CPython: test_threading.ThreadTests.test_join_with_timeout
    @Test
    @Tag("cpython")
    void test_join_with_timeout_returnsWithoutErrorAndThreadStillAlive() throws InterruptedException {
        Lock lock = new Lock();
        lock.acquire();
        Thread thread = Threads.start(() -> {
            lock.acquire();
            lock.release();
        });
        try {
            Waits.awaitParked(thread);
            assertFalse(thread.join(Duration.ofMillis(10)));
            assertTrue(thread.isAlive());
        } finally {
            lock.release();
        }
        thread.join();
        assertFalse(thread.isAlive());
    }

    // CPython: test_threading.ThreadTests.test_daemon_param / test_repr_daemon (daemon inherited)
    @Test
    @Tag("cpython")
    void test_daemon_param_daemonStatusIsInheritedFromTheStarter() throws InterruptedException {
        AtomicReference<Thread> fromDaemon = new AtomicReference<>();
        AtomicReference<Thread> fromUser = new AtomicReference<>();
        Thread daemon = Thread.ofPlatform().daemon(true).start(Threads.runnable(
                () -> fromDaemon.set(runToEnd(() -> { }))));
        Thread user = Thread.ofPlatform().daemon(false).start(Threads.runnable(
                () -> fromUser.set(runToEnd(() -> { }))));
        daemon.join();
        user.join();
        assertTrue(fromDaemon.get().isDaemon());
        assertFalse(fromUser.get().isDaemon());
    }

    // CPython: test_threading.ThreadTests.test_main_thread
    @Test
    @Tag("cpython")
    void test_main_thread_isTheJvmMainThreadAndItsIdentDiffersElsewhere() throws InterruptedException {
        Thread main = Threads.main();
        assertNotNull(main);
        assertEquals("main", main.getName());
        assertEquals(Thread.currentThread().threadId(), Threads.ident());
        assertSame(Thread.currentThread(), Threads.current());
        if (Thread.currentThread() == main) {
            assertEquals(main.threadId(), Threads.ident());
        }
        AtomicLong otherIdent = new AtomicLong();
        AtomicReference<Thread> otherMain = new AtomicReference<>();
        runToEnd(() -> {
            otherIdent.set(Threads.ident());
            otherMain.set(Threads.main());
        });
        assertNotEquals(main.threadId(), otherIdent.get());
        assertNotEquals(Threads.ident(), otherIdent.get());
        assertNotEquals(0L, otherIdent.get());
        assertSame(main, otherMain.get());
    }

    @Test
    void enumerateAndActiveCountSeeLiveApplicationThreadsOnly() throws InterruptedException {
        Event release = new Event();
        Thread started = Threads.start(release::await);
        try {
            List<Thread> live = Threads.enumerate();
            assertTrue(live.contains(started));
            assertTrue(live.contains(Thread.currentThread()));
            for (Thread thread : live) {
                assertFalse(Set.of("Reference Handler", "Finalizer", "Signal Dispatcher")
                        .contains(thread.getName()), "JVM internal thread enumerated: " + thread);
                assertFalse(thread.isVirtual());
            }
            // Other threads of the JVM may come and go; ask until two readings agree.
            Waits.awaitTrue("activeCount() == enumerate().size()",
                    () -> Threads.activeCount() == Threads.enumerate().size());
            assertTrue(Threads.activeCount() >= 2);
        } finally {
            release.set();
            started.join();
        }
        assertFalse(Threads.enumerate().contains(started));
    }

    @Test
    void virtualThreadEnumeratesItselfOnly() throws InterruptedException {
        AtomicReference<List<Thread>> seen = new AtomicReference<>();
        Thread virtual = Thread.ofVirtual().start(Threads.runnable(() -> seen.set(Threads.enumerate())));
        virtual.join();
        assertTrue(seen.get().contains(virtual), "the current virtual thread is included");
        assertEquals(1, seen.get().stream().filter(Thread::isVirtual).count());
    }

    // CPython: test_threading.ThreadTests.test_change_name / test_set_name (3.14): JDK behaviour
    @Test
    @Tag("cpython")
    void test_set_name_renamingTheCurrentThreadRenamesTheOsThreadTruncated() throws InterruptedException {
        Path comm = Path.of("/proc/thread-self/comm");
        assumeTrue(Files.exists(comm), "needs Linux /proc");
        AtomicReference<String> shortName = new AtomicReference<>();
        AtomicReference<String> longName = new AtomicReference<>();
        runToEnd(() -> {
            Thread.currentThread().setName("bingfa-renamed");
            shortName.set(Files.readString(comm).strip());
            Thread.currentThread().setName("bingfa-renamed-and-much-longer");
            longName.set(Files.readString(comm).strip());
        });
        assertEquals("bingfa-renamed", shortName.get());
        assertEquals("bingfa-renamed-", longName.get(), "Linux keeps the first 15 bytes");
    }

    // CPython: test_threading.ThreadingExceptionTests.test_start_thread_again: JDK enforces it
    @Test
    @Tag("cpython")
    void test_start_thread_again_jdkRefusesASecondStart() throws InterruptedException {
        Thread thread = runToEnd(() -> { });
        assertThrows(IllegalThreadStateException.class, thread::start);
    }

    // CPython: test_threading.ThreadingExceptionTests.test_daemonize_active_thread: JDK enforces it
    @Test
    @Tag("cpython")
    void test_daemonize_active_thread_jdkRefusesSetDaemonOnALiveThread() throws InterruptedException {
        Event release = new Event();
        Thread thread = Threads.start(release::await);
        try {
            assertThrows(IllegalThreadStateException.class, () -> thread.setDaemon(true));
        } finally {
            release.set();
            thread.join();
        }
    }

    // CPython: test_threading.ThreadingExceptionTests.test_recursion_limit (issue 9670)
    @Test
    @Tag("cpython")
    void test_recursion_limit_stackOverflowInAWorkerIsCatchable() throws InterruptedException {
        AtomicBoolean caught = new AtomicBoolean();
        runToEnd(() -> {
            try {
                recurse(0);
            } catch (StackOverflowError expected) {
                caught.set(true);
            }
        });
        assertTrue(caught.get());
    }

    private static int recurse(int depth) {
        return recurse(depth + 1) + 1;
    }

    // CPython: test_threading.ThreadingExceptionTests.test_print_exception
    @Test
    @Tag("cpython")
    void test_print_exception_defaultHookPrintsNameAndTraceAndTheThreadDies() throws Exception {
        AtomicReference<Thread> thread = new AtomicReference<>();
        String err = captureStderr(() -> thread.set(runToEnd(() -> {
            throw new IllegalArgumentException("run failed");
        })));
        assertTrue(err.startsWith("Exception in thread " + thread.get().getName() + ":"), err);
        assertTrue(err.contains("java.lang.IllegalArgumentException: run failed"), err);
        assertTrue(err.contains("\tat "), "a stack trace follows: " + err);
        assertFalse(thread.get().isAlive());
    }

    // CPython: test_threading.ExceptHookTests.test_excepthook / test_excepthook_thread_None
    @Test
    @Tag("cpython")
    void test_excepthook_defaultHookWritesNameOrIdentWhenThreadIsNull() throws Exception {
        IllegalArgumentException failure = new IllegalArgumentException("run failed");
        String named = captureStderr(() -> Threads.exceptHook().handle(
                Thread.currentThread(), failure));
        assertTrue(named.startsWith("Exception in thread " + Thread.currentThread().getName() + ":"),
                named);
        assertTrue(named.contains("IllegalArgumentException: run failed"), named);
        String nameless = captureStderr(() -> Threads.DEFAULT_EXCEPT_HOOK.handle(null, failure));
        assertTrue(nameless.startsWith("Exception in thread " + Threads.ident() + ":"), nameless);
    }

    // CPython: test_threading.ExceptHookTests.test_custom_excepthook
    @Test
    @Tag("cpython")
    void test_custom_excepthook_receivesTheThreadAndTheException() throws Exception {
        AtomicReference<Thread> hookThread = new AtomicReference<>();
        AtomicReference<Throwable> hookException = new AtomicReference<>();
        Threads.setExceptHook((thread, exception) -> {
            hookThread.set(thread);
            hookException.set(exception);
        });
        IllegalArgumentException failure = new IllegalArgumentException("run failed");
        AtomicReference<Thread> started = new AtomicReference<>();
        String err = captureStderr(() -> started.set(runToEnd(() -> {
            throw failure;
        })));
        assertSame(started.get(), hookThread.get());
        assertSame(failure, hookException.get());
        assertEquals("run failed", hookException.get().getMessage());
        assertEquals("", err, "a custom hook replaces the default output");

        // Checked exceptions reach the hook as they are, not wrapped.
        Exception checked = new java.io.IOException("checked");
        runToEnd(() -> {
            throw checked;
        });
        assertSame(checked, hookException.get());
    }

    // CPython: test_threading.ExceptHookTests.test_custom_excepthook_fail / test_original_excepthook
    @Test
    @Tag("cpython")
    void test_custom_excepthook_fail_hookFailureIsPrintedAndDefaultIsRestorable() throws Exception {
        Threads.setExceptHook((thread, exception) -> {
            throw new IllegalStateException("hook failed");
        });
        String err = captureStderr(() -> runToEnd(() -> {
            throw new IllegalArgumentException("run failed");
        }));
        assertTrue(err.startsWith("Exception in threading.excepthook:"), err);
        assertTrue(err.contains("IllegalStateException: hook failed"), err);

        Threads.setExceptHook(null);
        assertSame(Threads.DEFAULT_EXCEPT_HOOK, Threads.exceptHook());
        AtomicReference<Thread> thread = new AtomicReference<>();
        String restored = captureStderr(() -> thread.set(runToEnd(() -> {
            throw new IllegalArgumentException("run failed");
        })));
        assertTrue(restored.startsWith("Exception in thread " + thread.get().getName() + ":"), restored);
    }

    @Test
    void runnableReportsFailuresOfVirtualThreadsToTheHook() throws InterruptedException {
        AtomicReference<Thread> hookThread = new AtomicReference<>();
        Threads.setExceptHook((thread, exception) -> hookThread.set(thread));
        Thread virtual = Thread.ofVirtual().start(Threads.runnable(() -> {
            throw new IllegalStateException("virtual failed");
        }));
        virtual.join();
        assertSame(virtual, hookThread.get());
    }

    // CPython: test_threading.ThreadTests.test_lock_no_subclass (3.13+): the compiler enforces it
    @Test
    @Tag("cpython")
    void test_lock_no_subclass_lockIsFinal() {
        assertTrue(Modifier.isFinal(Lock.class.getModifiers()));
    }

    // CPython: test_threading_local.BaseLocalTest.test_threading_local (ThreadLocal is the counterpart)
    @Test
    @Tag("cpython")
    void test_threading_local_valueSetInOneThreadIsInvisibleInAnother() throws InterruptedException {
        ThreadLocal<String> local = new ThreadLocal<>();
        local.set("main's");
        AtomicReference<String> seen = new AtomicReference<>("unset");
        runToEnd(() -> seen.set(local.get()));
        assertNull(seen.get());
        assertEquals("main's", local.get());
        local.remove();
    }

    // CPython: test_threading_local.BaseLocalTest.test_derived (ThreadLocal.withInitial is the counterpart)
    @Test
    @Tag("cpython")
    void test_derived_initialValueIsComputedLazilyPerThread() throws InterruptedException {
        AtomicInteger inits = new AtomicInteger();
        ThreadLocal<Integer> local = ThreadLocal.withInitial(inits::incrementAndGet);
        Set<Integer> seen = Collections.synchronizedSet(new HashSet<>());
        CountDownLatch all = new CountDownLatch(10);
        try (TestThreads bunch = TestThreads.start(10, i -> {
            int mine = local.get();
            assertEquals(mine, local.get(), "initialised once per thread");
            seen.add(mine);
            all.countDown();
            all.await(); // every thread holds its value at the same time
        })) {
            bunch.join();
        }
        assertEquals(10, seen.size());
        assertEquals(10, inits.get());
    }

    // CPython: test_threading.ThreadTests.test_no_refcycle_through_target
    @Test
    @Tag("cpython")
    void test_no_refcycle_through_target_finishedThreadDropsItsTarget() throws InterruptedException {
        Object captured = new Object();
        WeakReference<Object> ref = new WeakReference<>(captured);
        Thread thread = startCapturing(captured);
        captured = null;
        thread.join();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (ref.get() != null && System.nanoTime() < deadline) {
            System.gc();
            Thread.onSpinWait();
        }
        assertNull(ref.get(), "the finished thread " + thread + " still keeps its target's captures");
    }

    private static Thread startCapturing(Object captured) {
        return Threads.start(() -> assertNotNull(captured));
    }

    @Test
    void mainIsTheFirstMainThreadEvenWhenOtherThreadsAreNamedMain() throws InterruptedException {
        Thread realMain = Threads.main();
        assertNotNull(realMain);
        assertEquals("main", realMain.getName());
        CountDownLatch done = new CountDownLatch(1);
        List<Thread> impostors = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                impostors.add(Thread.ofPlatform().name("main").start(() -> {
                    try {
                        done.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }));
            }
            List<Thread> all = new ArrayList<>(impostors);
            Collections.reverse(all);
            all.add(realMain);
            assertSame(realMain, Threads.findMainThread(all));
        } finally {
            done.countDown();
            for (Thread impostor : impostors) {
                impostor.join();
            }
        }
    }
}

package io.bingfa.threading;

import static io.bingfa.testing.Waits.assertTimeout;
import static io.bingfa.testing.Waits.since;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bingfa.testing.Waits;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link Timer}: test_threading.py's {@code TimerTests} and the Thread rules a Timer (a Python
 * Thread subclass) keeps: start once, no join before start, no join of itself.
 */
@Timeout(60)
class TimerTest {
    private static final Duration LONG = Duration.ofMinutes(5);

    @AfterEach
    void restoreHook() {
        Threads.setExceptHook(null);
    }

    @Test
    void runsTheActionOnceAfterTheIntervalInAThreadNamedThreadN() throws InterruptedException {
        Duration interval = Duration.ofMillis(250);
        AtomicInteger runs = new AtomicInteger();
        AtomicReference<Thread> ranIn = new AtomicReference<>();
        AtomicLong started = new AtomicLong();
        AtomicLong ranAfter = new AtomicLong();
        Timer timer = new Timer(interval, () -> {
            ranAfter.set(since(started.get()));
            ranIn.set(Thread.currentThread());
            runs.incrementAndGet();
        });
        assertTrue(timer.thread().getName().matches("Thread-\\d+"), timer.thread().getName());
        started.set(System.nanoTime());
        timer.start();
        assertTrue(timer.join(Waits.PATIENCE));
        assertEquals(1, runs.get());
        assertSame(timer.thread(), ranIn.get());
        assertTimeout(ranAfter.get(), interval);
        assertFalse(timer.isAlive());
    }

    // Docs (TimerTests has no test): cancel() before the interval elapses means the function never runs.
    @Test
    @Tag("cpython")
    void cancel_beforeTheIntervalMeansTheActionNeverRuns() throws InterruptedException {
        AtomicInteger runs = new AtomicInteger();
        Timer timer = new Timer(LONG, runs::incrementAndGet);
        timer.start();
        Waits.awaitState(timer.thread(), Thread.State.TIMED_WAITING);
        timer.cancel();
        assertTrue(timer.join(Waits.PATIENCE), "a cancelled timer's thread ends at once");
        assertEquals(0, runs.get());

        Timer neverStarted = new Timer(Duration.ZERO, runs::incrementAndGet);
        neverStarted.cancel();
        neverStarted.start();
        assertTrue(neverStarted.join(Waits.PATIENCE));
        assertEquals(0, runs.get(), "cancel() before start() also stops it");
    }

    // CPython: test_threading.TimerTests.test_init_immutable_default_args (each timer is independent)
    @Test
    @Tag("cpython")
    void test_init_immutable_default_args_timersDoNotShareState() throws InterruptedException {
        AtomicInteger first = new AtomicInteger();
        AtomicInteger second = new AtomicInteger();
        Timer timer1 = new Timer(LONG, first::incrementAndGet);
        Timer timer2 = new Timer(Duration.ZERO, second::incrementAndGet);
        assertFalse(timer1.thread().getName().equals(timer2.thread().getName()));
        timer1.start();
        timer2.start();
        timer1.cancel();
        assertTrue(timer1.join(Waits.PATIENCE));
        assertTrue(timer2.join(Waits.PATIENCE));
        assertEquals(0, first.get());
        assertEquals(1, second.get(), "cancelling one timer does not touch another");
    }

    // CPython: test_threading.ThreadingExceptionTests.test_start_thread_again (for Timer)
    @Test
    @Tag("cpython")
    void test_start_thread_again_secondStartIsIllegalState() throws InterruptedException {
        Timer timer = new Timer(Duration.ZERO, () -> { });
        timer.start();
        IllegalStateException e = assertThrows(IllegalStateException.class, timer::start);
        assertEquals("threads can only be started once", e.getMessage());
        timer.join();
        assertThrows(IllegalStateException.class, timer::start);
    }

    // CPython: test_threading.ThreadingExceptionTests.test_joining_inactive_thread (for Timer)
    @Test
    @Tag("cpython")
    void test_joining_inactive_thread_joinBeforeStartIsIllegalState() {
        Timer timer = new Timer(Duration.ZERO, () -> { });
        assertThrows(IllegalStateException.class, timer::join);
        assertThrows(IllegalStateException.class, () -> timer.join(Duration.ofMillis(1)));
    }

    // CPython: test_threading.ThreadingExceptionTests.test_joining_current_thread (for Timer)
    @Test
    @Tag("cpython")
    void test_joining_current_thread_timerJoiningItselfIsIllegalState() throws InterruptedException {
        AtomicReference<Throwable> untimed = new AtomicReference<>();
        AtomicReference<Throwable> timed = new AtomicReference<>();
        AtomicReference<Timer> self = new AtomicReference<>();
        Timer timer = new Timer(Duration.ZERO, () -> {
            Timer me = self.get();
            untimed.set(assertThrows(IllegalStateException.class, me::join));
            timed.set(assertThrows(IllegalStateException.class, () -> me.join(Duration.ofSeconds(1))));
        });
        self.set(timer);
        timer.start();
        assertTrue(timer.join(Waits.PATIENCE));
        assertEquals("cannot join current thread", untimed.get().getMessage());
        assertInstanceOf(IllegalStateException.class, timed.get());
    }

    @Test
    void timedJoinReturnsFalseWhileTheTimerWaits() throws InterruptedException {
        Timer timer = new Timer(LONG, () -> { });
        timer.start();
        try {
            Duration timeout = Duration.ofMillis(200);
            long start = System.nanoTime();
            assertFalse(timer.join(timeout));
            assertTimeout(since(start), timeout);
            assertTrue(timer.isAlive());
        } finally {
            timer.cancel();
            timer.join();
        }
    }

    @Test
    void cancelAfterTheActionStartedDoesNotStopIt() throws InterruptedException {
        Event inAction = new Event();
        Event proceed = new Event();
        AtomicInteger finished = new AtomicInteger();
        Timer timer = new Timer(Duration.ZERO, () -> {
            inAction.set();
            proceed.await();
            finished.incrementAndGet();
        });
        timer.start();
        inAction.await();
        timer.cancel();
        proceed.set();
        timer.join();
        assertEquals(1, finished.get());
    }

    @Test
    void exceptionFromTheActionGoesToTheExceptHook() throws InterruptedException {
        AtomicReference<Thread> hookThread = new AtomicReference<>();
        AtomicReference<Throwable> hookException = new AtomicReference<>();
        Threads.setExceptHook((thread, exception) -> {
            hookThread.set(thread);
            hookException.set(exception);
        });
        IllegalArgumentException failure = new IllegalArgumentException("run failed");
        Timer timer = new Timer(Duration.ZERO, () -> {
            throw failure;
        });
        timer.start();
        timer.join();
        assertSame(timer.thread(), hookThread.get());
        assertSame(failure, hookException.get());
    }

    // CPython: test_threading.ThreadTests.test_various_ops / test_repr_stopped (repr states, for Timer)
    @Test
    @Tag("cpython")
    void test_repr_stopped_toStringShowsTheStateWithoutJoin() throws InterruptedException {
        Event release = new Event();
        Timer timer = new Timer(LONG, () -> { });
        String name = timer.thread().getName();
        assertEquals("Timer[" + name + ", initial]", timer.toString());
        timer.start();
        Waits.awaitState(timer.thread(), Thread.State.TIMED_WAITING);
        assertEquals("Timer[" + name + ", waiting]", timer.toString());
        timer.cancel();
        Waits.awaitState(timer.thread(), Thread.State.TERMINATED);
        assertEquals("Timer[" + name + ", finished]", timer.toString());

        Event inAction = new Event();
        Timer running = new Timer(Duration.ZERO, () -> {
            inAction.set();
            release.await();
        });
        running.start();
        inAction.await();
        assertEquals("Timer[" + running.thread().getName() + ", running]", running.toString());
        release.set();
        Waits.awaitTrue("finished without join", () -> running.toString().endsWith("finished]"));
        running.join();
    }

    @Test
    void negativeIntervalOrTimeoutIsIllegalArgument() throws InterruptedException {
        assertThrows(IllegalArgumentException.class, () -> new Timer(Duration.ofMillis(-1), () -> { }));
        assertThrows(NullPointerException.class, () -> new Timer(Duration.ZERO, null));
        Timer timer = new Timer(Duration.ZERO, () -> { });
        timer.start();
        assertThrows(IllegalArgumentException.class, () -> timer.join(Duration.ofMillis(-1)));
        timer.join();
    }
}

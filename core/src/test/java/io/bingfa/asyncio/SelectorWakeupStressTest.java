package io.bingfa.asyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bingfa.testing.TestThreads;
import java.nio.channels.Pipe;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Races between other threads' {@code callSoonThreadsafe} and a loop waiting in its selector: every
 * callback posted while the loop is about to wait, waiting, or just woken must run without any other
 * event arriving (a lost wake-up would leave it queued until the next I/O or timer, and here there
 * is none). Ping-pong: each round the thread posts one callback and waits for it.
 */
class SelectorWakeupStressTest {
    private static final int ROUNDS = 20_000;

    @Test
    void everyThreadsafeCallbackWakesALoopWaitingInItsSelector() throws Exception {
        for (SchedulerPath path : SchedulerPath.values()) {
            if (path == SchedulerPath.LOOP_CARRIER && !EventLoop.isLoopCarrierAvailable()) {
                continue;
            }
            AtomicInteger ran = new AtomicInteger();
            try (TestThreads threads = new TestThreads()) {
                EventLoop.run(path, () -> {
                    EventLoop loop = EventLoop.getRunningLoop();
                    Pipe pipe = Pipe.open(); // never readable: the loop waits in select
                    try {
                        pipe.source().configureBlocking(false);
                        loop.addReader(pipe.source(), () -> {});
                        Future<Void> done = loop.createFuture();
                        threads.run("poster-" + path, () -> {
                            try {
                                for (int i = 0; i < ROUNDS; i++) {
                                    CountDownLatch ranOnce = new CountDownLatch(1);
                                    loop.callSoonThreadsafe(() -> {
                                        ran.incrementAndGet();
                                        ranOnce.countDown();
                                    });
                                    if (!ranOnce.await(10, TimeUnit.SECONDS)) {
                                        throw new AssertionError(path + " round " + i
                                                + ": callback not run in 10 s (lost wake-up)");
                                    }
                                }
                            } finally {
                                loop.callSoonThreadsafe(() -> done.setResult(null));
                            }
                        });
                        done.result();
                    } finally {
                        loop.removeReader(pipe.source());
                        pipe.source().close();
                        pipe.sink().close();
                    }
                    return null;
                });
                threads.join();
            }
            assertEquals(ROUNDS, ran.get(), path.toString());
        }
    }
}

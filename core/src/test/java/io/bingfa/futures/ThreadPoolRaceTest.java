package io.bingfa.futures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bingfa.testing.TestThreads;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Nothing is lost when submits race a shutdown, or when an adaptive pool shrinks and grows. */
@Timeout(120)
class ThreadPoolRaceTest {
    private static final Duration LONG = Duration.ofSeconds(30);

    @Test
    void everyAcceptedTaskRunsWhenSubmitsRaceShutdown() throws Exception {
        for (int round = 0; round < 20; round++) {
            ThreadPoolExecutor pool = new ThreadPoolExecutor(3);
            Queue<Future<Integer>> accepted = new ConcurrentLinkedQueue<>();
            AtomicInteger rejected = new AtomicInteger();
            try (TestThreads submitters = TestThreads.start("submitter", 4, i -> {
                for (int k = 0; k < 200; k++) {
                    try {
                        accepted.add(pool.submit(() -> 1));
                    } catch (RejectedExecutionException e) {
                        rejected.incrementAndGet();
                    }
                }
            })) {
                pool.shutdown(true, false);
                submitters.join();
            }
            pool.shutdown();
            for (Future<Integer> f : accepted) {
                assertEquals(1, f.result(LONG));
            }
            assertEquals(800, accepted.size() + rejected.get());
        }
    }

    @Test
    void adaptivePoolLosesNothingWhileWorkersRetireAndStart() throws Exception {
        try (ThreadPoolExecutor pool = ThreadPoolExecutor.builder().adaptive(1, 8).build()) {
            for (int burst = 0; burst < 15; burst++) {
                int n = 1 + ThreadLocalRandom.current().nextInt(60);
                boolean sleepy = burst % 2 == 0;
                List<Future<Integer>> fs = new java.util.ArrayList<>();
                for (int i = 0; i < n; i++) {
                    fs.add(pool.submit(() -> {
                        if (sleepy) {
                            Thread.sleep(2);
                        } else {
                            AdaptivePoolTest.burn(Duration.ofMillis(1));
                        }
                        return 1;
                    }));
                }
                for (Future<Integer> f : fs) {
                    assertEquals(1, f.result(LONG));
                }
                // a pause between bursts, so idle workers above the target time out and retire:
                // the point is to race retiring with the next burst, not to wait for a state
                Thread.sleep(ThreadLocalRandom.current().nextInt(40));
                assertTrue(pool.currentSize() <= 8, pool.toString());
            }
        }
    }
}

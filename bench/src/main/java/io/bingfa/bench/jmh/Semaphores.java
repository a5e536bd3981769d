package io.bingfa.bench.jmh;

import io.bingfa.threading.Semaphore;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** One thread: Semaphore acquire+release, beside java.util.concurrent.Semaphore. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class Semaphores {
    private final Semaphore semaphore = new Semaphore(1);
    private final java.util.concurrent.Semaphore jdkSemaphore = new java.util.concurrent.Semaphore(1);

    @Benchmark
    public void bingfaSemaphore() throws InterruptedException {
        semaphore.acquire();
        semaphore.release();
    }

    @Benchmark
    public void jdkSemaphore() throws InterruptedException {
        jdkSemaphore.acquire();
        jdkSemaphore.release();
    }

    @Benchmark
    public boolean bingfaSemaphoreTryAcquire() {
        boolean got = semaphore.tryAcquire();
        if (got) {
            semaphore.release();
        }
        return got;
    }

    @Benchmark
    public boolean jdkSemaphoreTryAcquire() {
        boolean got = jdkSemaphore.tryAcquire();
        if (got) {
            jdkSemaphore.release();
        }
        return got;
    }
}

package io.bingfa.bench.jmh;

import io.bingfa.threading.Lock;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/** Two threads increment one counter under one lock: Lock beside ReentrantLock. */
@State(Scope.Benchmark)
@Threads(2)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ContendedLocks {
    private final Lock lock = new Lock();
    private final ReentrantLock reentrantLock = new ReentrantLock();
    private long bingfaCounter; // guarded by lock
    private long jdkCounter; // guarded by reentrantLock

    @Benchmark
    public void bingfaLock() throws InterruptedException {
        lock.acquire();
        try {
            bingfaCounter++;
        } finally {
            lock.release();
        }
    }

    @Benchmark
    public void jdkReentrantLock() {
        reentrantLock.lock();
        try {
            jdkCounter++;
        } finally {
            reentrantLock.unlock();
        }
    }
}

package io.bingfa.bench.jmh;

import io.bingfa.threading.Lock;
import io.bingfa.threading.RLock;
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
import org.openjdk.jmh.annotations.Warmup;

/** One thread: Lock acquire+release and RLock acquire twice + release twice, beside ReentrantLock. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class UncontendedLocks {
    private final Lock lock = new Lock();
    private final RLock rlock = new RLock();
    private final ReentrantLock reentrantLock = new ReentrantLock();
    private final Object monitor = new Object();

    @Benchmark
    public void bingfaLock() throws InterruptedException {
        lock.acquire();
        lock.release();
    }

    @Benchmark
    public void jdkReentrantLock() {
        reentrantLock.lock();
        reentrantLock.unlock();
    }

    @Benchmark
    public void jdkSynchronized() {
        synchronized (monitor) {
            // an empty critical section: the monitor enter/exit pair is the cost
        }
    }

    @Benchmark
    public void bingfaRLockTwice() throws InterruptedException {
        rlock.acquire();
        rlock.acquire();
        rlock.release();
        rlock.release();
    }

    @Benchmark
    public void jdkReentrantLockTwice() {
        reentrantLock.lock();
        reentrantLock.lock();
        reentrantLock.unlock();
        reentrantLock.unlock();
    }
}

package io.bingfa.bench.jmh;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.AbstractQueuedSynchronizer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One thread, one uncontended acquire+release pair on minimal AQS locks that differ from each other
 * by one step of the path where {@code io.bingfa.threading.Lock} differs from {@code ReentrantLock}:
 * how the release frees the state (a volatile store, or a CAS 1 -> 0 that catches a second release),
 * an interrupt check before the acquire ({@code Thread.interrupted()}), and a volatile read of a
 * mode flag (bingfa's {@code WaitRegistry.mode}) after it. Compare with {@link UncontendedLocks}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class LockHotPath {
    static volatile int mode;

    /** A non-reentrant AQS lock; {@code casRelease} and {@code readMode} pick the variant. */
    static final class MiniSync extends AbstractQueuedSynchronizer {
        private final boolean casRelease;
        private final boolean readMode;

        MiniSync(boolean casRelease, boolean readMode) {
            this.casRelease = casRelease;
            this.readMode = readMode;
        }

        @Override
        protected boolean tryAcquire(int ignored) {
            if (getState() == 0 && compareAndSetState(0, 1)) {
                setExclusiveOwnerThread(Thread.currentThread());
                if (readMode && mode != 0) {
                    throw new AssertionError("mode is never set here");
                }
                return true;
            }
            return false;
        }

        @Override
        protected boolean tryRelease(int ignored) {
            setExclusiveOwnerThread(null);
            if (casRelease) {
                if (!compareAndSetState(1, 0)) {
                    throw new IllegalMonitorStateException();
                }
            } else {
                if (getState() != 1) {
                    throw new IllegalMonitorStateException();
                }
                setState(0);
            }
            return true;
        }
    }

    private final MiniSync storeRelease = new MiniSync(false, false);
    private final MiniSync casRelease = new MiniSync(true, false);
    private final MiniSync casReleaseModeRead = new MiniSync(true, true);

    @Benchmark
    public void storeRelease() {
        storeRelease.acquire(1);
        storeRelease.release(1);
    }

    @Benchmark
    public void casRelease() {
        casRelease.acquire(1);
        casRelease.release(1);
    }

    @Benchmark
    public void casReleaseInterruptCheck() throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        casRelease.acquire(1);
        casRelease.release(1);
    }

    @Benchmark
    public void storeReleaseInterruptCheck() throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        storeRelease.acquire(1);
        storeRelease.release(1);
    }

    @Benchmark
    public void casReleaseInterruptCheckModeRead() throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        casReleaseModeRead.acquire(1);
        casReleaseModeRead.release(1);
    }
}

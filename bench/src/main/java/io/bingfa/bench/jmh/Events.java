package io.bingfa.bench.jmh;

import io.bingfa.threading.Event;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One thread: Event isSet() and set() on an event that is already set (the common polling and
 * "signal again" paths), beside the nearest JDK forms: a CountDownLatch(1) counted down (getCount,
 * countDown) and an AtomicBoolean (get, set).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class Events {
    private final Event event = new Event();
    private final CountDownLatch latch = new CountDownLatch(1);
    private final AtomicBoolean flag = new AtomicBoolean();

    @Setup
    public void setUp() {
        event.set();
        latch.countDown();
        flag.set(true);
    }

    @Benchmark
    public boolean bingfaEventIsSet() {
        return event.isSet();
    }

    @Benchmark
    public void bingfaEventSet() {
        event.set();
    }

    @Benchmark
    public boolean jdkLatchGetCount() {
        return latch.getCount() == 0;
    }

    @Benchmark
    public void jdkLatchCountDown() {
        latch.countDown();
    }

    @Benchmark
    public boolean jdkAtomicBooleanGet() {
        return flag.get();
    }

    @Benchmark
    public void jdkAtomicBooleanSet() {
        flag.set(true);
    }
}

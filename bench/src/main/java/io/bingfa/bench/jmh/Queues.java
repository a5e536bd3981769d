package io.bingfa.bench.jmh;

import io.bingfa.queue.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
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

/**
 * One thread: offer one element then poll it back, on Queue (unbounded and of 1024) beside
 * LinkedBlockingQueue and ArrayBlockingQueue(1024); and Queue's Python-named put+get.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class Queues {
    private static final Integer ITEM = 42;
    private final Queue<Integer> unbounded = new Queue<>();
    private final Queue<Integer> bounded = new Queue<>(1024);
    private final LinkedBlockingQueue<Integer> linked = new LinkedBlockingQueue<>();
    private final ArrayBlockingQueue<Integer> array = new ArrayBlockingQueue<>(1024);

    @Benchmark
    public Integer bingfaQueueOfferPoll() {
        unbounded.offer(ITEM);
        return unbounded.poll();
    }

    @Benchmark
    public Integer bingfaQueue1024OfferPoll() {
        bounded.offer(ITEM);
        return bounded.poll();
    }

    @Benchmark
    public Integer bingfaQueuePutGet() throws InterruptedException {
        unbounded.put(ITEM);
        return unbounded.get();
    }

    @Benchmark
    public Integer jdkLinkedBlockingQueueOfferPoll() {
        linked.offer(ITEM);
        return linked.poll();
    }

    @Benchmark
    public Integer jdkArrayBlockingQueue1024OfferPoll() {
        array.offer(ITEM);
        return array.poll();
    }

    @Benchmark
    public Integer jdkLinkedBlockingQueuePutTake() throws InterruptedException {
        linked.put(ITEM);
        return linked.take();
    }
}

package io.bingfa.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.bingfa.testing.TestThreads;
import io.bingfa.testing.Waits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Timeout;

/**
 * Nothing lost, nothing duplicated, under many interleavings: producers put distinct numbers by
 * randomly chosen insert forms until the queue is shut down; consumers take by randomly chosen
 * remove forms, marking each item done, until it says ShutDown; the test thread shuts the queue
 * down once a random number of puts got in, while everyone is busy (sometimes blocked).
 *
 * <p>Afterwards, with every thread joined: no number was received twice; every number received
 * had been accepted by a put (one that returned normally), never one whose put threw; a
 * non-immediate shutdown delivered every accepted number; an immediate one delivered some and
 * discarded exactly the rest (the discards are seen through the {@code extract} hook, and the
 * unfinished-task count must come out at zero, so it retired exactly those). For the FIFO queue,
 * each consumer also sees each producer's numbers in the order they were put.
 *
 * <p>Bounded: a fixed number of seeded rounds per configuration, a few seconds in all. A failure
 * names the seed, which replays the round's configuration (not its interleaving).
 */
@Timeout(120)
class NothingLostUnderShutdownRaceTest {
    private static final int ROUNDS = 25;
    private static final int PER_PRODUCER = 1_000_000;

    static Stream<Arguments> configurations() {
        return Stream.of("Queue", "LifoQueue", "PriorityQueue")
                .flatMap(type -> Stream.of(Arguments.of(type, false), Arguments.of(type, true)));
    }

    @ParameterizedTest(name = "{0}, immediate={1}")
    @MethodSource("configurations")
    void everyAcceptedItemIsReceivedOnceOrDiscardedNeverBoth(String type, boolean immediate) throws Exception {
        long base = type.hashCode() * 31L + (immediate ? 1 : 0);
        for (int round = 0; round < ROUNDS; round++) {
            long seed = base + round;
            try {
                runRound(type, immediate, new Random(seed));
            } catch (AssertionError | Exception e) {
                throw new AssertionError(type + " immediate=" + immediate + " round " + round + " seed " + seed
                        + " failed: " + e.getMessage(), e);
            }
        }
    }

    /** Remembers, through the storage hooks, what shutdown(true) discarded. */
    static final class Recorder {
        final List<Integer> discarded = new ArrayList<>();
        long inserts;
        volatile Thread shutdownCaller;

        void inserted() {
            inserts++;
        }

        void extracted(Integer item) {
            if (Thread.currentThread() == shutdownCaller) {
                discarded.add(item);
            }
        }
    }

    private static Queue<Integer> newQueue(String type, int maxsize, Recorder rec) {
        return switch (type) {
            case "Queue" -> new Queue<>(maxsize) {
                @Override
                protected void insert(Integer item) {
                    super.insert(item);
                    rec.inserted();
                }

                @Override
                protected Integer extract() {
                    Integer item = super.extract();
                    rec.extracted(item);
                    return item;
                }
            };
            case "LifoQueue" -> new LifoQueue<>(maxsize) {
                @Override
                protected void insert(Integer item) {
                    super.insert(item);
                    rec.inserted();
                }

                @Override
                protected Integer extract() {
                    Integer item = super.extract();
                    rec.extracted(item);
                    return item;
                }
            };
            case "PriorityQueue" -> new PriorityQueue<>(maxsize) {
                @Override
                protected void insert(Integer item) {
                    super.insert(item);
                    rec.inserted();
                }

                @Override
                protected Integer extract() {
                    Integer item = super.extract();
                    rec.extracted(item);
                    return item;
                }
            };
            default -> throw new IllegalArgumentException(type);
        };
    }

    private static void runRound(String type, boolean immediate, Random random) throws Exception {
        int producers = 1 + random.nextInt(4);
        int consumers = 1 + random.nextInt(4);
        int maxsize = random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(8);
        int threshold = random.nextInt(2_000);
        int joiners = random.nextInt(3);
        long[] producerSeeds = random.longs(producers).toArray();
        long[] consumerSeeds = random.longs(consumers).toArray();

        Recorder rec = new Recorder();
        Queue<Integer> q = newQueue(type, maxsize, rec);
        AtomicInteger acceptedCount = new AtomicInteger();
        List<List<Integer>> accepted = new ArrayList<>();
        List<Integer> rejected = new ArrayList<>();
        List<List<Integer>> received = new ArrayList<>();
        for (int i = 0; i < producers; i++) {
            accepted.add(new ArrayList<>());
            rejected.add(null);
        }
        for (int i = 0; i < consumers; i++) {
            received.add(new ArrayList<>());
        }

        try (var threads = new TestThreads()) {
            threads.runAll("producer", producers, p -> {
                Random r = new Random(producerSeeds[p]);
                List<Integer> mine = accepted.get(p);
                for (int i = 0; ; i++) {
                    int x = p * PER_PRODUCER + i;
                    try {
                        while (!tryPut(q, x, r)) {
                            Thread.yield();
                        }
                    } catch (QueueShutDownException e) {
                        rejected.set(p, x);
                        return;
                    }
                    mine.add(x);
                    acceptedCount.incrementAndGet();
                }
            });
            threads.runAll("consumer", consumers, c -> {
                Random r = new Random(consumerSeeds[c]);
                List<Integer> mine = received.get(c);
                List<Integer> batch = new ArrayList<>();
                while (true) {
                    try {
                        batch.clear();
                        tryGet(q, r, batch);
                    } catch (QueueShutDownException e) {
                        return;
                    }
                    if (batch.isEmpty()) {
                        Thread.yield();
                    }
                    for (Integer x : batch) {
                        mine.add(x);
                        q.taskDone();
                    }
                }
            });
            threads.runAll("joiner", joiners, j -> q.join());

            Waits.awaitTrue(threshold + " puts got in", () -> acceptedCount.get() >= threshold);
            rec.shutdownCaller = Thread.currentThread();
            q.shutdown(immediate);
            rec.shutdownCaller = null;
            if (immediate) {
                assertEquals(0, q.qsize(), "shutdown(immediate=True) leaves nothing in the queue");
            }
        }

        // every thread is joined: their lists are safely visible here
        Set<Integer> acceptedSet = new HashSet<>();
        accepted.forEach(acceptedSet::addAll);
        assertEquals(acceptedCount.get(), acceptedSet.size());
        assertEquals(rec.inserts, acceptedSet.size(), "a put returned normally exactly when its item was inserted");
        for (Integer x : rejected) {
            assertFalse(acceptedSet.contains(x));
        }

        Set<Integer> receivedSet = new HashSet<>();
        for (List<Integer> got : received) {
            for (Integer x : got) {
                if (!receivedSet.add(x)) {
                    fail("received twice: " + x);
                }
                if (!acceptedSet.contains(x)) {
                    fail("received " + x + ", which no put accepted" + (rejected.contains(x) ? " (its put threw)" : ""));
                }
            }
        }

        Set<Integer> discardedSet = new HashSet<>(rec.discarded);
        assertEquals(rec.discarded.size(), discardedSet.size(), "discarded twice");
        for (Integer x : discardedSet) {
            assertFalse(receivedSet.contains(x), "both received and discarded: " + x);
        }
        Set<Integer> missing = new HashSet<>(acceptedSet);
        missing.removeAll(receivedSet);
        if (immediate) {
            assertEquals(missing, discardedSet, "accepted - received must be exactly what shutdown discarded");
        } else {
            assertTrue(missing.isEmpty(), "lost after a non-immediate shutdown: " + missing.size() + " items");
            assertTrue(discardedSet.isEmpty());
        }
        assertEquals(0, q.qsize());
        assertEquals(0, q.unfinishedTasks(),
                "received items were marked done and discarded ones retired, so no task is left");
        assertTrue(q.join(Duration.ZERO));
        assertThrows(IllegalStateException.class, q::taskDone);

        if (type.equals("Queue")) {
            for (List<Integer> got : received) {
                int[] lastSeen = new int[producers];
                java.util.Arrays.fill(lastSeen, -1);
                for (Integer x : got) {
                    int p = x / PER_PRODUCER;
                    int i = x % PER_PRODUCER;
                    assertTrue(i > lastSeen[p], "FIFO: a consumer saw producer " + p + "'s item " + i
                            + " after its item " + lastSeen[p]);
                    lastSeen[p] = i;
                }
            }
        }
    }

    /** One insert attempt by a random form; false if it did not fit (try again). */
    private static boolean tryPut(Queue<Integer> q, int x, Random r) throws InterruptedException {
        switch (r.nextInt(6)) {
            case 0:
                q.put(x);
                return true;
            case 1:
                try {
                    q.put(x, Duration.ofMillis(1));
                    return true;
                } catch (QueueFullException e) {
                    return false;
                }
            case 2:
                try {
                    q.putNowait(x);
                    return true;
                } catch (QueueFullException e) {
                    return false;
                }
            case 3:
                return q.offer(x);
            case 4:
                return q.offer(x, 1, TimeUnit.MILLISECONDS);
            default:
                try {
                    return q.add(x);
                } catch (QueueFullException e) {
                    return false;
                }
        }
    }

    /**
     * One remove attempt by a random form, adding what it got to {@code into} (nothing if the
     * queue was empty for now). Throws ShutDown once the queue is shut down and empty; the JDK forms
     * that answer null/0 instead are followed by a getNowait to tell "empty for now" from "done".
     */
    private static void tryGet(Queue<Integer> q, Random r, List<Integer> into) throws InterruptedException {
        Integer x;
        switch (r.nextInt(7)) {
            case 0:
                into.add(q.get());
                return;
            case 1:
                into.add(q.take());
                return;
            case 2:
                try {
                    into.add(q.get(Duration.ofMillis(1)));
                } catch (QueueEmptyException e) {
                    // empty for now
                }
                return;
            case 3:
                try {
                    into.add(q.getNowait());
                } catch (QueueEmptyException e) {
                    // empty for now
                }
                return;
            case 4:
                x = q.poll();
                break;
            case 5:
                x = q.poll(1, TimeUnit.MILLISECONDS);
                break;
            default:
                if (q.drainTo(into, 1 + r.nextInt(4)) > 0) {
                    return;
                }
                x = null;
                break;
        }
        if (x != null) {
            into.add(x);
        } else if (q.isShutdown()) {
            try {
                into.add(q.getNowait());
            } catch (QueueEmptyException e) {
                throw new AssertionError("getNowait() on a shut-down queue said Empty instead of ShutDown", e);
            }
        }
    }
}

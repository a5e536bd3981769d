package io.bingfa.stress;

import io.bingfa.multiprocessing.SharedArray;
import io.bingfa.queue.Queue;
import io.bingfa.queue.QueueEmptyException;
import io.bingfa.queue.QueueFullException;
import io.bingfa.queue.QueueShutDownException;
import io.bingfa.queue.SimpleQueue;
import io.bingfa.threading.Acquirable;
import io.bingfa.threading.Condition;
import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The outcome words and the wait bound the stress tests share, and the calls they make alike: each
 * helper makes exactly the calls a test would make in its actor and turns how they ended into the
 * outcome word the test records.
 */
final class Stress {
    /**
     * The bound on a wait that the other actor is certain to end at once: far longer than any
     * scheduling delay on a busy two-core machine, so only a lost wake-up reaches it, and short
     * enough that such a bug slows a run down instead of hanging it.
     */
    static final Duration PROMPT = Duration.ofSeconds(1);

    /** The call returned normally. */
    static final String OK = "OK";
    /** A release, taskDone or similar call was refused with the documented exception. */
    static final String REFUSED = "REFUSED";
    /** A timed wait ran out ({@code false}, {@code QueueEmptyException}, {@code QueueFullException}). */
    static final String TIMEOUT = "TIMEOUT";
    /** A queue operation threw {@code QueueShutDownException}. */
    static final String SHUT = "SHUT";
    /** A non-blocking get found the queue empty. */
    static final String EMPTY = "EMPTY";
    /** The wait threw {@code InterruptedException}. */
    static final String INTERRUPTED = "INTERRUPTED";
    /** A waiter returned {@code true}: it was signalled or saw the state it waited for. */
    static final String SIGNALLED = "SIGNALLED";
    /** A waiter arrived after the signal and so did not wait at all. */
    static final String LATE = "LATE";
    /** A timed {@code tryAcquire} of the lock the actor needs ran out. */
    static final String NO_LOCK = "NO_LOCK";
    /** The {@link ThirdActor}'s part did not finish within {@link #PROMPT}. */
    static final String THIRD_TIMEOUT = "THIRD_TIMEOUT";

    private Stress() {}

    /** A timed wait: {@code true} if what it waited for came, {@code false} if it ran out. */
    @FunctionalInterface
    interface TimedWait {
        boolean await() throws InterruptedException;
    }

    /** Runs {@code wait}: {@code yes} if it returned {@code true}, {@code no} if {@code false}, else {@link #INTERRUPTED}. */
    static String await(TimedWait wait, String yes, String no) {
        try {
            return wait.await() ? yes : no;
        } catch (InterruptedException e) {
            return INTERRUPTED;
        }
    }

    /** Runs {@code call}: {@link #OK}, or {@link #REFUSED} if it threw {@code refusal} (anything else propagates). */
    static String attempt(Runnable call, Class<? extends RuntimeException> refusal) {
        try {
            call.run();
            return OK;
        } catch (RuntimeException e) {
            if (refusal.isInstance(e)) {
                return REFUSED;
            }
            throw e;
        }
    }

    /**
     * Tries to take {@code lock} within {@link #PROMPT}.
     *
     * @return {@code null} once the caller holds the lock; otherwise the outcome to record:
     *     {@code timedOut} if the wait ran out, {@code interrupted} if it was interrupted
     */
    static <T> T failedToAcquire(Acquirable lock, T timedOut, T interrupted) {
        try {
            return lock.tryAcquire(PROMPT) ? null : timedOut;
        } catch (InterruptedException e) {
            return interrupted;
        }
    }

    /**
     * Takes {@code lock} within {@link #PROMPT}, runs {@code body} holding it and releases it.
     *
     * @return what {@code body} returned, or what {@link #failedToAcquire} says if the lock was not
     *     taken (and {@code body} not run)
     */
    static <T> T holding(Acquirable lock, T timedOut, T interrupted, Supplier<T> body) {
        T failed = failedToAcquire(lock, timedOut, interrupted);
        if (failed != null) {
            return failed;
        }
        try {
            return body.get();
        } finally {
            lock.release();
        }
    }

    /** {@code queue.put(item)}: {@link #OK}, {@link #SHUT} or {@link #INTERRUPTED}. */
    static String put(Queue<Integer> queue, int item) {
        try {
            queue.put(item);
            return OK;
        } catch (QueueShutDownException e) {
            return SHUT;
        } catch (InterruptedException e) {
            return INTERRUPTED;
        }
    }

    /** {@code queue.put(item, timeout)}: {@link #OK}, {@link #SHUT}, {@link #TIMEOUT} (full) or {@link #INTERRUPTED}. */
    static String put(Queue<Integer> queue, int item, Duration timeout) {
        try {
            queue.put(item, timeout);
            return OK;
        } catch (QueueShutDownException e) {
            return SHUT;
        } catch (QueueFullException e) {
            return TIMEOUT;
        } catch (InterruptedException e) {
            return INTERRUPTED;
        }
    }

    /** {@code queue.get(timeout)}: the item, {@link #SHUT}, {@link #TIMEOUT} (empty) or {@link #INTERRUPTED}. */
    static Object get(Queue<Integer> queue, Duration timeout) {
        return get(queue, timeout, false);
    }

    /**
     * {@code queue.get(timeout)} and, if it returned an item, {@code queue.taskDone()}: the item,
     * {@link #SHUT}, {@link #TIMEOUT} (empty) or {@link #INTERRUPTED}.
     */
    static Object getThenTaskDone(Queue<Integer> queue, Duration timeout) {
        return get(queue, timeout, true);
    }

    private static Object get(Queue<Integer> queue, Duration timeout, boolean taskDone) {
        try {
            Object item = queue.get(timeout);
            if (taskDone) {
                queue.taskDone();
            }
            return item;
        } catch (QueueShutDownException e) {
            return SHUT;
        } catch (QueueEmptyException e) {
            return TIMEOUT;
        } catch (InterruptedException e) {
            return INTERRUPTED;
        }
    }

    /** {@code queue.get(timeout)}: the item, {@link #TIMEOUT} (empty) or {@link #INTERRUPTED}. */
    static Object get(SimpleQueue<Integer> queue, Duration timeout) {
        try {
            return queue.get(timeout);
        } catch (QueueEmptyException e) {
            return TIMEOUT;
        } catch (InterruptedException e) {
            return INTERRUPTED;
        }
    }

    /** {@code queue.getNowait()}: the item, {@link #SHUT} or {@link #EMPTY}. */
    static Object getNowait(Queue<Integer> queue) {
        try {
            return queue.getNowait();
        } catch (QueueShutDownException e) {
            return SHUT;
        } catch (QueueEmptyException e) {
            return EMPTY;
        }
    }

    /** {@code queue.getNowait()}: the item or {@link #EMPTY}. */
    static Object getNowait(SimpleQueue<Integer> queue) {
        try {
            return queue.getNowait();
        } catch (QueueEmptyException e) {
            return EMPTY;
        }
    }

    /** {@code "size/unfinished tasks"} of {@code queue}, read in that order. */
    static String sizes(Queue<?> queue) {
        return queue.qsize() + "/" + queue.unfinishedTasks();
    }

    /** Whether {@code queue.join(ZERO)} returned {@code true}; {@code false} if interrupted. */
    static boolean joinedAtOnce(Queue<?> queue) {
        try {
            return queue.join(Duration.ZERO);
        } catch (InterruptedException e) {
            return false;
        }
    }

    /**
     * Shared-memory objects ({@code SharedValue}, {@code ProcessLock}) lent to one state at a time:
     * a state borrows what it needs in its constructor and its arbiter gives it back. jcstress calls
     * the arbiter once per state, after both actors, on every path (the sanity checks included).
     */
    /*
     * Why not a new object per state: each is a segment of shared memory, a file in /dev/shm and a
     * mapping of its own, about 50 us to make, and jcstress makes a state per sample: millions in a
     * run, about twelve thousand alive at once (an iteration's 40 x 256, and the ones being
     * replaced). A segment per state would make the test VM many times slower and run it out of
     * mappings (vm.max_map_count, 65530 by default) long before the garbage collector unmapped the
     * dead ones. A pool grows to the number of states alive at once (about a second of setup per
     * test VM), then only recycles.
     */
    static final class SharedPool<T> {
        private final Supplier<T> make;
        private final Consumer<T> reset;
        private final ConcurrentLinkedQueue<T> free = new ConcurrentLinkedQueue<>();

        /**
         * @param make creates a new object, in its initial state
         * @param reset puts a given-back object in its initial state again before it is lent anew
         */
        SharedPool(Supplier<T> make, Consumer<T> reset) {
            this.make = make;
            this.reset = reset;
        }

        /** An object no other live state has, in its initial state. */
        T borrow() {
            T recycled = free.poll();
            if (recycled == null) {
                return make.get();
            }
            reset.accept(recycled);
            return recycled;
        }

        /** Takes back what {@link #borrow()} lent; the caller must not touch it afterwards. */
        void giveBack(T object) {
            free.add(object);
        }
    }

    /**
     * Runs of {@code width} consecutive slots of one zero-filled {@link SharedArray}, lent to one
     * state at a time as {@link SharedPool} lends objects: one segment for the whole test VM.
     */
    static final class SharedSlots {
        /** Ten times the states jcstress keeps alive at once; past it, {@link #borrow()} throws. */
        private static final int STATES = 1 << 17;

        /** The array the slots are in. */
        final SharedArray array;
        private final int width;
        private final AtomicInteger unused = new AtomicInteger();
        private final SharedPool<Integer> pool;

        SharedSlots(int width) {
            this.width = width;
            this.array = SharedArray.ofLongs(STATES * width);
            this.pool = new SharedPool<>(this::fresh, this::zero);
        }

        /** The index of the first of {@code width} slots no other live state has, all zero. */
        int borrow() {
            return pool.borrow();
        }

        /** Takes back the slots from {@code first}; the caller must not touch them afterwards. */
        void giveBack(int first) {
            pool.giveBack(first);
        }

        private Integer fresh() {
            int first = unused.getAndAdd(width);
            if (first > array.length() - width) {
                throw new IllegalStateException("more than " + STATES + " states alive at once");
            }
            return first;
        }

        private void zero(int first) {
            for (int i = first; i < first + width; i++) {
                array.set(i, 0L);
            }
        }
    }

    /**
     * One waiter and one signaller on a {@link Condition}, sharing a {@code ready} flag: the waiter
     * takes the lock and, if the flag is not set, marks itself waiting and awaits the signal; the
     * signaller takes the lock, sets the flag, records whether it found the waiter waiting and
     * signals. Each stress test that uses it makes a new one per state, for its own condition.
     */
    static final class Handshake {
        /** The signaller found the waiter inside {@code await}. */
        static final String FOUND_WAITER = "FOUND_WAITER";
        /** The signaller found nobody waiting. */
        static final String NO_WAITER = "NO_WAITER";

        private final Condition condition;
        /** Guarded by condition. */
        private boolean ready;
        /** Guarded by condition: the waiter is inside await. */
        private boolean waiting;

        Handshake(Condition condition) {
            this.condition = condition;
        }

        /**
         * The waiter's part, awaiting at most {@code timeout}: {@link Stress#SIGNALLED}, {@link Stress#TIMEOUT},
         * {@link Stress#LATE} (the flag was already set), {@link Stress#NO_LOCK} or {@link Stress#INTERRUPTED}.
         */
        String waiter(Duration timeout) {
            String failed = failedToAcquire(condition, NO_LOCK, INTERRUPTED);
            if (failed != null) {
                return failed;
            }
            try {
                if (ready) {
                    return LATE;
                }
                waiting = true;
                boolean signalled = condition.await(timeout);
                waiting = false;
                return signalled ? SIGNALLED : TIMEOUT;
            } catch (InterruptedException e) {
                return INTERRUPTED;
            } finally {
                condition.release();
            }
        }

        /** The signaller's part: {@link #FOUND_WAITER}, {@link #NO_WAITER}, {@link Stress#NO_LOCK} or {@link Stress#INTERRUPTED}. */
        String signaller() {
            return holding(condition, NO_LOCK, INTERRUPTED, () -> {
                ready = true;
                String found = waiting ? FOUND_WAITER : NO_WAITER;
                condition.signal();
                return found;
            });
        }
    }
}

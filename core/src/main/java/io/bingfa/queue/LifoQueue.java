package io.bingfa.queue;

import java.util.ArrayDeque;
import java.util.Collections;

/**
 * Python's {@code queue.LifoQueue}: a {@link Queue} whose last item put is the first taken (a
 * stack). Everything else, including task accounting and shutdown, is as in {@link Queue}.
 *
 * @param <E> the element type
 */
public class LifoQueue<E> extends Queue<E> {
    /** Creates an unbounded LIFO queue. */
    public LifoQueue() {
        this(0);
    }

    /**
     * Creates a LIFO queue that holds at most {@code maxsize} items.
     *
     * @param maxsize the capacity; 0 or less means unbounded
     */
    public LifoQueue(int maxsize) {
        super(maxsize, Collections.asLifoQueue(new ArrayDeque<>()));
    }
}

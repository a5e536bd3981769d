package io.bingfa.queue;

import java.util.Comparator;

/**
 * Python's {@code queue.PriorityQueue}: a {@link Queue} that hands out the smallest item first, by
 * natural order or a {@link Comparator}. Items of equal priority come out in no particular order
 * (as with Python's heap); add a sequence number to the priority to make it stable. Natural order
 * needs {@link Comparable} items: a put of one that is not throws {@link ClassCastException} and
 * leaves the queue as it was.
 *
 * @param <E> the element type
 */
public class PriorityQueue<E> extends Queue<E> {
    /** Creates an unbounded priority queue ordered naturally. */
    public PriorityQueue() {
        this(0);
    }

    /**
     * Creates a priority queue ordered naturally that holds at most {@code maxsize} items.
     *
     * @param maxsize the capacity; 0 or less means unbounded
     */
    public PriorityQueue(int maxsize) {
        this(maxsize, null);
    }

    /**
     * Creates a priority queue ordered by {@code comparator}.
     *
     * @param maxsize the capacity; 0 or less means unbounded
     * @param comparator the order, smallest first; {@code null} for natural order
     */
    public PriorityQueue(int maxsize, Comparator<? super E> comparator) {
        super(maxsize, new java.util.PriorityQueue<>(comparator));
    }
}

package io.bingfa.asyncio;

import java.util.Comparator;
import java.util.Objects;

/**
 * Python's {@code asyncio.PriorityQueue}: a {@link Queue} that returns the least item first, by the
 * natural order or a {@link Comparator}. Python orders {@code (priority, data)} tuples; in Java use
 * a record and a comparator on its priority. Equal items come back in no particular order. Everything
 * else, including the loop confinement and shutdown, is as for {@link Queue}.
 *
 * @param <E> the element type
 */
public final class PriorityQueue<E> extends Queue<E> {
    private final java.util.PriorityQueue<E> heap;

    /** Creates an unbounded queue ordered by the items' natural order. */
    public PriorityQueue() {
        this(0);
    }

    /** Creates a queue of at most {@code maxsize} items ({@code <= 0}: unbounded), natural order. */
    public PriorityQueue(int maxsize) {
        this(maxsize, null);
    }

    /**
     * Creates a queue of at most {@code maxsize} items ({@code <= 0}: unbounded) ordered by
     * {@code comparator} ({@code null}: natural order; the items must then be {@link Comparable}).
     */
    public PriorityQueue(int maxsize, Comparator<? super E> comparator) {
        super(maxsize);
        this.heap = new java.util.PriorityQueue<>(comparator);
    }

    @Override
    void insert(E item) {
        if (heap.comparator() == null && !(item instanceof Comparable)) {
            throw new ClassCastException(Objects.toString(item.getClass().getName())
                    + " is not Comparable (expected: Comparable items or a comparator)");
        }
        heap.add(item);
    }

    @Override
    E extract() {
        return heap.poll();
    }

    @Override
    int size() {
        return heap.size();
    }

    @Override
    String describeItems() {
        return heap.toString();
    }
}

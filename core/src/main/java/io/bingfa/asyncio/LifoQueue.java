package io.bingfa.asyncio;

/**
 * Python's {@code asyncio.LifoQueue}: a {@link Queue} that returns the most recently added item
 * first. Everything else, including the loop confinement and shutdown, is as for {@link Queue}.
 *
 * @param <E> the element type
 */
public final class LifoQueue<E> extends Queue<E> {
    /** Creates an unbounded queue. */
    public LifoQueue() {
        this(0);
    }

    /** Creates a queue holding at most {@code maxsize} items ({@code <= 0}: unbounded). */
    public LifoQueue(int maxsize) {
        super(maxsize);
    }

    @Override
    E extract() {
        return items.pollLast();
    }
}

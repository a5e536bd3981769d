package io.bingfa.asyncio;

/**
 * Python's {@code asyncio.BoundedSemaphore}: a {@link Semaphore} whose {@link #release()} refuses to
 * raise the number of free permits above the initial value, which catches a release without an
 * acquire. Everything else, including the loop confinement, is as for {@link Semaphore}.
 *
 * <p><b>Memory consistency effects:</b> as for {@link Semaphore}.
 */
public final class BoundedSemaphore extends Semaphore {
    private final int bound;

    /** Creates a bounded semaphore with one permit. */
    public BoundedSemaphore() {
        this(1);
    }

    /**
     * Creates a bounded semaphore with {@code value} permits, which is also its bound.
     *
     * @throws IllegalArgumentException if {@code value} is negative
     */
    public BoundedSemaphore(int value) {
        super(value);
        this.bound = value;
    }

    /**
     * Returns a permit, never waiting.
     *
     * @throws IllegalStateException "BoundedSemaphore released too many times" (Python's ValueError)
     *     if every permit is free already, or if used outside the semaphore's loop
     */
    @Override
    public void release() {
        checkLoop();
        if (value >= bound) {
            throw new IllegalStateException("BoundedSemaphore released too many times (value="
                    + value + "/" + bound + ")");
        }
        super.release();
    }
}

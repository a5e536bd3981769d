package io.bingfa.threading;

/**
 * Python's {@code threading.BoundedSemaphore}: a {@link Semaphore} that refuses to be released past
 * its initial value. Such a release is a bug (a release without its acquire) and throws
 * {@link IllegalStateException} ("Semaphore released too many times", Python's {@code ValueError}),
 * leaving the value unchanged.
 *
 * <p><b>Memory consistency effects:</b> as for {@link Semaphore}.
 */
public final class BoundedSemaphore extends Semaphore {
    /** Creates a bounded semaphore with one permit. */
    public BoundedSemaphore() {
        this(1);
    }

    /**
     * Creates a bounded semaphore with {@code value} permits, which is also its bound.
     *
     * @param value the initial and largest number of permits, {@code >= 0}
     * @throws IllegalArgumentException if {@code value} is negative
     */
    public BoundedSemaphore(int value) {
        super(value, value);
    }

    /** Shows the value and the bound: {@code BoundedSemaphore[value=2/3]}. */
    @Override
    public String toString() {
        return "BoundedSemaphore[value=" + value() + "/" + bound() + "]";
    }
}

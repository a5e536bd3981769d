package io.bingfa.asyncio;

import java.util.List;

/**
 * Python's {@code ExceptionGroup}: several failures raised together, as a {@link TaskGroup} does
 * with the failures of its children ("unhandled errors in a TaskGroup").
 *
 * <p>{@link #exceptions()} lists them in the order they happened; each is also attached as a
 * suppressed exception, so that a printed stack trace shows all of them. The group has no cause
 * (CPython raises it {@code from None}). Java has no {@code except*}: walk {@link #exceptions()}
 * to pick out the ones to handle.
 */
public final class ExceptionGroup extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The failures, in order. */
    private final List<Throwable> exceptions;

    /**
     * A group of {@code exceptions} with the message {@code message}.
     *
     * @throws IllegalArgumentException if {@code exceptions} is empty
     */
    public ExceptionGroup(String message, List<? extends Throwable> exceptions) {
        super(message + " (" + exceptions.size() + " sub-exception" + (exceptions.size() == 1 ? "" : "s") + ")",
                null, true, true);
        if (exceptions.isEmpty()) {
            throw new IllegalArgumentException("exceptions: [] (expected: at least one)");
        }
        this.exceptions = List.copyOf(exceptions);
        for (Throwable t : this.exceptions) {
            if (t != this) {
                addSuppressed(t);
            }
        }
    }

    /** The failures in the order they happened (Python's {@code eg.exceptions}); unmodifiable. */
    public List<Throwable> exceptions() {
        return exceptions;
    }
}

package io.bingfa.subprocess;

/**
 * The base of this package's exceptions: Python's {@code subprocess.SubprocessError}. Unchecked,
 * because each is asked for explicitly ({@code check}, a timeout); that a program cannot be
 * started at all is the checked {@link java.io.IOException} of the methods that start one.
 */
public class SubprocessException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with {@code message}. */
    public SubprocessException(String message) {
        super(message);
    }
}

package io.bingfa.multiprocessing;

import java.io.IOException;

/**
 * Thrown when the other end of a connection does not prove it holds the same auth key (Python's
 * {@code multiprocessing.AuthenticationError}).
 */
public class AuthenticationException extends IOException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with {@code message}. */
    public AuthenticationException(String message) {
        super(message);
    }
}

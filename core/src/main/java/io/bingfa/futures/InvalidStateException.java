package io.bingfa.futures;

/**
 * Python's {@code concurrent.futures.InvalidStateError}: an operation on a {@link Future} that its
 * state does not allow, such as a second {@link SettableFuture#setResult}. The message has CPython's
 * shape, the state then the future: {@code FINISHED: Future[state=finished returned Integer]}.
 */
public class InvalidStateException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with {@code message}. */
    public InvalidStateException(String message) {
        super(message);
    }
}

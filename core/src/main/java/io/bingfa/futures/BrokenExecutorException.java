package io.bingfa.futures;

import java.util.concurrent.RejectedExecutionException;

/**
 * Python's {@code concurrent.futures.BrokenExecutor} ({@code BrokenThreadPool}): the executor can
 * no longer run work, for instance because a worker's initializer failed. The futures still pending
 * then fail with it and every later {@code submit} throws it.
 */
public class BrokenExecutorException extends RejectedExecutionException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with {@code message}. */
    public BrokenExecutorException(String message) {
        super(message);
    }

    /** Creates the exception with {@code message} and the failure that broke the executor. */
    public BrokenExecutorException(String message, Throwable cause) {
        super(message, cause);
    }
}

package io.bingfa.queue;

import java.util.NoSuchElementException;

/**
 * Thrown by a non-blocking or timed get on an empty queue: Python's {@code queue.Empty}. A
 * {@link NoSuchElementException}, as {@link java.util.Queue#remove()} throws when a queue is empty.
 */
public class QueueEmptyException extends NoSuchElementException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was empty
     */
    public QueueEmptyException(String message) {
        super(message);
    }
}

package io.bingfa.queue;

/**
 * Thrown by a non-blocking or timed put on a full bounded queue: Python's {@code queue.Full}. An
 * {@link IllegalStateException}, as {@link java.util.Queue#add} throws when a queue is full.
 */
public class QueueFullException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was full
     */
    public QueueFullException(String message) {
        super(message);
    }
}

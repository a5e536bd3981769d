package io.bingfa.queue;

/**
 * Thrown by a put on a queue that has been shut down, and by a get on one that is shut down and
 * empty (or shut down immediately): Python 3.13's {@code queue.ShutDown}.
 */
public class QueueShutDownException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was shut down
     */
    public QueueShutDownException(String message) {
        super(message);
    }
}

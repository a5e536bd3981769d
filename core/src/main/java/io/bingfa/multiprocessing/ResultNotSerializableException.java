package io.bingfa.multiprocessing;

/**
 * A pool task ran, but its result could not be copied back to the parent: it (or something it
 * refers to) is not serialisable. CPython's {@code MaybeEncodingError}. The message keeps CPython's
 * shape, {@code Error sending result: '<result>'. Reason: '<why>'}. The worker survives and goes
 * on with its next task.
 */
public class ResultNotSerializableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ResultNotSerializableException(String message) {
        super(message);
    }
}

package io.bingfa.multiprocessing;

/**
 * The stack trace of an exception as it was in the worker process, attached to the copy of that
 * exception the parent rethrows: CPython's {@code multiprocessing.pool.RemoteTraceback}, the
 * {@code __cause__} of a re-raised worker exception. Its message names the worker and its pid,
 * then holds the child's formatted trace between {@code """} lines.
 *
 * <p>It becomes the cause of the task's exception; if that exception already has a cause (which
 * cannot be replaced), it is added as a suppressed exception instead. Exceptions raised by the
 * input iterable of {@code map}/{@code imap}, which never crossed a process boundary, carry none.
 */
public final class RemoteTraceback extends RuntimeException {
    private static final long serialVersionUID = 1L;

    RemoteTraceback(String text) {
        super(text, null, false, false);
    }

    /** Attaches a traceback with {@code text} to {@code failure} and returns {@code failure}. */
    static Throwable attach(Throwable failure, String text) {
        RemoteTraceback trace = new RemoteTraceback(text);
        if (failure.getCause() == null) {
            try {
                failure.initCause(trace);
                return failure;
            } catch (IllegalStateException causeWasSetToNull) {
                // fall through: suppressed instead
            }
        }
        failure.addSuppressed(trace);
        return failure;
    }

    /** Returns the worker's formatted trace, as CPython's {@code RemoteTraceback.tb}. */
    public String traceback() {
        return getMessage();
    }
}

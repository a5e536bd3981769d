package io.bingfa.multiprocessing;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * An exception raised in another process, as text: its class name, its message and its stack
 * trace there (Python's {@code RemoteError} and {@code RemoteTraceback}).
 *
 * <p>When a method called through a {@link Manager} proxy or a {@link ProcessQueue} fails in the
 * process that holds the object, the caller gets the same exception type back with a
 * {@code RemoteException} as its cause, whose message is the remote stack trace. When the
 * exception itself cannot come back (its class is not on the {@link AllowList}, or it holds
 * something that is not serialisable), the caller gets this exception instead. A call to a method
 * that the remote object does not expose is a {@code RemoteException} too.
 */
public class RemoteException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String className;
    private final String remoteMessage;
    private final String remoteTrace;

    /** Creates the exception for a remote failure of class {@code className}. */
    public RemoteException(String className, String remoteMessage, String remoteTrace) {
        super("\n---------------- remote traceback ----------------\n" + remoteTrace
                + "--------------------------------------------------");
        this.className = className;
        this.remoteMessage = remoteMessage;
        this.remoteTrace = remoteTrace;
    }

    /** Creates a local error about a remote call (no remote trace), e.g. a method not exposed. */
    public RemoteException(String message) {
        super(message);
        this.className = RemoteException.class.getName();
        this.remoteMessage = message;
        this.remoteTrace = "";
    }

    /** The text form of {@code failure}, to send to the caller. */
    static RemoteException of(Throwable failure) {
        var text = new StringWriter();
        failure.printStackTrace(new PrintWriter(text));
        return new RemoteException(failure.getClass().getName(), failure.getMessage(), text.toString());
    }

    /** The class name of the remote exception. */
    public String className() {
        return className;
    }

    /** The message of the remote exception ({@code null} if it had none). */
    public String remoteMessage() {
        return remoteMessage;
    }

    /** The remote stack trace, as {@link Throwable#printStackTrace()} printed it there. */
    public String remoteTrace() {
        return remoteTrace;
    }
}

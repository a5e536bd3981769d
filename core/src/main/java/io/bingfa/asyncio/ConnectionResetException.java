package io.bingfa.asyncio;

import java.net.SocketException;

/**
 * Python's {@code ConnectionResetError} as the streams raise it: the connection is gone (closed, reset
 * by the peer, or broken) and a {@link StreamWriter#drain()} or read cannot go on. The cause, when
 * there is one, is the I/O error that ended the connection.
 */
public class ConnectionResetException extends SocketException {
    private static final long serialVersionUID = 1L;

    public ConnectionResetException(String message) {
        super(message);
    }

    public ConnectionResetException(String message, Throwable cause) {
        super(message);
        initCause(cause);
    }
}

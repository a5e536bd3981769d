package io.bingfa.socketserver;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Python's {@code socketserver.StreamRequestHandler}: a handler with {@link #rfile()}, a buffered
 * stream to read the request from (with {@link RFile#readLine()}), and {@link #wfile()}, a stream
 * to write the reply to.
 *
 * <pre>{@code
 * class UpperLines extends StreamRequestHandler {
 *     protected void handle() throws IOException {
 *         byte[] line;
 *         while ((line = rfile().readLine()).length > 0) {
 *             wfile().write(new String(line, UTF_8).toUpperCase(Locale.ROOT).getBytes(UTF_8));
 *         }
 *     }
 * }
 * }</pre>
 *
 * <p>Bytes, not text, as in Python 3: {@code rfile} and {@code wfile} carry bytes, and a handler
 * decodes them itself. There is deliberately no {@code Reader}/{@code Writer} pair besides them:
 * a second buffer over the same socket would take bytes {@code rfile} then cannot see. Wrap
 * {@code rfile()} in an {@code InputStreamReader} if every read of the handler is text.
 *
 * <p>{@code wfile} is unbuffered (CPython's {@code wbufsize = 0}): each {@code write} goes to the
 * socket before it returns. {@link #finish()} flushes and closes both streams. Reads wait at most
 * the server's idle timeout ({@link java.net.SocketTimeoutException} after it).
 */
public abstract class StreamRequestHandler extends BaseRequestHandler {
    private static final int RBUFSIZE = 8192;

    private RFile rfile;
    private OutputStream wfile;

    /** For subclasses. */
    protected StreamRequestHandler() {}

    /** Python's {@code self.rfile}: the request, buffered. Valid from {@link #setup()} on. */
    public final RFile rfile() {
        return rfile;
    }

    /** Python's {@code self.wfile}: the reply, unbuffered. Valid from {@link #setup()} on. */
    public final OutputStream wfile() {
        return wfile;
    }

    /** Opens {@link #rfile()} and {@link #wfile()}; an override must call {@code super.setup()}. */
    @Override
    protected void setup() throws Exception {
        rfile = new RFile(request().getInputStream(), RBUFSIZE);
        wfile = request().getOutputStream();
    }

    /** Flushes and closes the streams; an override must call {@code super.finish()}. */
    @Override
    protected void finish() throws Exception {
        if (wfile != null && !request().isClosed()) {
            try {
                wfile.flush();
            } catch (IOException peerGone) {
                // CPython ignores a failed flush at finish (socket.error)
            }
        }
    }

    /**
     * The buffered request stream: an {@code InputStream} that can also read a line, as Python's
     * {@code rfile.readline()} does.
     */
    public static final class RFile extends BufferedInputStream {
        RFile(InputStream in, int size) {
            super(in, size);
        }

        /**
         * Reads one line, waiting until a {@code '\n'} or the end of the stream arrives. The line
         * is returned with its {@code '\n'}; an empty array means the end of the stream (the peer
         * closed), as {@code readline()} returns {@code b''}.
         *
         * @throws java.net.SocketTimeoutException if nothing arrives for the idle timeout
         */
        public byte[] readLine() throws IOException {
            return readLine(Integer.MAX_VALUE);
        }

        /**
         * Reads one line of at most {@code limit} bytes ({@code readline(limit)}): stops after
         * {@code '\n'}, at the end of the stream, or when {@code limit} bytes have been read.
         *
         * @throws IllegalArgumentException if {@code limit < 0}
         */
        public synchronized byte[] readLine(int limit) throws IOException {
            if (limit < 0) {
                throw new IllegalArgumentException("limit: " + limit + " (expected: >= 0)");
            }
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            while (line.size() < limit) {
                int b = read();
                if (b < 0) {
                    break;
                }
                line.write(b);
                if (b == '\n') {
                    break;
                }
            }
            return line.toByteArray();
        }
    }
}

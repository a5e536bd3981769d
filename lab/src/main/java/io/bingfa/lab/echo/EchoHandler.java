package io.bingfa.lab.echo;

import io.bingfa.socketserver.BaseRequestHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * The seed's communication loop (通信循环, {@code talk(conn)}) as a socketserver handler: reads up
 * to 1024 bytes ({@code conn.recv(1024)}), answers them in upper case ({@code conn.send(data.upper())}),
 * and goes on until the client closes. Python's {@code bytes.upper()} changes the ASCII letters
 * only; so does this, byte by byte, so a chunk boundary never splits a character's answer.
 *
 * <pre>{@code
 * ThreadingTcpServer.builder(EchoHandler::new).port(8080).build();   // a thread per connection
 * }</pre>
 *
 * <p>The no-argument constructor is what the servers of {@code ./bingfa serve echo} use (its
 * constructor reference is a serialisable factory, so {@code ProcessTcpServer} can copy it into
 * its children). The course's examples pass a listener that prints each chunk.
 */
public class EchoHandler extends BaseRequestHandler {
    /** The seed's {@code recv(1024)}. */
    public static final int CHUNK = 1024;
    private static final System.Logger LOG = System.getLogger("io.bingfa.lab.echo");

    private final Consumer<String> listener;

    /** A handler that answers silently. */
    public EchoHandler() {
        this(null);
    }

    /** A handler that gives {@code listener} each chunk it receives, as UTF-8 text; null for none. */
    public EchoHandler(Consumer<String> listener) {
        this.listener = listener;
    }

    /**
     * Answers until the client closes; a connection that fails (reset by the client, or closed by
     * the server's {@code close()}) ends it too, and goes to {@link #connectionLost}.
     */
    @Override
    protected void handle() {
        try {
            talk(request().getInputStream(), request().getOutputStream(), listener);
        } catch (IOException e) {
            connectionLost(e);
        }
    }

    /**
     * Called when reading or writing fails, which ends the connection (the seed's
     * {@code except ConnectionResetError as e: print(e)}); logs it at DEBUG by default: a client
     * that goes away is no error of the server's.
     */
    protected void connectionLost(IOException e) {
        LOG.log(System.Logger.Level.DEBUG, () -> "connection from " + clientAddress() + " lost: " + e);
    }

    /**
     * Answers each chunk read from {@code in} in upper case on {@code out}, waiting for the next
     * chunk until one of two things happens: the client closes ({@code in} is at end of stream),
     * or a read or write fails (a reset connection), which is thrown.
     *
     * @param listener given each chunk as UTF-8 text before it is answered; null for none
     * @return how many chunks were answered
     * @throws IOException if reading or writing fails
     */
    public static long talk(InputStream in, OutputStream out, Consumer<String> listener) throws IOException {
        byte[] buffer = new byte[CHUNK];
        long chunks = 0;
        while (true) {
            int n = in.read(buffer);                      // conn.recv(1024)
            if (n < 0) {
                return chunks;                            // the client closed: len(data) == 0
            }
            if (listener != null) {
                listener.accept(new String(buffer, 0, n, StandardCharsets.UTF_8));
            }
            upper(buffer, 0, n);
            out.write(buffer, 0, n);                      // conn.send(data.upper())
            chunks++;
        }
    }

    /** Upper-cases the ASCII letters of {@code data[from, from + length)} in place, as {@code bytes.upper()}. */
    public static void upper(byte[] data, int from, int length) {
        for (int i = from; i < from + length; i++) {
            byte b = data[i];
            if (b >= 'a' && b <= 'z') {
                data[i] = (byte) (b - ('a' - 'A'));
            }
        }
    }
}

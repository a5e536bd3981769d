package io.bingfa.lab.echo;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * The seed's client ({@code client.send(b'hello world'); client.recv(1024)} in a loop), bounded:
 * it sends {@code messages} lines, {@code hello world 1} to {@code hello world N}, prints each
 * answer and closes. The server answers chunks, not lines, so the client reads each answer up to
 * its newline.
 */
public final class EchoClient {
    /** How long the client waits to connect, and for each answer. */
    static final Duration PATIENCE = Duration.ofSeconds(10);

    private EchoClient() {}

    /**
     * Connects, then sends each message and waits for its answer (at most {@link #PATIENCE} each),
     * printing it to {@code out}; returns once all are answered.
     *
     * @return how many answers were the message in upper case
     * @throws IOException if the server cannot be reached, closes early, or does not answer in time
     */
    public static int run(InetSocketAddress server, int messages, PrintStream out) throws IOException {
        int echoed = 0;
        try (Socket socket = new Socket()) {
            socket.connect(server, (int) PATIENCE.toMillis());
            socket.setSoTimeout((int) PATIENCE.toMillis());
            socket.setTcpNoDelay(true);
            OutputStream to = socket.getOutputStream();
            InputStream from = new BufferedInputStream(socket.getInputStream());
            for (int i = 1; i <= messages; i++) {
                String message = "hello world " + i;
                to.write((message + "\n").getBytes(StandardCharsets.UTF_8));   // client.send(...)
                String answer = readLine(from);                                  // client.recv(1024)
                out.println(answer);
                if (answer.equals(message.toUpperCase(Locale.ROOT))) {
                    echoed++;
                }
            }
        }
        return echoed;
    }

    /** Reads up to and without the next newline; waits for it. */
    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("the server closed the connection before answering");
            }
            if (b == '\n') {
                return line.toString(StandardCharsets.UTF_8);
            }
            line.write(b);
        }
    }
}

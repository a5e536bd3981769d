package io.bingfa.socketserver;

import io.bingfa.testing.Waits;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** What the socketserver tests share: handlers, a line client, and counting descriptors. */
final class Clients {
    private Clients() {}

    /** CPython's test handler: echoes each line in upper case until the client closes. */
    static final class UpperHandler extends StreamRequestHandler {
        @Override
        protected void handle() throws IOException {
            byte[] line;
            while ((line = rfile().readLine()).length > 0) {
                String text = new String(line, StandardCharsets.UTF_8);
                if (text.equals("boom\n")) {
                    throw new IllegalStateException("the handler failed on purpose");
                }
                wfile().write(text.toUpperCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    /** A connected line client that gives up after the tests' patience. */
    static final class LineClient implements AutoCloseable {
        final Socket socket;
        private final BufferedReader in;
        private final OutputStream out;

        LineClient(InetSocketAddress address) throws IOException {
            socket = new Socket();
            socket.connect(address, (int) Waits.PATIENCE.toMillis());
            socket.setSoTimeout((int) Waits.PATIENCE.toMillis());
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            out = socket.getOutputStream();
        }

        void send(String text) throws IOException {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        /** Sends a line, returns the reply line (null at the end of the stream). */
        String ask(String line) throws IOException {
            send(line + "\n");
            return in.readLine();
        }

        /** Reads a line; null at the end of the stream. */
        String readLine() throws IOException {
            return in.readLine();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /** One question on a new connection. */
    static String askOnce(InetSocketAddress address, String line) throws IOException {
        try (LineClient c = new LineClient(address)) {
            return c.ask(line);
        }
    }
}

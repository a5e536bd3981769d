package io.bingfa.asyncio;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bingfa.testing.Descriptors;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The streams contract (CONFORMANCE 6e, CPython's test_streams.py) plus the JVM's own cases
 * (a cancelled read leaves the connection usable, back-pressure, faults), once per
 * {@link SchedulerPath} by the subclasses. Each test runs its body as the main task of
 * {@code EventLoop.run}; every server and connection it opens is closed before the loop ends
 * (the loop closes what is left, too).
 */
abstract class AbstractStreamsTest {
    private static final Duration LONG = Duration.ofSeconds(30);

    abstract SchedulerPath path();

    <T> T run(AsyncTask<T> main) throws InterruptedException {
        return EventLoop.run(path(), main);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(US_ASCII);
    }

    private static String text(byte[] b) {
        return new String(b, US_ASCII);
    }

    /** The seed's server: answers each chunk in upper case until the client closes. */
    private static final StreamHandler UPPER = (reader, writer) -> {
        try {
            while (true) {
                byte[] data = reader.read(1024);
                if (data.length == 0) {
                    break;
                }
                writer.write(text(data).toUpperCase(Locale.ROOT).getBytes(US_ASCII));
                writer.drain();
            }
        } finally {
            writer.close();
        }
    };

    /** A reader fed by hand, as CPython's tests make them. */
    private static StreamReader fed(int limit, String... chunks) {
        StreamReader r = new StreamReader(limit);
        for (String c : chunks) {
            r.feedData(bytes(c));
        }
        return r;
    }

    // ------------------------------------------------------------------ 54: open_connection / start_server

    @Test // test_open_connection, test_start_server
    void openConnectionAndStartServerRoundTripAnEcho() throws Exception {
        String answer = run(() -> {
            Server server = Asyncio.startServer(UPPER, "127.0.0.1", 0);
            try {
                Streams s = Asyncio.openConnection("127.0.0.1", server.port());
                s.writer().write(bytes("hello world!\n"));
                s.writer().drain();
                String line = text(s.reader().readLine());
                s.writer().close();
                s.writer().waitClosed();
                return line;
            } finally {
                server.close();
                server.waitClosed();
            }
        });
        assertEquals("HELLO WORLD!\n", answer);
    }

    @Test // test_start_server: one handler task per client, all at once
    void serverRunsOneHandlerTaskPerClientConcurrently() throws Exception {
        List<String> answers = run(() -> {
            Server server = Asyncio.startServer(UPPER, "127.0.0.1", 0);
            try {
                List<Task<String>> clients = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    String msg = "client " + i + "\n";
                    clients.add(Asyncio.createTask(() -> {
                        Streams s = Asyncio.openConnection("127.0.0.1", server.port());
                        try {
                            for (int round = 0; round < 5; round++) {
                                s.writer().write(bytes(msg));
                                s.writer().drain();
                                assertEquals(msg.toUpperCase(Locale.ROOT), text(s.reader().readLine()));
                            }
                            return msg;
                        } finally {
                            s.writer().close();
                        }
                    }));
                }
                List<String> out = new ArrayList<>();
                for (Task<String> t : clients) {
                    out.add(t.result());
                }
                return out;
            } finally {
                server.close();
                server.closeClients();
                server.waitClosed();
            }
        });
        assertEquals(20, answers.size());
    }

    @Test // test_open_connection_error
    void openConnectionToAClosedPortThrowsConnectException() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        int closedPort = port;
        run(() -> {
            IOException e = assertThrows(IOException.class, () -> Asyncio.openConnection("127.0.0.1", closedPort));
            assertInstanceOf(ConnectException.class, e);
            assertTrue(e.getMessage().contains(String.valueOf(closedPort)), e.getMessage());
            return null;
        });
    }

    @Test
    void openConnectionResolvesAHostNameOffTheLoop() throws Exception {
        run(() -> {
            Server server = Asyncio.startServer(UPPER, "127.0.0.1", 0);
            try {
                Streams s = Asyncio.openConnection("localhost", server.port());
                s.writer().write(bytes("name\n"));
                assertEquals("NAME\n", text(s.reader().readLine()));
                s.writer().close();
            } finally {
                server.close();
            }
            return null;
        });
    }

    @Test
    void badPortAndLimitAreRefusedWithTheValueNamed() throws Exception {
        run(() -> {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Asyncio.openConnection("127.0.0.1", 70000));
            assertTrue(e.getMessage().contains("70000"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> Asyncio.startServer(UPPER, "127.0.0.1", -1));
            return null;
        });
        assertThrows(IllegalArgumentException.class, () -> new StreamReader(0));  // test_invalid_limit
        assertThrows(IllegalArgumentException.class, () -> new StreamReader(-1));
    }

    @Test
    void streamCallsOutsideATaskAreRefused() {
        assertThrows(IllegalStateException.class, () -> Asyncio.openConnection("127.0.0.1", 1));
    }

    @Test
    void serverBindsTheLoopbackAddressWhenNoHostIsGiven() throws Exception {
        run(() -> {
            Server server = Asyncio.startServer(UPPER, null, 0);
            try {
                assertTrue(server.address().getAddress().isLoopbackAddress(), server.toString());
            } finally {
                server.close();
            }
            return null;
        });
    }

    // ------------------------------------------------------------------ 55: read

    @Test // test_read_zero, test_read, test_read_line_breaks, test_read_eof, test_read_until_eof
    void readReturnsAtMostNAndEmptyAtEof() throws Exception {
        run(() -> {
            StreamReader r = fed(StreamReader.DEFAULT_LIMIT, "line1\nline2\n");
            assertEquals(0, r.read(0).length);
            assertEquals(12, r.buffered(), "read(0) consumes nothing");
            assertEquals("line1", text(r.read(5)));
            assertEquals("\nline2\n", text(r.read(100)), "read(n) may return fewer than n");
            r.feedData(bytes("tail"));
            r.feedEof();
            assertEquals("tail", text(r.read(-1)));
            assertEquals(0, r.read(10).length);
            assertEquals(0, r.read(-1).length);
            assertTrue(r.atEof());
            return null;
        });
    }

    @Test // test_read_until_eof with chunks fed while reading
    void readMinusOneWaitsForTheEndOfTheStream() throws Exception {
        String all = run(() -> {
            StreamReader r = new StreamReader();
            Task<byte[]> reading = Asyncio.createTask(() -> r.read(-1));
            Asyncio.sleep(Duration.ZERO);
            r.feedData(bytes("chunk1\n"));
            Asyncio.sleep(Duration.ZERO);
            r.feedData(bytes("chunk2"));
            r.feedEof();
            return text(reading.result());
        });
        assertEquals("chunk1\nchunk2", all);
    }

    @Test // test_read_limit: the limit does not restrict read() or readexactly()
    void limitDoesNotBoundReadOrReadExactly() throws Exception {
        run(() -> {
            StreamReader r = fed(3, "chunk");
            assertEquals("chunk", text(r.read(5)));
            r.feedData(bytes("12345678"));
            assertEquals("12345678", text(r.readExactly(8)));
            return null;
        });
    }

    @Test
    void readRefusesANegativeCountOtherThanMinusOne() throws Exception {
        run(() -> {
            StreamReader r = fed(10, "x");
            assertThrows(IllegalArgumentException.class, () -> r.read(-2));
            return null;
        });
    }

    // ------------------------------------------------------------------ 56: readline

    @Test // test_readline, test_readline_eof, test_readline_empty_eof
    void readLineReturnsThroughTheNewlineThenThePartialLastLine() throws Exception {
        run(() -> {
            StreamReader r = fed(StreamReader.DEFAULT_LIMIT, "chunk1 ", "chunk2 ", "chunk3 \nmore");
            assertEquals("chunk1 chunk2 chunk3 \n", text(r.readLine()));
            r.feedEof();
            assertEquals("more", text(r.readLine()));
            assertEquals(0, r.readLine().length);
            return null;
        });
    }

    @Test // test_readline waiting for the rest of a line
    void readLineWaitsForTheLineToComplete() throws Exception {
        String line = run(() -> {
            StreamReader r = fed(StreamReader.DEFAULT_LIMIT, "par");
            Task<byte[]> t = Asyncio.createTask(r::readLine);
            Asyncio.sleep(Duration.ZERO);
            assertFalse(t.isDone());
            r.feedData(bytes("tial\nnext"));
            return text(t.result());
        });
        assertEquals("partial\n", line);
    }

    @Test // test_readline_limit, test_readline_limit_with_existing_data
    void readLineOverTheLimitThrowsAndDiscardsTheOverlongLine() throws Exception {
        run(() -> {
            StreamReader ok = fed(7, "1234567\n");
            assertEquals("1234567\n", text(ok.readLine()));

            StreamReader r = fed(7, "12345678\n", "next\n");
            assertThrows(LimitOverrunException.class, r::readLine);
            assertEquals("next\n", text(r.readLine()), "the over-long line was discarded through its newline");

            StreamReader noNewline = fed(3, "chunk1chunk2");
            assertThrows(LimitOverrunException.class, noNewline::readLine);
            assertEquals(0, noNewline.buffered(), "no newline buffered: all the data was discarded");
            return null;
        });
    }

    // ------------------------------------------------------------------ 57: readuntil

    @Test // test_readuntil_separator
    void readUntilRefusesAnEmptySeparator() throws Exception {
        run(() -> {
            StreamReader r = fed(10, "x");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> r.readUntil(new byte[0]));
            assertTrue(e.getMessage().contains("Separator"), e.getMessage());
            return null;
        });
    }

    @Test // test_readuntil_multi_chunks, test_readuntil_multi_chunks_1
    void readUntilFindsASeparatorSpanningChunks() throws Exception {
        run(() -> {
            StreamReader r = fed(StreamReader.DEFAULT_LIMIT, "lineAAA");
            Task<byte[]> t = Asyncio.createTask(() -> r.readUntil(bytes("AAA")));
            assertEquals("lineAAA", text(t.result()));

            StreamReader split = fed(StreamReader.DEFAULT_LIMIT, "QWEaa", "XYaa", "a");
            assertEquals("QWEaaXYaaa", text(split.readUntil(bytes("aaa"))));

            StreamReader waits = new StreamReader();
            Task<byte[]> w = Asyncio.createTask(() -> waits.readUntil(bytes("aaa")));
            waits.feedData(bytes("XXXaa"));
            Asyncio.sleep(Duration.ZERO);
            assertFalse(w.isDone());
            waits.feedData(bytes("aXXX"));
            assertEquals("XXXaaa", text(w.result()));
            assertEquals("XXX", text(waits.read(3)));
            return null;
        });
    }

    @Test // test_readuntil_eof
    void readUntilAtEofThrowsIncompleteReadWithAllTheData() throws Exception {
        run(() -> {
            StreamReader r = fed(StreamReader.DEFAULT_LIMIT, "some dataAA");
            r.feedEof();
            IncompleteReadException e = assertThrows(IncompleteReadException.class, () -> r.readUntil(bytes("AAA")));
            assertEquals("some dataAA", text(e.partial()));
            assertEquals(OptionalInt.empty(), e.expected());
            assertEquals(0, r.buffered());
            return null;
        });
    }

    @Test // test_readuntil_limit_found_sep
    void readUntilOverTheLimitKeepsTheData() throws Exception {
        run(() -> {
            StreamReader r = fed(3, "some dataAA");
            LimitOverrunException notFound = assertThrows(LimitOverrunException.class, () -> r.readUntil(bytes("AAA")));
            assertTrue(notFound.getMessage().contains("not found"), notFound.getMessage());
            assertEquals(11, r.buffered(), "readUntil leaves the data in the buffer");

            r.feedData(bytes("A"));
            LimitOverrunException found = assertThrows(LimitOverrunException.class, () -> r.readUntil(bytes("AAA")));
            assertTrue(found.getMessage().contains("is found"), found.getMessage());
            assertEquals(12, r.buffered());
            return null;
        });
    }

    // ------------------------------------------------------------------ 58: readexactly

    @Test // test_readexactly_zero_or_less
    void readExactlyZeroIsEmptyAndNegativeIsRefused() throws Exception {
        run(() -> {
            StreamReader r = fed(10, "data");
            assertEquals(0, r.readExactly(0).length);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> r.readExactly(-1));
            assertTrue(e.getMessage().contains("less than zero"), e.getMessage());
            assertEquals(4, r.buffered());
            return null;
        });
    }

    @Test // test_readexactly
    void readExactlyWaitsForAllTheBytes() throws Exception {
        String data = run(() -> {
            StreamReader r = new StreamReader();
            Task<byte[]> t = Asyncio.createTask(() -> r.readExactly(36));
            Asyncio.sleep(Duration.ZERO);
            r.feedData(bytes("line1\nline2\nline3\n"));
            Asyncio.sleep(Duration.ZERO);
            assertFalse(t.isDone(), "18 of 36 bytes");
            r.feedData(bytes("line1\nline2\nline3\n"));
            r.feedData(bytes("line1\nline2\nline3\n"));
            String got = text(t.result());
            assertEquals(18, r.buffered(), "the rest stays buffered");
            return got;
        });
        assertEquals("line1\nline2\nline3\nline1\nline2\nline3\n", data);
    }

    @Test // test_readexactly_eof
    void readExactlyAtEofThrowsIncompleteReadWithTheCounts() throws Exception {
        run(() -> {
            StreamReader r = new StreamReader();
            Task<byte[]> t = Asyncio.createTask(() -> r.readExactly(36));
            Asyncio.sleep(Duration.ZERO);
            r.feedData(bytes("chunk1\nchunk2\nchun"));
            r.feedEof();
            Throwable e = assertThrows(java.util.concurrent.CompletionException.class, t::result).getCause();
            IncompleteReadException incomplete = assertInstanceOf(IncompleteReadException.class, e);
            assertEquals(18, incomplete.partial().length);
            assertEquals(OptionalInt.of(36), incomplete.expected());
            assertEquals("18 bytes read on a total of 36 expected bytes", incomplete.getMessage());
            assertInstanceOf(java.io.EOFException.class, incomplete);
            return null;
        });
    }

    // ------------------------------------------------------------------ 59: exception, at_eof

    @Test // test_exception, test_exception_waiter
    void setExceptionIsReportedAndWakesAWaitingRead() throws Exception {
        run(() -> {
            StreamReader r = new StreamReader();
            assertEquals(null, r.exception());
            IOException boom = new IOException("boom");
            Task<byte[]> t = Asyncio.createTask(r::readLine);
            Asyncio.sleep(Duration.ZERO);
            r.setException(boom);
            assertSame(boom, r.exception());
            Throwable e = assertThrows(java.util.concurrent.CompletionException.class, t::result).getCause();
            assertSame(boom, e);
            assertSame(boom, assertThrows(IOException.class, () -> r.read(1)));
            return null;
        });
    }

    @Test // test_exception_cancel
    void cancelledReadLeavesNoWaiterAndLaterReadsWork() throws Exception {
        run(() -> {
            StreamReader r = new StreamReader();
            Task<byte[]> t = Asyncio.createTask(r::readLine);
            Asyncio.sleep(Duration.ZERO);
            t.cancel();
            assertThrows(CancellationException.class, t::result);
            r.feedData(bytes("after\n"));
            assertEquals("after\n", text(r.readLine()));
            return null;
        });
    }

    @Test
    void twoTasksReadingOneStreamAtOnceIsRefused() throws Exception {
        run(() -> {
            StreamReader r = new StreamReader();
            Task<byte[]> first = Asyncio.createTask(r::readLine);
            Asyncio.sleep(Duration.ZERO);
            IllegalStateException e = assertThrows(IllegalStateException.class, r::readLine);
            assertTrue(e.getMessage().contains("already waiting"), e.getMessage());
            r.feedData(bytes("x\n"));
            assertEquals("x\n", text(first.result()));
            return null;
        });
    }

    @Test // test_at_eof
    void atEofOnlyAfterFeedEofAndTheBufferIsDrained() throws Exception {
        run(() -> {
            StreamReader r = fed(StreamReader.DEFAULT_LIMIT, "some data\n");
            assertFalse(r.atEof());
            r.readLine();
            assertFalse(r.atEof());
            r.feedData(bytes("some data\n"));
            r.feedEof();
            assertFalse(r.atEof());
            r.readLine();
            assertTrue(r.atEof());
            assertThrows(IllegalStateException.class, () -> r.feedData(bytes("late")));
            return null;
        });
    }

    @Test
    void readerAndWriterRefuseAnotherThread() throws Exception {
        AtomicReference<StreamReader> reader = new AtomicReference<>();
        run(() -> {
            reader.set(fed(10, "x"));
            return null;
        });
        assertThrows(IllegalStateException.class, () -> reader.get().read(1));
    }

    // ------------------------------------------------------------------ the JVM's own: cancelled read, over a socket

    @Test
    void cancelledReadOnASocketLeavesTheConnectionUsable() throws Exception {
        run(() -> {
            Server server = Asyncio.startServer(UPPER, "127.0.0.1", 0);
            try {
                Streams s = Asyncio.openConnection("127.0.0.1", server.port());
                assertThrows(TimeoutException.class,
                        () -> Asyncio.waitFor(() -> s.reader().readLine(), Duration.ofMillis(20)));
                s.writer().write(bytes("still here\n"));
                s.writer().drain();
                assertEquals("STILL HERE\n", text(s.reader().readLine()));
                s.writer().close();
                s.writer().waitClosed();
            } finally {
                server.close();
            }
            return null;
        });
    }

    // ------------------------------------------------------------------ 60: drain, close

    @Test // back-pressure: a peer that does not read makes drain() wait; reading releases it
    void drainWaitsWhileThePeerIsNotReadingAndResumesWhenItReads() throws Exception {
        try (ServerSocket peer = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            AtomicReference<Socket> accepted = new AtomicReference<>();
            run(() -> {
                Streams s = Asyncio.openConnection("127.0.0.1", peer.getLocalPort());
                accepted.set(peer.accept()); // the backlog already holds it: returns at once
                byte[] chunk = new byte[64 * 1024];
                int rounds = 512; // 32 MiB: more than the kernel's socket buffers hold
                Task<Integer> writing = Asyncio.createTask(() -> {
                    for (int i = 0; i < rounds; i++) {
                        s.writer().write(chunk);
                        s.writer().drain();
                    }
                    return rounds;
                });
                // wait for the writer to be stuck in drain: buffer above the mark and not moving
                while (s.writer().writeBufferSize() <= SocketTransport.HIGH_WATER) {
                    Asyncio.sleep(Duration.ofMillis(1));
                }
                assertFalse(writing.isDone(), "drain() returned while the peer read nothing");
                Thread drainer = Thread.ofPlatform().start(() -> {
                    try (InputStream in = accepted.get().getInputStream()) {
                        in.transferTo(OutputStream.nullOutputStream());
                    } catch (IOException ignored) {
                        // closed at the end
                    }
                });
                try {
                    assertEquals(rounds, Asyncio.waitFor(writing, LONG));
                } finally {
                    s.writer().close();
                    s.writer().waitClosed();
                    accepted.get().close();
                    drainer.join();
                }
                return null;
            });
        }
    }

    @Test // test_multiple_drain (gh-74116)
    void manyConcurrentDrainsAreAllReleased() throws Exception {
        try (ServerSocket peer = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            run(() -> {
                Streams s = Asyncio.openConnection("127.0.0.1", peer.getLocalPort());
                try (Socket accepted = peer.accept()) {
                    byte[] chunk = new byte[256 * 1024];
                    while (s.writer().writeBufferSize() <= SocketTransport.HIGH_WATER) {
                        s.writer().write(chunk);
                    }
                    List<Task<Void>> drains = new ArrayList<>();
                    for (int i = 0; i < 10; i++) {
                        drains.add(Asyncio.createTask(() -> {
                            s.writer().drain();
                            return null;
                        }));
                    }
                    Asyncio.sleep(Duration.ZERO);
                    for (Task<Void> d : drains) {
                        assertFalse(d.isDone());
                    }
                    Thread drainer = Thread.ofPlatform().start(() -> {
                        try (InputStream in = accepted.getInputStream()) {
                            in.transferTo(OutputStream.nullOutputStream());
                        } catch (IOException ignored) {
                            // closed at the end
                        }
                    });
                    try {
                        Asyncio.waitFor(Asyncio.gather(drains), LONG);
                    } finally {
                        s.writer().close();
                        s.writer().waitClosed();
                        accepted.close();
                        drainer.join();
                    }
                }
                return null;
            });
        }
    }

    @Test // test_drain_raises (bpo-25441)
    void drainAgainstAPeerThatClosedThrowsInsteadOfLooping() throws Exception {
        try (ServerSocket peer = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            run(() -> {
                Streams s = Asyncio.openConnection("127.0.0.1", peer.getLocalPort());
                Socket accepted = peer.accept();
                accepted.setSoLinger(true, 0); // close with a reset
                accepted.close();
                IOException e = assertThrows(IOException.class, () -> {
                    for (int i = 0; i < 10_000; i++) {
                        s.writer().write(bytes("foo"));
                        s.writer().drain();
                        Asyncio.sleep(Duration.ofMillis(1));
                    }
                });
                assertTrue(s.writer().isClosing());
                s.writer().close();
                return e;
            });
        }
    }

    @Test // writer close tests: is_closing, write+drain after close, EOF fed to the reader (bpo-35065)
    void closeEndsTheReaderAndLaterDrainThrowsConnectionReset() throws Exception {
        run(() -> {
            Server server = Asyncio.startServer(UPPER, "127.0.0.1", 0);
            try {
                Streams s = Asyncio.openConnection("127.0.0.1", server.port());
                assertFalse(s.writer().isClosing());
                s.writer().close();
                assertTrue(s.writer().isClosing());
                s.writer().waitClosed();
                assertEquals(0, s.reader().read(10).length, "closing the writer feeds EOF to its reader");
                assertTrue(s.reader().atEof());
                assertThrows(ConnectionResetException.class, () -> {
                    s.writer().write(bytes("data"));
                    s.writer().drain();
                });
                s.writer().close(); // idempotent
            } finally {
                server.close();
            }
            return null;
        });
    }

    @Test
    void writeEofLetsThePeerAnswerAfterTheEndOfTheRequest() throws Exception {
        String answer = run(() -> {
            StreamHandler readAllThenAnswer = (reader, writer) -> {
                byte[] all = reader.read(-1);
                writer.write(bytes("got " + all.length));
                writer.close();
            };
            Server server = Asyncio.startServer(readAllThenAnswer, "127.0.0.1", 0);
            try {
                Streams s = Asyncio.openConnection("127.0.0.1", server.port());
                s.writer().write(bytes("12345"));
                assertTrue(s.writer().canWriteEof());
                s.writer().writeEof();
                assertThrows(IllegalStateException.class, () -> s.writer().write(bytes("late")));
                String got = text(s.reader().read(-1));
                s.writer().close();
                return got;
            } finally {
                server.close();
            }
        });
        assertEquals("got 5", answer);
    }

    @Test
    void largeWritesArriveWholeAndInOrder() throws Exception {
        int size = 8 * 1024 * 1024;
        long sum = run(() -> {
            StreamHandler sink = (reader, writer) -> {
                long total = 0;
                while (true) {
                    byte[] b = reader.read(64 * 1024);
                    if (b.length == 0) {
                        break;
                    }
                    for (byte x : b) {
                        total += x & 0xff;
                    }
                }
                writer.write(bytes(Long.toString(total)));
                writer.close();
            };
            Server server = Asyncio.startServer(sink, "127.0.0.1", 0);
            try {
                Streams s = Asyncio.openConnection("127.0.0.1", server.port());
                byte[] payload = new byte[size];
                for (int i = 0; i < size; i++) {
                    payload[i] = (byte) (i * 31);
                }
                s.writer().write(payload);
                s.writer().drain();
                s.writer().writeEof();
                long got = Long.parseLong(text(s.reader().read(-1)));
                s.writer().close();
                return got;
            } finally {
                server.close();
            }
        });
        long expected = 0;
        for (int i = 0; i < size; i++) {
            expected += (i * 31) & 0xff;
        }
        assertEquals(expected, sum);
    }

    @Test // reading flow control: a slow reader pauses the socket and resumes it, losing nothing
    void slowReaderPausesReadingWithoutLosingBytes() throws Exception {
        int total = 1024 * 1024;
        int got = run(() -> {
            StreamHandler blast = (reader, writer) -> {
                writer.write(new byte[total]);
                writer.drain();
                writer.close();
            };
            Server server = Asyncio.startServer(blast, "127.0.0.1", 0);
            try {
                Streams s = Asyncio.openConnection("127.0.0.1", server.port(), 1024);
                int n = 0;
                while (true) {
                    Asyncio.sleep(Duration.ZERO); // give the socket time to overfill the reader
                    byte[] b = s.reader().read(512);
                    if (b.length == 0) {
                        break;
                    }
                    n += b.length;
                    assertTrue(s.reader().buffered() <= 2 * 1024 + 64 * 1024,
                            () -> "buffered " + s.reader().buffered() + " despite the limit");
                }
                s.writer().close();
                return n;
            } finally {
                server.close();
            }
        });
        assertEquals(total, got);
    }

    // ------------------------------------------------------------------ faults

    @Test
    void clientVanishingMidMessageGivesTheHandlerAnIncompleteRead() throws Exception {
        Throwable seen = run(() -> {
            Future<Throwable> outcome = EventLoop.getRunningLoop().createFuture();
            StreamHandler fixedSize = (reader, writer) -> {
                try {
                    reader.readExactly(100);
                    outcome.setResult(null);
                } catch (IOException e) {
                    outcome.setResult(e);
                } finally {
                    writer.close();
                }
            };
            Server server = Asyncio.startServer(fixedSize, "127.0.0.1", 0);
            try {
                Streams s = Asyncio.openConnection("127.0.0.1", server.port());
                s.writer().write(bytes("only forty bytes of a hundred-byte msg.."));
                s.writer().drain();
                s.writer().abort();
                return Asyncio.waitFor(outcome, LONG);
            } finally {
                server.close();
            }
        });
        IncompleteReadException e = assertInstanceOf(IncompleteReadException.class, seen);
        assertEquals(40, e.partial().length);
    }

    @Test
    void handlerThatThrowsLosesOnlyItsOwnConnection() throws Exception {
        run(() -> {
            StreamHandler picky = (reader, writer) -> {
                byte[] line = reader.readLine();
                if (text(line).startsWith("boom")) {
                    throw new IllegalStateException("handler failure (expected by the test)");
                }
                writer.write(line);
                writer.drain();
                writer.close();
            };
            Server server = Asyncio.startServer(picky, "127.0.0.1", 0);
            try {
                Streams bad = Asyncio.openConnection("127.0.0.1", server.port());
                Streams good = Asyncio.openConnection("127.0.0.1", server.port());
                bad.writer().write(bytes("boom\n"));
                assertEquals(0, bad.reader().read(10).length, "the failing handler's connection is closed");
                good.writer().write(bytes("fine\n"));
                assertEquals("fine\n", text(good.reader().readLine()));
                assertTrue(server.isServing());
                bad.writer().close();
                good.writer().close();
            } finally {
                server.close();
            }
            return null;
        });
    }

    @Test
    void garbageBytesDoNotHurtTheServer() throws Exception {
        run(() -> {
            Server server = Asyncio.startServer(UPPER, "127.0.0.1", 0);
            try {
                Streams s = Asyncio.openConnection("127.0.0.1", server.port());
                byte[] junk = new byte[4096];
                new java.util.Random(42).nextBytes(junk);
                s.writer().write(junk);
                s.writer().writeEof();
                byte[] back = s.reader().read(-1);
                assertEquals(junk.length, back.length);
                s.writer().close();
            } finally {
                server.close();
            }
            return null;
        });
    }

    @Test
    void tenThousandConnectionsOpenedAndClosedLeakNoDescriptors() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Descriptors.countable(), "needs /proc/self/fd");
        int before = Descriptors.open();
        long socketsBefore = Descriptors.sockets();
        List<String> described = Descriptors.describe();
        connectAndCloseInBatches(100); // 100 connections at a time, 10,000 in all
        String why = "\nbefore: " + described + "\nafter: " + Descriptors.describe();
        long socketsAfter = Descriptors.sockets();
        assertTrue(socketsAfter <= socketsBefore, "sockets before " + socketsBefore + ", after " + socketsAfter + why);
        // besides sockets, only the JDK's own virtual-thread I/O pollers (an epoll each, made per
        // carrier thread when the scheduler adds carriers) may appear; a selector per loop run or
        // per connection would be far more
        assertTrue(Descriptors.open() <= before + 8, "descriptors before " + before + ", after "
                + Descriptors.open() + why);
    }

    private void connectAndCloseInBatches(int batches) throws Exception {
        run(() -> {
            Server server = Asyncio.startServer(UPPER, "127.0.0.1", 0);
            try {
                for (int batch = 0; batch < batches; batch++) {
                    List<Task<Void>> clients = new ArrayList<>();
                    for (int i = 0; i < 100; i++) {
                        clients.add(Asyncio.createTask(() -> {
                            Streams s = Asyncio.openConnection("127.0.0.1", server.port());
                            s.writer().write(bytes("x\n"));
                            assertEquals("X\n", text(s.reader().readLine()));
                            s.writer().close();
                            s.writer().waitClosed();
                            return null;
                        }));
                    }
                    Asyncio.gather(clients).result();
                }
                while (server.connectionCount() > 0) {
                    Asyncio.sleep(Duration.ofMillis(1)); // the server's ends see EOF a moment later
                }
            } finally {
                server.close();
                server.waitClosed();
            }
            return null;
        });
    }

    /**
     * One loop holds thousands of idle connections (both ends are in this JVM, so each costs two
     * descriptors: as many as {@code ulimit -n} allows, up to 10,000) and still answers on the last.
     */
    @Test
    void serverHoldsThousandsOfIdleConnections() throws Exception {
        long limit = Descriptors.limit();
        int n = (int) Math.min(10_000, limit < 0 ? 1_000 : (limit - Descriptors.open() - 200) / 2);
        int held = run(() -> {
            Server server = Asyncio.startServer(UPPER, "127.0.0.1", 0);
            List<Streams> idle = new ArrayList<>(n);
            try {
                for (int i = 0; i < n; i++) {
                    idle.add(Asyncio.openConnection("127.0.0.1", server.port()));
                }
                while (server.connectionCount() < n) {
                    Asyncio.sleep(Duration.ofMillis(1)); // the accepts trail the connects
                }
                StreamWriter last = idle.get(n - 1).writer();
                last.write(bytes("still answering\n"));
                assertEquals("STILL ANSWERING\n", text(idle.get(n - 1).reader().readLine()));
                return server.connectionCount();
            } finally {
                for (Streams s : idle) {
                    s.writer().abort();
                }
                server.close();
                server.waitClosed();
            }
        });
        assertEquals(n, held);
        assertTrue(n >= 9_000 || limit < 20_000, "held only " + n);
    }

    @Test
    void closingTheLoopClosesChannelsLeftOpen() throws Exception {
        AtomicReference<Streams> left = new AtomicReference<>();
        AtomicReference<Server> server = new AtomicReference<>();
        run(() -> {
            server.set(Asyncio.startServer(UPPER, "127.0.0.1", 0));
            left.set(Asyncio.openConnection("127.0.0.1", server.get().port()));
            return null;
        });
        try (Socket probe = new Socket()) {
            assertThrows(ConnectException.class, () -> probe.connect(server.get().address(), 1000),
                    "the listening socket was closed with the loop");
        }
    }

    @Test
    void serveForeverReturnsWhenTheServerIsClosedAndRefusesAClosedServer() throws Exception {
        run(() -> {
            Server server = Asyncio.startServer(UPPER, "127.0.0.1", 0);
            Task<Void> serving = Asyncio.createTask(() -> {
                server.serveForever();
                return null;
            });
            Asyncio.sleep(Duration.ZERO);
            assertThrows(IllegalStateException.class, server::serveForever);
            server.close();
            Asyncio.waitFor(serving, LONG);
            assertFalse(server.isServing());
            assertThrows(IllegalStateException.class, server::serveForever);
            return null;
        });
    }

    @Test
    void cancellingServeForeverClosesTheServerAndItsClients() throws Exception {
        run(() -> {
            Server server = Asyncio.startServer(UPPER, "127.0.0.1", 0);
            Task<Void> serving = Asyncio.createTask(() -> {
                server.serveForever();
                return null;
            });
            Streams s = Asyncio.openConnection("127.0.0.1", server.port());
            s.writer().write(bytes("a\n"));
            assertEquals("A\n", text(s.reader().readLine()));
            serving.cancel();
            assertThrows(CancellationException.class, serving::result);
            assertFalse(server.isServing());
            assertEquals(0, s.reader().read(10).length, "the client's connection was closed");
            s.writer().close();
            server.waitClosed();
            return null;
        });
    }

    @Test
    void timersStillFireOnTimeWhileTheLoopWatchesSockets() throws Exception {
        run(() -> {
            Server server = Asyncio.startServer(UPPER, "127.0.0.1", 0);
            try {
                AtomicInteger fired = new AtomicInteger();
                long start = System.nanoTime();
                for (int i = 0; i < 5; i++) {
                    Asyncio.sleep(Duration.ofMillis(20));
                    fired.incrementAndGet();
                }
                io.bingfa.testing.Waits.assertTookAbout(Duration.ofMillis(100), start);
                assertEquals(5, fired.get());
            } finally {
                server.close();
            }
            return null;
        });
    }

    @Test // the loop polls its sockets while callbacks are always ready (at most every 50 us)
    void busyLoopOfYieldingTasksStillSeesSocketData() throws Exception {
        run(() -> {
            Server server = Asyncio.startServer(UPPER, "127.0.0.1", 0);
            try {
                Streams s = Asyncio.openConnection("127.0.0.1", server.port());
                Task<Void> spinner = Asyncio.createTask(() -> {
                    while (true) {
                        Asyncio.sleep(Duration.ZERO); // keeps the ready queue non-empty
                    }
                });
                s.writer().write(bytes("busy\n"));
                while (s.reader().buffered() < 5) {
                    Asyncio.sleep(Duration.ZERO); // never waits: only a poll can bring the answer
                }
                assertEquals("BUSY\n", text(s.reader().readLine()));
                spinner.cancel();
                s.writer().close();
            } finally {
                server.close();
            }
            return null;
        });
    }

    @Test
    void toStringShowsTheState() throws Exception {
        run(() -> {
            StreamReader r = fed(StreamReader.DEFAULT_LIMIT, "abc");
            r.feedEof();
            assertEquals("StreamReader[3 bytes, eof]", r.toString());
            Server server = Asyncio.startServer(UPPER, "127.0.0.1", 0);
            assertTrue(server.toString().startsWith("Server[serving /127.0.0.1:"), server.toString());
            server.close();
            assertTrue(server.toString().startsWith("Server[closed"), server.toString());
            return null;
        });
    }
}

package io.bingfa.multiprocessing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bingfa.testing.TestThreads;
import io.bingfa.testing.Waits;
import java.io.EOFException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** CONFORMANCE 5g cases 56-60, both ends in this JVM. */
class ConnectionTest {
    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    // CPython: _TestConnection.test_connection (send/recv of [1, 2.25, None], duplex)
    @Test
    @Tag("cpython")
    void duplexPipeCarriesObjectsBothWays() throws Exception {
        Pipe pipe = Pipe.open();
        try (Connection a = pipe.left(); Connection b = pipe.right()) {
            a.send(Arrays.asList(1, 2.25, null));
            assertEquals(Arrays.asList(1, 2.25, null), b.recv());
            b.send(List.of("back"));
            assertEquals(List.of("back"), a.recv());
            assertTrue(a.isReadable() && a.isWritable() && b.isReadable() && b.isWritable());
        }
    }

    // CPython: _TestConnection.test_connection (send_bytes/recv_bytes)
    @Test
    @Tag("cpython")
    void bytesRoundTrip() throws Exception {
        Pipe pipe = Pipe.open();
        try (Connection a = pipe.left(); Connection b = pipe.right()) {
            byte[] msg = ascii("hello world");
            b.sendBytes(msg);
            assertArrayEquals(msg, a.recvBytes());
        }
    }

    // CPython: _TestConnection.test_connection (poll() / poll(-1) / poll(TIMEOUT1) / pending data)
    @Test
    @Tag("cpython")
    void pollDoesNotWaitTimesOutAndSeesPendingData() throws Exception {
        Pipe pipe = Pipe.open();
        try (Connection a = pipe.left(); Connection b = pipe.right()) {
            long start = System.nanoTime();
            assertFalse(a.poll());
            assertFalse(a.poll(Duration.ZERO)); // Python's poll(-1); a negative Duration is refused
            Waits.assertDidNotWait(start);
            assertThrows(IllegalArgumentException.class, () -> a.poll(Duration.ofSeconds(-1)));
            start = System.nanoTime();
            assertFalse(a.poll(Duration.ofMillis(100)));
            Waits.assertTookAbout(Duration.ofMillis(100), start);
            b.send(null);
            assertTrue(a.poll(Waits.PATIENCE));
            assertTrue(a.poll());
            assertEquals(null, a.recv());
            assertFalse(a.poll());
        }
    }

    // CPython: _TestConnection.test_connection (really_big_msg: 16 MiB)
    @Test
    @Tag("cpython")
    void sixteenMebibyteMessagesRoundTrip() throws Exception {
        Pipe pipe = Pipe.open();
        try (Connection a = pipe.left(); Connection b = pipe.right(); var threads = new TestThreads()) {
            byte[] big = new byte[16 << 20];
            Arrays.fill(big, (byte) 'X');
            big[big.length - 1] = 'Y';
            threads.run("sender", () -> b.sendBytes(big));
            assertArrayEquals(big, a.recvBytes());
            threads.join();
            b.send(big);
            assertArrayEquals(big, (byte[]) a.recv());
        }
    }

    @Test
    void interruptedRecvLeavesTheConnectionUsable() throws Exception {
        Pipe pipe = Pipe.open();
        try (Connection a = pipe.left(); Connection b = pipe.right(); var threads = new TestThreads()) {
            b.send("connect");
            assertEquals("connect", a.recv()); // connected: recv now waits on the socket itself
            var receiver = threads.fork("receiver", a::recv);
            Waits.awaitTrue("receiver waits for the socket", () -> Arrays.stream(
                    receiver.thread().getStackTrace()).anyMatch(f -> f.getMethodName().equals("awaitReadable")));
            receiver.thread().interrupt();
            receiver.joinThrowing(InterruptedException.class);
            b.send("after");
            assertEquals("after", a.recv());
            a.send("back");
            assertEquals("back", b.recv());
        }
    }

    // CPython: _TestConnection.test_connection (EOF after the peer end is closed)
    @Test
    @Tag("cpython")
    void recvAfterPeerCloseThrowsEofOnceMessagesAreConsumed() throws Exception {
        Pipe pipe = Pipe.open();
        try (Connection a = pipe.left(); Connection b = pipe.right()) {
            b.send("last");
            b.close();
            assertEquals("last", a.recv());
            assertTrue(a.poll(Waits.PATIENCE));
            assertThrows(EOFException.class, a::recv);
            assertThrows(EOFException.class, a::recvBytes);
        }
    }

    // CPython: _TestConnection.test_connection (EOF: the peer closed while connected)
    @Test
    @Tag("cpython")
    void recvAfterConnectedPeerCloseThrowsEof() throws Exception {
        Pipe pipe = Pipe.open();
        try (Connection a = pipe.left(); Connection b = pipe.right()) {
            b.send(1);
            assertEquals(1, a.recv());
            b.close();
            assertThrows(EOFException.class, a::recv);
        }
    }

    // CPython: _TestConnection.test_connection (EOF when the peer was closed before any use)
    @Test
    @Tag("cpython")
    void recvOnEndWhosePeerWasClosedUnusedThrowsEof() throws Exception {
        Pipe pipe = Pipe.open();
        try (Connection a = pipe.left()) {
            pipe.right().close();
            assertThrows(EOFException.class, a::recv);
        }
    }

    // CPython: _TestConnection.test_context
    @Test
    @Tag("cpython")
    void tryWithResourcesClosesBothEnds() throws Exception {
        Pipe pipe = Pipe.open();
        Connection a;
        Connection b;
        try (Connection left = pipe.left(); Connection right = pipe.right()) {
            a = left;
            b = right;
            a.send(1729);
            assertEquals(1729, b.recv());
            assertFalse(a.isClosed());
        }
        assertTrue(a.isClosed());
        assertTrue(b.isClosed());
        var closed = assertThrows(IllegalStateException.class, a::recv);
        assertEquals("handle is closed", closed.getMessage());
        assertThrows(IllegalStateException.class, () -> b.send(1));
        assertThrows(IllegalStateException.class, a::poll);
        a.close(); // a second close does nothing
    }

    // CPython: _TestConnection.test_duplex_false
    @Test
    @Tag("cpython")
    void oneWayPipeHasAReaderAndAWriter() throws Exception {
        Pipe pipe = Pipe.open(false);
        try (Connection reader = pipe.left(); Connection writer = pipe.right()) {
            assertTrue(reader.isReadable());
            assertFalse(reader.isWritable());
            assertFalse(writer.isReadable());
            assertTrue(writer.isWritable());
            writer.send(1);
            assertEquals(1, reader.recv());
            assertEquals("connection is read-only",
                    assertThrows(IllegalStateException.class, () -> reader.send(2)).getMessage());
            assertEquals("connection is write-only",
                    assertThrows(IllegalStateException.class, writer::recv).getMessage());
            assertEquals("connection is write-only",
                    assertThrows(IllegalStateException.class, writer::poll).getMessage());
        }
    }

    // CPython: _TestConnection.test_sendbytes
    @Test
    @Tag("cpython")
    void sendBytesWithOffsetAndSize() throws Exception {
        Pipe pipe = Pipe.open(false);
        try (Connection a = pipe.left(); Connection b = pipe.right()) {
            byte[] msg = ascii("abcdefghijklmnopqrstuvwxyz");
            b.sendBytes(msg);
            assertArrayEquals(msg, a.recvBytes());
            b.sendBytes(msg, 5, msg.length - 5);
            assertArrayEquals(ascii("fghijklmnopqrstuvwxyz"), a.recvBytes());
            b.sendBytes(msg, 7, 8);
            assertArrayEquals(ascii("hijklmno"), a.recvBytes());
            b.sendBytes(msg, 26, 0);
            assertArrayEquals(new byte[0], a.recvBytes());
            b.sendBytes(msg, 26, 0);
            assertArrayEquals(new byte[0], a.recvBytes());
            assertThrows(IllegalArgumentException.class, () -> b.sendBytes(msg, 27, 0));
            assertThrows(IllegalArgumentException.class, () -> b.sendBytes(msg, 22, 5));
            assertThrows(IllegalArgumentException.class, () -> b.sendBytes(msg, 26, 1));
            assertThrows(IllegalArgumentException.class, () -> b.sendBytes(msg, -1, 0));
            assertThrows(IllegalArgumentException.class, () -> b.sendBytes(msg, 0, -1));
            assertFalse(a.poll()); // nothing was sent by the refused calls
        }
    }

    // CPython: _TestPoll.test_empty_string
    @Test
    @Tag("cpython")
    void pollSeesAPendingEmptyMessage() throws Exception {
        Pipe pipe = Pipe.open();
        try (Connection a = pipe.left(); Connection b = pipe.right()) {
            assertFalse(a.poll());
            b.sendBytes(new byte[0]);
            assertTrue(a.poll(Waits.PATIENCE));
            assertArrayEquals(new byte[0], a.recvBytes());
            assertFalse(a.poll());
        }
    }

    // CPython: _TestPoll.test_strings (messages are never merged) and test_boundaries
    @Test
    @Tag("cpython")
    void messagesAreNeverMerged() throws Exception {
        List<String> sent = List.of("hello", "", "a", "b", "cd", "", "e" + "f".repeat(2000), "");
        Pipe pipe = Pipe.open(false);
        try (Connection a = pipe.left(); Connection b = pipe.right()) {
            for (String s : sent) {
                b.sendBytes(ascii(s));
            }
            for (String s : sent) {
                assertTrue(a.poll(Waits.PATIENCE));
                assertEquals(s, new String(a.recvBytes(), StandardCharsets.US_ASCII));
            }
        }
    }

    // CPython: _TestPoll.test_dont_merge (poll never consumes part of a message)
    @Test
    @Tag("cpython")
    void pollDoesNotConsumeAnything() throws Exception {
        Pipe pipe = Pipe.open();
        try (Connection a = pipe.left(); Connection b = pipe.right()) {
            b.sendBytes(ascii("a"));
            b.sendBytes(ascii("b"));
            b.sendBytes(ascii("cd"));
            for (int i = 0; i < 3; i++) {
                assertTrue(a.poll(Waits.PATIENCE));
            }
            assertEquals("a", new String(a.recvBytes(), StandardCharsets.US_ASCII));
            assertTrue(a.poll(Waits.PATIENCE));
            assertEquals("b", new String(a.recvBytes(), StandardCharsets.US_ASCII));
            assertTrue(a.poll(Waits.PATIENCE));
            assertEquals("cd", new String(a.recvBytes(), StandardCharsets.US_ASCII));
        }
    }

    // Not in CPython: a class outside the allow-list is refused and the connection stays usable
    @Test
    void refusedClassLeavesTheConnectionUsable() throws Exception {
        Pipe pipe = Pipe.open();
        try (Connection a = pipe.left(); Connection b = pipe.right()) {
            b.send(new java.text.SimpleDateFormat("yyyy"));
            b.send("next");
            assertThrows(NotAllowedClassException.class, a::recv);
            assertEquals("next", a.recv());
        }
    }

    // Not in CPython: recv waits for a message sent later from another thread
    @Test
    void recvWaitsForALaterMessage() throws Exception {
        Pipe pipe = Pipe.open();
        try (Connection a = pipe.left(); Connection b = pipe.right(); var threads = new TestThreads()) {
            var receiver = threads.fork("receiver", a::recv);
            receiver.awaitBlocked();
            b.send(7);
            assertEquals(7, receiver.join());
        }
    }
}

package io.bingfa.multiprocessing;

import static io.bingfa.testing.ChildJvms.joinOrFail;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bingfa.testing.ChildJvms;
import io.bingfa.testing.Waits;
import java.io.EOFException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Pipe ends passed to child JVMs (CONFORMANCE 5g 57 and 5h 9: EOF from a closed or dead peer). */
class PipeChildProcessTest {
    @RegisterExtension
    final ChildJvms children = new ChildJvms();

    /** Echoes every message back until the other end closes. */
    private static void echo(Connection conn) throws Exception {
        while (true) {
            Object message;
            try {
                message = conn.recv();
            } catch (EOFException done) {
                return;
            }
            conn.send(message);
        }
    }

    // CPython: the multiprocessing docs' Pipe example with a sender and a receiver process
    @Test
    @Tag("cpython")
    void oneWayPipeBetweenASenderChildAndAReceiverChild() throws Exception {
        Pipe numbers = Pipe.open(false);
        Pipe result = Pipe.open(false);
        Connection reader = numbers.left();
        Connection writer = numbers.right();
        Connection resultWriter = result.right();
        var sender = children.start(new JvmProcess(() -> {
            for (int i = 0; i < 100; i++) {
                writer.send(i);
            }
            writer.close();
        }));
        var receiver = children.start(new JvmProcess(() -> {
            int sum = 0;
            while (true) {
                try {
                    sum += (Integer) reader.recv();
                } catch (EOFException done) {
                    break;
                }
            }
            resultWriter.send(sum);
        }));
        reader.close(); // the parent's copies, as CPython programs do after start()
        writer.close();
        resultWriter.close();
        try (Connection results = result.left()) {
            assertEquals(4950, results.recv());
        }
        joinOrFail(sender);
        joinOrFail(receiver);
        assertEquals(0, sender.exitCode());
        assertEquals(0, receiver.exitCode());
    }

    // CPython: _TestConnection.test_connection run with processes (the _echo child)
    @Test
    @Tag("cpython")
    void parentAndChildEchoAThousandInts() throws Exception {
        Pipe pipe = Pipe.open();
        Connection childEnd = pipe.right();
        var child = children.start(new JvmProcess(() -> echo(childEnd)));
        try (Connection conn = pipe.left()) {
            for (int i = 0; i < 1000; i++) {
                conn.send(i);
                assertEquals(i, conn.recv());
            }
        }
        joinOrFail(child);
        assertEquals(0, child.exitCode());
    }

    // CPython: _TestConnection.test_connection (EOFError after the child exits)
    @Test
    @Tag("cpython")
    void childThatExitsBeforeTheParentReceivesLeavesItsMessagesThenEof() throws Exception {
        Pipe pipe = Pipe.open();
        Connection childEnd = pipe.right();
        var child = children.start(new JvmProcess(() -> childEnd.send("goodbye")));
        joinOrFail(child);
        try (Connection conn = pipe.left()) {
            assertEquals("goodbye", conn.recv());
            assertThrows(EOFException.class, conn::recv);
        }
    }

    @Test
    void childThatExitsWithoutUsingItsEndGivesEof() throws Exception {
        Pipe pipe = Pipe.open();
        Connection childEnd = pipe.right();
        var child = children.start(new JvmProcess(() -> childEnd.isClosed()));
        joinOrFail(child);
        try (Connection conn = pipe.left()) {
            assertThrows(EOFException.class, conn::recv);
        }
    }

    // Fault injection: kill -9 the child in the middle of a conversation
    @Test
    void killingTheChildMidConversationGivesEofNotAHang() throws Exception {
        Pipe pipe = Pipe.open();
        Connection childEnd = pipe.right();
        var child = children.start(new JvmProcess(() -> echo(childEnd)));
        try (Connection conn = pipe.left()) {
            conn.send(1);
            assertEquals(1, conn.recv());
            child.kill();
            joinOrFail(child);
            assertTrue(conn.poll(Waits.PATIENCE));
            assertThrows(EOFException.class, conn::recv);
        }
    }

    // Fault injection: kill -9 a child that holds its end but never used it
    @Test
    void killingAChildBeforeItUsesItsEndGivesEof() throws Exception {
        Pipe pipe = Pipe.open();
        Pipe ready = Pipe.open(false);
        Connection childEnd = pipe.right();
        Connection readyWriter = ready.right();
        var child = children.start(new JvmProcess(() -> {
            readyWriter.send(childEnd.toString());
            Thread.sleep(Long.MAX_VALUE);
        }));
        try (Connection conn = pipe.left(); Connection readyReader = ready.left()) {
            assertEquals("Connection[right, fresh, read-write]", readyReader.recv());
            child.kill();
            joinOrFail(child);
            assertTrue(conn.poll(Waits.PATIENCE));
            assertThrows(EOFException.class, conn::recv);
        }
    }

    // Sanity, not a benchmark: many small round trips complete
    @Test
    void twentyThousandRoundTripsComplete() throws Exception {
        Pipe pipe = Pipe.open();
        Connection childEnd = pipe.right();
        var child = children.start(new JvmProcess(() -> {
            while (true) {
                byte[] message;
                try {
                    message = childEnd.recvBytes();
                } catch (EOFException done) {
                    return;
                }
                childEnd.sendBytes(message);
            }
        }));
        try (Connection conn = pipe.left()) {
            byte[] message = new byte[8];
            for (int i = 0; i < 20_000; i++) {
                message[0] = (byte) i;
                conn.sendBytes(message);
                assertEquals((byte) i, conn.recvBytes()[0]);
            }
        }
        joinOrFail(child);
        assertEquals(0, child.exitCode());
    }
}

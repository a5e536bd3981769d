package io.bingfa.multiprocessing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bingfa.testing.Waits;
import java.io.EOFException;
import java.io.NotSerializableException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** How ends travel between JVMs and connect lazily, checked within one JVM. */
class PipeTest {
    private static Connection ship(Connection end) throws Exception {
        return (Connection) Codec.standard().decode(Codec.standard().encode(end));
    }

    @Test
    void anUnusedEndCanBeSentAndIsUsableWhereItArrives() throws Exception {
        Pipe pipe = Pipe.open();
        Connection copy = ship(pipe.right());
        try (Connection a = pipe.left(); copy) {
            a.send("over");
            assertEquals("over", copy.recv());
            copy.send("back");
            assertEquals("back", a.recv());
        }
    }

    @Test
    void theCopyLeftBehindCannotBeUsedAndClosingItDoesNotAffectThePeer() throws Exception {
        Pipe pipe = Pipe.open();
        Connection copy = ship(pipe.right());
        try (Connection a = pipe.left(); copy) {
            var e = assertThrows(IllegalStateException.class, () -> pipe.right().send(1));
            assertTrue(e.getMessage().contains("sent to another process"), e.getMessage());
            pipe.right().close(); // CPython closes the child's end after start()
            copy.send(2);
            assertEquals(2, a.recv());
            assertFalse(a.poll());
        }
    }

    @Test
    void anEndInUseCannotBeSent() throws Exception {
        Pipe pipe = Pipe.open();
        try (Connection a = pipe.left(); Connection b = pipe.right()) {
            a.send(1);
            var e = assertThrows(NotSerializableException.class, () -> Codec.standard().encode(a));
            assertEquals("a Connection that is already in use cannot be sent to another process",
                    e.getMessage());
            b.close();
            assertThrows(NotSerializableException.class, () -> Codec.standard().encode(b));
        }
    }

    @Test
    void messagesSentBeforeThePeerEverConnectedArriveAfterClose() throws Exception {
        Pipe pipe = Pipe.open();
        try (Connection a = pipe.left()) {
            Connection b = pipe.right();
            b.send(1);
            b.sendBytes(new byte[0]);
            b.close();
            assertEquals(1, a.recv());
            assertEquals(0, a.recvBytes().length);
            assertThrows(EOFException.class, a::recv);
        }
    }

    @Test
    void socketFileIsGoneOnceConnectedAndOnClose() throws Exception {
        Pipe pipe = Pipe.open();
        Path dir = Path.of(pipe.left().rendezvous().dir());
        try (Connection a = pipe.left(); Connection b = pipe.right()) {
            a.send(1);
            assertEquals(1, b.recv());
            Waits.awaitTrue("the rendezvous directory is removed", () -> !Files.exists(dir));
        }
        Pipe unused = Pipe.open();
        Path sock = Path.of(unused.left().rendezvous().dir(), "left.sock");
        assertFalse(unused.left().poll(Duration.ofMillis(20)));
        if (RuntimeDir.unixSocketsWork()) {
            Waits.awaitTrue("left.sock is bound", () -> Files.exists(sock));
        }
        unused.left().close();
        unused.right().close();
        Waits.awaitTrue("left.sock is unlinked", () -> !Files.exists(sock));
    }

    @Test
    void toStringShowsEndStateAndMode() throws Exception {
        Pipe pipe = Pipe.open(false);
        assertEquals("Connection[left, fresh, read-only]", pipe.left().toString());
        assertEquals("Connection[right, fresh, write-only]", pipe.right().toString());
        pipe.right().close();
        assertEquals("Connection[right, closed, write-only]", pipe.right().toString());
        pipe.left().close();
    }
}

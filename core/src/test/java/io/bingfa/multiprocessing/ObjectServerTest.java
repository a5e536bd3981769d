package io.bingfa.multiprocessing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The RPC layer under ProcessQueue and Manager: calls, remote errors, and hostile peers. */
@Timeout(60)
class ObjectServerTest {
    private static final byte[] KEY = "object-server-test-key".getBytes();

    /** The object the tests serve. */
    public static final class Calc {
        public int add(Integer a, Integer b) {
            return a + b;
        }

        public Object echo(Object value) {
            return value;
        }

        public void fail(String message) {
            throw new IllegalStateException(message);
        }

        public void failUnserialisable() {
            throw new Unserialisable();
        }

        void hidden() {
            // package-private: never callable
        }
    }

    /** An exception that cannot be sent back (a field that is not serialisable). */
    static final class Unserialisable extends RuntimeException {
        private static final long serialVersionUID = 1L;
        @SuppressWarnings("unused")
        private final Object notSerialisable = new Object();

        Unserialisable() {
            super("cannot travel");
        }
    }

    /** Records every time it is deserialised. */
    static final class Tripwire implements Serializable {
        private static final long serialVersionUID = 1L;
        static final AtomicInteger READS = new AtomicInteger();

        private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
            READS.incrementAndGet();
            in.defaultReadObject();
        }
    }

    private ObjectServer server;
    private long calcId;

    @BeforeEach
    void startServer() throws IOException {
        server = ObjectServer.start(RuntimeDir.newEndpoint("test"), KEY, "test");
        calcId = server.register(new Calc(), Calc.class);
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private ProxyClient client() {
        return ProxyClient.withKey(server.endpoint(), KEY);
    }

    @Test
    void callsAnExposedMethodAndReturnsItsResult() throws Exception {
        assertEquals(5, client().call(calcId, "add", 2, 3));
        assertEquals("hello", client().call(calcId, "echo", "hello"));
    }

    // CPython: _TestRemoteManager / _TestPool.test_traceback (exception type and RemoteTraceback cause)
    @Test
    @Tag("cpython")
    void remoteExceptionComesBackWithItsTypeAndTheRemoteTraceAsCause() {
        var e = assertThrows(IllegalStateException.class, () -> client().call(calcId, "fail", "boom"));
        assertEquals("boom", e.getMessage());
        var cause = assertInstanceOf(RemoteException.class, e.getCause());
        assertEquals(IllegalStateException.class.getName(), cause.className());
        assertTrue(cause.remoteTrace().contains("Calc.fail"), cause.remoteTrace());
    }

    @Test
    void exceptionThatCannotTravelComesBackAsRemoteExceptionWithItsText() {
        var e = assertThrows(RemoteException.class, () -> client().call(calcId, "failUnserialisable"));
        assertEquals(Unserialisable.class.getName(), e.className());
        assertEquals("cannot travel", e.remoteMessage());
        assertTrue(e.remoteTrace().contains("failUnserialisable"));
    }

    // CPython: test_mymanager (calling a non-exposed method -> RemoteError)
    @Test
    @Tag("cpython")
    void methodThatIsNotExposedIsRefusedWithRemoteException() throws Exception {
        var e = assertThrows(RemoteException.class, () -> client().call(calcId, "hidden"));
        assertTrue(e.getMessage().contains("'hidden'"), e.getMessage());
        assertThrows(RemoteException.class, () -> client().call(calcId, "getClass"));
        assertThrows(RemoteException.class, () -> client().call(999, "add", 1, 2));
        assertEquals(3, client().call(calcId, "add", 1, 2));
    }

    // CPython: OtherTest.test_answer_challenge_auth_failure / test_deliver_challenge_auth_failure
    @Test
    @Tag("cpython")
    void wrongKeyIsRefusedBeforeAnythingIsDeserialised() throws Exception {
        int tripped = Tripwire.READS.get();
        var wrong = ProxyClient.withKey(server.endpoint(), "not the key".getBytes());
        assertThrows(AuthenticationException.class, () -> wrong.call(calcId, "echo", new Tripwire()));
        // A peer that ignores the verdict and sends a request anyway is cut off.
        var framed = new FramedChannel(server.endpoint().connect());
        assertThrows(AuthenticationException.class, () -> Auth.connect(framed, "wrong".getBytes()));
        byte[] body = Codec.standard().encode(new RemoteCall(calcId, "echo", new Object[] {new Tripwire()}));
        try {
            framed.write(RemoteCall.frame(1, body));
            assertThrows(IOException.class, framed::read);
        } catch (IOException alreadyClosed) {
            // the server closed first: just as good
        } finally {
            framed.close();
        }
        assertEquals(0, server.decodes());
        assertEquals(tripped, Tripwire.READS.get());
        assertEquals(3, client().call(calcId, "add", 1, 2));
    }

    // CPython: test_empty_authkey (bpo-43952)
    @Test
    @Tag("cpython")
    void emptyKeyIsAValidKey() throws Exception {
        try (var open = ObjectServer.start(RuntimeDir.newEndpoint("test"), new byte[0], "empty")) {
            long id = open.register(new Calc(), Calc.class);
            assertEquals(7, ProxyClient.withKey(open.endpoint(), new byte[0]).call(id, "add", 3, 4));
            assertThrows(AuthenticationException.class,
                    () -> ProxyClient.withKey(open.endpoint(), KEY).call(id, "add", 3, 4));
        }
    }

    @Test
    void garbageFrameAfterTheHandshakeClosesThatConnectionOnly() throws Exception {
        var bystander = client();
        assertEquals(2, bystander.call(calcId, "add", 1, 1));
        try (var framed = authenticated()) {
            byte[] garbage = new byte[200];
            new Random(42).nextBytes(garbage);
            framed.write(garbage);
            assertThrows(EOFException.class, framed::read);
        }
        assertEquals(4, bystander.call(calcId, "add", 2, 2));
        assertEquals(6, client().call(calcId, "add", 3, 3));
    }

    @Test
    void twoGigabyteLengthPrefixClosesThatConnectionOnly() throws Exception {
        var bystander = client();
        assertEquals(2, bystander.call(calcId, "add", 1, 1));
        try (var framed = authenticated()) {
            SocketChannel raw = (SocketChannel) framed.channel();
            raw.write(ByteBuffer.allocate(12).putInt(Integer.MAX_VALUE).putLong(1).flip());
            assertThrows(EOFException.class, framed::read);
        }
        assertEquals(4, bystander.call(calcId, "add", 2, 2));
    }

    @Test
    void frameCutShortByThePeerClosesThatConnectionOnly() throws Exception {
        long decodesBefore = server.decodes();
        try (var framed = authenticated()) {
            SocketChannel raw = (SocketChannel) framed.channel();
            raw.write(ByteBuffer.allocate(14).putInt(1000).putLong(7).putShort((short) 1).flip());
            raw.shutdownOutput();
            assertThrows(EOFException.class, framed::read);
        }
        assertEquals(decodesBefore, server.decodes());
        assertEquals(4, client().call(calcId, "add", 2, 2));
    }

    @Test
    void argumentOfAClassOutsideTheAllowListIsRefusedAndTheServerStillServes() throws Exception {
        var c = client();
        var e = assertThrows(NotAllowedClassException.class,
                () -> c.call(calcId, "echo", URI.create("http://example.com/").toURL()));
        assertEquals("java.net.URL", e.className());
        assertTrue(e.getMessage().contains("allow-list"), e.getMessage());
        assertEquals(9, c.call(calcId, "add", 4, 5));
    }

    @Test
    void oneWayCallsRunInOrderAndSyncWaitsForThem() throws Exception {
        var list = new java.util.ArrayList<Object>();
        long id = server.register(list, java.util.List.class);
        var c = client();
        try (var conn = c.open()) {
            for (int i = 0; i < 100; i++) {
                conn.send(id, "add", i);
            }
            assertNull(conn.call(id, RemoteCall.SYNC));
        }
        synchronized (list) {
            assertEquals(100, list.size());
            assertEquals(99, list.get(99));
        }
    }

    private FramedChannel authenticated() throws IOException {
        var framed = new FramedChannel(server.endpoint().connect());
        Auth.connect(framed, KEY);
        return framed;
    }
}

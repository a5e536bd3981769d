package io.bingfa.multiprocessing;

import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The calling side of an {@link ObjectServer}: a pool of authenticated connections to one
 * endpoint. A call borrows a connection, sends the request, reads the reply on the calling
 * thread and gives the connection back, so a blocked call (a get on an empty queue) holds one
 * connection and never delays another thread's call.
 *
 * <p>One client per endpoint and JVM ({@link #of}). The key used is the one registered for the
 * endpoint by {@link #remember} (what {@link Manager#connect} does), else this process's auth key
 * (inherited from the parent in a child JVM).
 */
final class ProxyClient {
    private static final Map<Endpoint, byte[]> KEYS = new ConcurrentHashMap<>();
    private static final Map<Endpoint, ProxyClient> CLIENTS = new ConcurrentHashMap<>();

    private final Endpoint endpoint;
    private final byte[] key;
    private final Codec codec = Codec.standard();
    private final ConcurrentLinkedDeque<Conn> idle = new ConcurrentLinkedDeque<>();
    private final AtomicLong callIds = new AtomicLong();

    /** {@code key} null: the key remembered for the endpoint, else this process's, at connect time. */
    private ProxyClient(Endpoint endpoint, byte[] key) {
        this.endpoint = endpoint;
        this.key = key == null ? null : key.clone();
    }

    /** Uses {@code key} for every later connection to {@code endpoint} made by this JVM. */
    static void remember(Endpoint endpoint, byte[] key) {
        KEYS.put(endpoint, key.clone());
        ProxyClient old = CLIENTS.get(endpoint);
        if (old != null) {
            old.closeIdle();
        }
    }

    static ProxyClient of(Endpoint endpoint) {
        // The key is looked up when connecting, not now: a proxy may be deserialised in a child
        // JVM before the child has taken on the key it inherits.
        return CLIENTS.computeIfAbsent(endpoint, e -> new ProxyClient(e, null));
    }

    /** A client with its own key, not shared (tests). */
    static ProxyClient withKey(Endpoint endpoint, byte[] key) {
        return new ProxyClient(endpoint, key);
    }

    private byte[] key() {
        if (key != null) {
            return key;
        }
        byte[] remembered = KEYS.get(endpoint);
        return remembered != null ? remembered : Multiprocessing.currentProcess().authKey();
    }

    Endpoint endpoint() {
        return endpoint;
    }

    /** Opens a new authenticated connection. */
    Conn open() throws IOException {
        FramedChannel framed;
        try {
            framed = new FramedChannel(endpoint.connect());
        } catch (java.nio.channels.ClosedByInterruptException e) {
            throw e;
        } catch (IOException e) {
            throw lost("cannot connect to " + endpoint + " (the process serving it has ended?)", e);
        }
        try {
            Auth.connect(framed, key());
        } catch (IOException | RuntimeException e) {
            framed.close();
            if (e instanceof AuthenticationException || e instanceof java.nio.channels.ClosedByInterruptException
                    || !(e instanceof IOException io)) {
                throw e;
            }
            throw lost("connection to " + endpoint + " lost during the handshake", io);
        }
        return new Conn(framed);
    }

    private static IOException lost(String message, IOException cause) {
        var e = new java.net.ConnectException(message + ": " + cause.getMessage());
        e.initCause(cause);
        return e;
    }

    Conn borrow() throws IOException {
        Conn c = idle.pollFirst();
        return c != null ? c : open();
    }

    void giveBack(Conn c) {
        if (c.framed.isOpen()) {
            idle.addFirst(c);
        }
    }

    void closeIdle() {
        Conn c;
        while ((c = idle.pollFirst()) != null) {
            c.close();
        }
    }

    /**
     * Calls {@code method} on object {@code objectId} and returns its result, waiting for the
     * reply. The remote exception is rethrown (see {@link Conn#call}).
     */
    Object call(long objectId, String method, Object... args) throws Exception {
        Conn c;
        try {
            c = borrow();
        } catch (ClosedByInterruptException e) {
            Thread.interrupted();
            throw new InterruptedException("interrupted while connecting to " + endpoint);
        }
        boolean ok = false;
        try {
            Object result = c.call(objectId, method, args);
            ok = true;
            return result;
        } catch (Remote remote) {
            ok = true;
            throw remote.failure;
        } finally {
            if (ok) {
                giveBack(c);
            } else {
                c.close();
            }
        }
    }

    /**
     * Calls on the connection {@code c} (pinned by the caller, e.g. while it holds a remote RLock),
     * as {@link #invoke} does; a connection that failed is closed.
     */
    Object invokeOn(Conn c, long objectId, String method, Object... args) throws InterruptedException {
        try {
            return c.call(objectId, method, args);
        } catch (Remote remote) {
            if (remote.failure instanceof RuntimeException r) {
                throw r;
            }
            if (remote.failure instanceof InterruptedException i) {
                throw i;
            }
            var wrapped = new RemoteException(remote.failure.toString());
            wrapped.initCause(remote.failure);
            throw wrapped;
        } catch (IOException e) {
            c.close();
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    /**
     * Calls as {@link #call} does, turning checked exceptions other than {@code Interrupted}
     * into unchecked ones: {@link UncheckedIOException} for a lost connection, a
     * {@link RemoteException} (with the failure as cause) for a remote checked exception.
     */
    Object invoke(long objectId, String method, Object... args) throws InterruptedException {
        try {
            return call(objectId, method, args);
        } catch (RuntimeException | Error | InterruptedException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        } catch (Exception e) {
            var wrapped = new RemoteException(e.toString());
            wrapped.initCause(e);
            throw wrapped;
        }
    }

    /** {@link #invoke} for calls that never wait on the server; an interrupt is kept as status. */
    Object invokeQuick(long objectId, String method, Object... args) {
        try {
            return invoke(objectId, method, args);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RemoteException("interrupted during a call to " + method + " on " + endpoint);
        }
    }

    @Override
    public String toString() {
        return "ProxyClient[" + endpoint + ", idle=" + idle.size() + "]";
    }

    /** Carries a remote failure through {@link Conn#call} so the connection is kept. */
    static final class Remote extends Exception {
        private static final long serialVersionUID = 1L;
        final transient Exception failure;

        Remote(Exception failure) {
            super(null, null, false, false);
            this.failure = failure;
        }
    }

    /** One authenticated connection; used by one thread at a time. */
    final class Conn implements AutoCloseable {
        final FramedChannel framed;

        Conn(FramedChannel framed) {
            this.framed = framed;
        }

        /** Sends a request without waiting for anything (call id 0). */
        void send(long objectId, String method, Object... args) throws IOException {
            framed.write(RemoteCall.frame(0, codec.encode(new RemoteCall(objectId, method, args))));
        }

        /**
         * Sends a request and waits for its reply.
         *
         * @throws Remote carrying the exception the method raised there
         * @throws InterruptedException if interrupted while waiting (the connection is closed)
         * @throws IOException if the connection failed
         */
        Object call(long objectId, String method, Object... args)
                throws IOException, InterruptedException, Remote {
            long callId = callIds.incrementAndGet();
            byte[] body = codec.encode(new RemoteCall(objectId, method, args));
            byte[] reply;
            try {
                framed.write(RemoteCall.frame(callId, body));
                reply = framed.read();
            } catch (ClosedByInterruptException | InterruptedIOException e) {
                Thread.interrupted();
                close();
                throw new InterruptedException("interrupted while waiting for " + method
                        + " on " + endpoint);
            } catch (IOException e) {
                close();
                var lost = new EOFException("connection to " + endpoint + " lost during "
                        + method + " (the process serving it has ended?): " + e.getMessage());
                lost.initCause(e);
                throw lost;
            }
            var in = ByteBuffer.wrap(reply);
            if (reply.length < 9 || in.getLong() != callId) {
                close();
                throw new java.net.ProtocolException("reply out of step on " + endpoint);
            }
            byte status = in.get();
            if (status == RemoteCall.VALUE) {
                try {
                    return codec.decode(reply, 9, reply.length - 9);
                } catch (java.io.InvalidClassException refused) {
                    throw new Remote(refused);
                }
            }
            throw new Remote(decodeFailure(in, reply));
        }

        private Exception decodeFailure(ByteBuffer in, byte[] reply) throws IOException {
            int textLength = in.getInt();
            RemoteException text = (RemoteException) codec.decode(reply, in.position(), textLength);
            in.position(in.position() + textLength);
            int originalLength = in.getInt();
            StackTraceElement[] here = new Throwable().getStackTrace();
            Throwable original = null;
            if (originalLength > 0) {
                try {
                    original = (Throwable) codec.decode(reply, in.position(), originalLength);
                } catch (IOException | RuntimeException undecodable) {
                    original = null;
                }
            }
            if (!(original instanceof Exception e) || original instanceof RemoteException) {
                if (original instanceof RemoteException r) {
                    r.setStackTrace(here);
                    return r;
                }
                text.setStackTrace(here);
                return text;
            }
            text.setStackTrace(new StackTraceElement[0]);
            e.setStackTrace(here);
            try {
                e.initCause(text);
            } catch (IllegalStateException | IllegalArgumentException causeAlreadySet) {
                e.addSuppressed(text);
            }
            return e;
        }

        @Override
        public void close() {
            try {
                framed.close();
            } catch (IOException ignored) {
                // gone anyway
            }
        }
    }
}

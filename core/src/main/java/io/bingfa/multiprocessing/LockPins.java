package io.bingfa.multiprocessing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The connections of the threads that hold a served reentrant lock ({@link ProxyLock} of an
 * RLock, {@link ProxyCondition}). The server's lock is owned by the server thread that serves a
 * connection, so a thread that holds it must make every later call on that lock (the nested
 * acquires, the releases, a condition's waits and signals) through that same connection: it is
 * "pinned" to the thread from the acquire that takes the lock until the release that frees it.
 *
 * <p>One map per JVM, keyed by the served object's endpoint, its id and the thread, so that two
 * deserialised copies of one proxy agree on who holds the lock. A pin whose connection closed
 * (the server went away, or a wait was interrupted) is dropped.
 */
final class LockPins {
    private static final Map<Owner, Pin> PINS = new ConcurrentHashMap<>();

    private LockPins() {}

    /** A pinned connection and how many times its thread holds the lock through it. */
    static final class Pin {
        final ProxyClient.Conn conn;
        int depth;

        Pin(ProxyClient.Conn conn) {
            this.conn = conn;
        }
    }

    /** The holder of one served lock: one thread, for one object of one server. */
    private record Owner(Endpoint endpoint, long id, Thread thread) {
        static Owner of(ProxyRef ref) {
            return new Owner(ref.endpoint(), ref.id(), Thread.currentThread());
        }
    }

    /** The calling thread's pin for {@code ref}, or {@code null} if it holds nothing there. */
    static Pin get(ProxyRef ref) {
        return PINS.get(Owner.of(ref));
    }

    static void put(ProxyRef ref, Pin pin) {
        PINS.put(Owner.of(ref), pin);
    }

    static void remove(ProxyRef ref) {
        PINS.remove(Owner.of(ref));
    }

    /** A fresh connection of {@code handle}'s client, to pin. */
    static Pin newPin(ProxyObject handle) {
        try {
            return new Pin(handle.client.borrow());
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    /**
     * An acquiring call ({@code acquire}, {@code tryAcquire}): on the calling thread's pinned
     * connection, or on a new one that becomes its pin if the call takes the lock ({@code null}
     * or {@code true} back); a connection that did not take it goes back to the client.
     */
    static Object acquire(ProxyObject handle, String method, Object... args) throws InterruptedException {
        Pin pin = get(handle.ref);
        boolean fresh = pin == null;
        if (fresh) {
            pin = newPin(handle);
        }
        Object result;
        try {
            result = handle.client.invokeOn(pin.conn, handle.ref.id(), method, args);
        } catch (InterruptedException | RuntimeException e) {
            if (fresh && pin.conn.framed.isOpen()) {
                handle.client.giveBack(pin.conn);
            } else if (!fresh && !pin.conn.framed.isOpen()) {
                remove(handle.ref);
            }
            throw e;
        }
        if (result == null || Boolean.TRUE.equals(result)) {
            pin.depth++;
            put(handle.ref, pin);
        } else if (fresh) {
            handle.client.giveBack(pin.conn);
        }
        return result;
    }

    /**
     * Releases once on the calling thread's pinned connection (unpinning it at depth 0); without
     * a pin the server refuses the call, as it should: this thread holds nothing.
     */
    static void release(ProxyObject handle) {
        Pin pin = get(handle.ref);
        if (pin == null) {
            handle.call("release");
            return;
        }
        holding(handle, pin, "release");
        if (--pin.depth == 0) {
            remove(handle.ref);
            handle.client.giveBack(pin.conn);
        }
    }

    /** A call that needs the lock held: on the thread's pinned connection, else refused there. */
    static Object holding(ProxyObject handle, String method, Object... args) {
        Pin pin = get(handle.ref);
        return pin == null ? handle.call(method, args) : holding(handle, pin, method, args);
    }

    private static Object holding(ProxyObject handle, Pin pin, String method, Object... args) {
        try {
            return handle.client.invokeOn(pin.conn, handle.ref.id(), method, args);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RemoteException("interrupted during " + method + " on " + handle.where());
        } catch (RuntimeException e) {
            if (!pin.conn.framed.isOpen()) {
                remove(handle.ref);
            }
            throw e;
        }
    }
}

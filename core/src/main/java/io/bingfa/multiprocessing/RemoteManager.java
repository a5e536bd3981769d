package io.bingfa.multiprocessing;

import io.bingfa.SerializableTask;
import io.bingfa.queue.Queue;
import io.bingfa.threading.BoundedSemaphore;
import io.bingfa.threading.Event;
import io.bingfa.threading.Lock;
import io.bingfa.threading.RLock;
import io.bingfa.threading.Semaphore;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The object with id {@value #ID} on a {@link Manager}'s server: it makes the shared objects
 * (Python's {@code Server.create}) and keeps the registered factories.
 */
final class RemoteManager {
    static final long ID = 0;

    private final ObjectServer server;
    private final Map<String, SerializableTask<?>> factories = new ConcurrentHashMap<>();
    private final Map<Object, Object[]> made = new IdentityHashMap<>();

    RemoteManager(ObjectServer server) {
        this.server = server;
    }

    /** Makes a new object of {@code kind}; returns its id. */
    public long create(String kind, Integer arg) {
        int n = arg == null ? 0 : arg;
        return switch (kind) {
            case "dict", "namespace" -> server.register(new RemoteDict(), RemoteDict.class);
            case "list" -> server.register(new RemoteList(), RemoteList.class);
            case "queue", "joinable" -> server.register(new RemoteQueue(new Queue<>(n)), RemoteQueue.class);
            case "lock" -> server.register(new Lock(), Lock.class);
            case "rlock" -> server.register(new RLock(), RLock.class);
            case "semaphore" -> server.register(new Semaphore(n), Semaphore.class);
            case "boundedSemaphore" -> server.register(new BoundedSemaphore(n), BoundedSemaphore.class);
            case "event" -> server.register(new Event(), Event.class);
            default -> throw new IllegalArgumentException("kind: '" + kind + "' (expected: a Manager type)");
        };
    }

    /** Records {@code factory} under {@code name} ({@code BaseManager.register}). */
    public void register(String name, SerializableTask<?> factory) {
        factories.put(name, factory);
    }

    /**
     * Calls the factory registered as {@code name} and serves what it returns (once per object:
     * a factory that returns one shared object always gives the same id).
     *
     * @return {kind, id, maxsize}
     */
    public Object[] createNamed(String name) throws Exception {
        SerializableTask<?> factory = factories.get(name);
        if (factory == null) {
            throw new IllegalArgumentException("name: '" + name + "' (expected: one of "
                    + new java.util.TreeSet<>(factories.keySet()) + ")");
        }
        Object made = factory.call();
        if (made == null) {
            throw new IllegalStateException("the factory registered as '" + name + "' returned null");
        }
        synchronized (this.made) {
            Object[] known = this.made.get(made);
            if (known == null) {
                known = serve(made);
                this.made.put(made, known);
            }
            return known;
        }
    }

    @SuppressWarnings("unchecked")
    private Object[] serve(Object o) {
        if (o instanceof ProcessQueue<?> pq && pq.local() != null) {
            String kind = pq instanceof JoinableProcessQueue<?> ? "joinable" : "queue";
            return handle(kind, server.register(new RemoteQueue(pq.local()), RemoteQueue.class), pq.maxsize());
        }
        if (o instanceof Queue<?> q) {
            return handle("joinable", server.register(new RemoteQueue((Queue<Object>) q), RemoteQueue.class),
                    Math.max(0, q.maxsize()));
        }
        if (o instanceof Map<?, ?> m) {
            return handle("dict", server.register(new RemoteDict((Map<Object, Object>) m), RemoteDict.class), 0);
        }
        if (o instanceof List<?> l) {
            return handle("list", server.register(new RemoteList((List<Object>) l), RemoteList.class), 0);
        }
        if (o instanceof Lock) {
            return handle("lock", server.register(o, Lock.class), 0);
        }
        if (o instanceof RLock) {
            return handle("rlock", server.register(o, RLock.class), 0);
        }
        if (o instanceof Semaphore) {
            return handle("semaphore", server.register(o, o.getClass()), 0);
        }
        if (o instanceof Event) {
            return handle("event", server.register(o, Event.class), 0);
        }
        return handle("object", server.register(o, o.getClass()), 0);
    }

    private static Object[] handle(String kind, long id, int maxsize) {
        return new Object[] {kind, id, maxsize};
    }
}

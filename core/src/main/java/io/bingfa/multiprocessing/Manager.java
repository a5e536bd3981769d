package io.bingfa.multiprocessing;

import io.bingfa.SerializableTask;
import io.bingfa.threading.Acquirable;
import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectStreamException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Python's {@code multiprocessing.Manager()} and {@code BaseManager}: a server that holds shared
 * objects (dicts, lists, queues, locks, events, namespaces, and objects of your own registered by
 * name) and hands out proxies whose every call runs on the server.
 *
 * <pre>{@code
 * try (Manager manager = Manager.start()) {
 *     Map<String, Integer> d = manager.dict();
 *     JvmProcess p = new JvmProcess(() -> d.put("answer", 42));
 *     p.start();
 *     p.join();
 *     d.get("answer");   // 42
 * }
 * }</pre>
 *
 * <p>Three ways to get one: {@link #start()} serves from this JVM on a private socket to this
 * process and its children (key: this process's auth key, which children inherit);
 * {@link #serve(InetSocketAddress, byte[])} serves on TCP to any process that knows the key
 * (Python's {@code BaseManager(address, authkey).get_server()}); {@link #connect} is the client of
 * a served manager. A connection that does not prove it holds the key is refused before anything
 * it sent is deserialised ({@link AuthenticationException}); the empty key is allowed, as in
 * Python. Servers bind 127.0.0.1 unless given another address.
 *
 * <p>Proxies are serialisable: a proxy sent to a child JVM reaches the same object. The key never
 * travels with a proxy. A process that deserialises one connects with the key it gave {@link
 * #connect} for that address, or else its own auth key (a child's is its parent's, which is the
 * key of a manager from {@link #start()}); so a child using a proxy of a manager served with
 * another key calls {@code Manager.connect(address, key)} first.
 *
 * <p>Values are <b>copied</b>: {@code dict.get(k)} returns a copy, and changing it does not change
 * the dict (put it back), as in Python. Objects and their classes must be serialisable and on the
 * {@link AllowList}. An exception raised on the server comes back with its own type and the
 * remote stack trace as its cause ({@link RemoteException}); a method an object does not expose
 * is a {@link RemoteException}. If the server goes away, calls fail with {@link
 * UncheckedIOException}.
 *
 * <p><b>Memory consistency effects:</b> every operation runs on the server in the order the
 * server receives it; nothing is shared between processes but through those calls.
 */
public final class Manager implements AutoCloseable {
    private final ObjectServer server;
    private final RemoteManager registry;
    private final Endpoint endpoint;
    private final ProxyClient client;

    private Manager(ObjectServer server, RemoteManager registry, Endpoint endpoint) {
        this.server = server;
        this.registry = registry;
        this.endpoint = endpoint;
        this.client = ProxyClient.of(endpoint);
    }

    /**
     * Starts a manager served by this JVM, for this process and its children ({@code
     * Manager()}). Returns once it is serving.
     *
     * @throws IOException if the server cannot be started
     */
    public static Manager start() throws IOException {
        return serveAt(RuntimeDir.newEndpoint("manager"), Multiprocessing.currentProcess().authKey());
    }

    /**
     * Starts a manager served by this JVM on TCP at {@code address} for every process that holds
     * {@code authKey} ({@code BaseManager(address, authkey)}; port 0 picks a free port, see
     * {@link #address()}).
     *
     * @throws IOException if the address cannot be bound
     */
    public static Manager serve(InetSocketAddress address, byte[] authKey) throws IOException {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(authKey, "authKey");
        return serveAt(Endpoint.tcp(address), authKey);
    }

    /** {@link #serve(InetSocketAddress, byte[])} on 127.0.0.1 at {@code port}. */
    public static Manager serve(int port, byte[] authKey) throws IOException {
        return serve(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), authKey);
    }

    /**
     * Connects to the manager served at {@code address}, proving that this process holds
     * {@code authKey}. Later proxies of that manager deserialised in this JVM use the key too.
     *
     * @throws AuthenticationException if the server does not accept the key (or is not a manager)
     * @throws IOException if the server cannot be reached
     */
    public static Manager connect(InetSocketAddress address, byte[] authKey) throws IOException {
        Objects.requireNonNull(authKey, "authKey");
        Endpoint endpoint = Endpoint.tcp(address);
        ProxyClient.withKey(endpoint, authKey).open().close(); // proves the key before keeping it
        ProxyClient.remember(endpoint, authKey);
        return new Manager(null, null, endpoint);
    }

    private static Manager serveAt(Endpoint where, byte[] key) throws IOException {
        ObjectServer server = ObjectServer.start(where, key, "manager");
        var registry = new RemoteManager(server);
        server.register(RemoteManager.ID, registry, RemoteManager.class);
        Endpoint self = server.endpoint();
        if (!self.isUnix() && new InetSocketAddress(self.host(), 0).getAddress().isAnyLocalAddress()) {
            self = Endpoint.tcp(new InetSocketAddress(InetAddress.getLoopbackAddress(), self.port()));
        }
        ProxyClient.remember(self, key);
        return new Manager(server, registry, self);
    }

    /** The TCP address the manager is served on (for {@link #connect}); null for a private one. */
    public InetSocketAddress address() {
        return endpoint.isUnix() ? null : new InetSocketAddress(endpoint.host(), endpoint.port());
    }

    /** Returns a new shared dict, insertion-ordered ({@code manager.dict()}). */
    public <K, V> Map<K, V> dict() {
        return new ProxyDict<>(make("dict", 0));
    }

    /** Returns a new shared list ({@code manager.list()}). */
    public <E> List<E> list() {
        return new ProxyList<>(make("list", 0));
    }

    /** Returns a new unbounded queue served by the manager ({@code manager.Queue()}). */
    public <E> ProcessQueue<E> queue() {
        return queue(0);
    }

    /** Returns a new queue of at most {@code maxsize} items (0 or less: unbounded). */
    public <E> ProcessQueue<E> queue(int maxsize) {
        return new ProcessQueue<>(make("queue", Math.max(0, maxsize)));
    }

    /** Returns a new unbounded joinable queue ({@code manager.JoinableQueue()}). */
    public <E> JoinableProcessQueue<E> joinableQueue() {
        return joinableQueue(0);
    }

    /** Returns a new joinable queue of at most {@code maxsize} items (0 or less: unbounded). */
    public <E> JoinableProcessQueue<E> joinableQueue(int maxsize) {
        return new JoinableProcessQueue<>(make("joinable", Math.max(0, maxsize)));
    }

    /** Returns a new shared {@link io.bingfa.threading.Lock} ({@code manager.Lock()}). */
    public ProxyLock lock() {
        return new ProxyLock(make("lock", 0));
    }

    /** Returns a new shared {@link io.bingfa.threading.RLock}; its owner is the calling thread. */
    public ProxyLock rLock() {
        return new ProxyLock(make("rlock", 0));
    }

    /** Returns a new shared {@link io.bingfa.threading.Semaphore} with {@code value} permits. */
    public Acquirable semaphore(int value) {
        return new ProxyLock(make("semaphore", value));
    }

    /** Returns a new shared {@link io.bingfa.threading.BoundedSemaphore}. */
    public Acquirable boundedSemaphore(int value) {
        return new ProxyLock(make("boundedSemaphore", value));
    }

    /** Returns a new shared {@link io.bingfa.threading.Event} ({@code manager.Event()}). */
    public ProxyEvent event() {
        return new ProxyEvent(make("event", 0));
    }

    /** Returns a new shared {@link Namespace} ({@code manager.Namespace()}). */
    public Namespace namespace() {
        return new Namespace(make("namespace", 0));
    }

    /**
     * Registers {@code factory} under {@code name} on the server ({@code BaseManager.register}):
     * {@link #get(String)} and {@link #proxy(String, Class)} call it there. A factory that
     * returns one object every time shares that object (the distributed task queue of Python's
     * documentation). From a client, the factory is sent to the server, whose class path must
     * hold its class.
     */
    public void register(String name, SerializableTask<?> factory) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(factory, "factory");
        if (registry != null) {
            registry.register(name, factory);
        } else {
            client.invokeQuick(RemoteManager.ID, "register", name, factory);
        }
    }

    /**
     * Returns a proxy to the object the factory registered as {@code name} makes: a {@link
     * ProcessQueue} or {@link JoinableProcessQueue} for a queue, a {@code Map} for a map, a {@code
     * List} for a list, a {@link ProxyLock} for a lock or semaphore, a {@link ProxyEvent} for an
     * event. For any other object use {@link #proxy(String, Class)}.
     *
     * @throws IllegalArgumentException if no factory has that name, or it makes another object
     */
    @SuppressWarnings("unchecked")
    public <T> T get(String name) {
        ProxyRef ref = named(name);
        if (ref.kind().equals("object")) {
            throw new IllegalArgumentException("'" + name + "' is not a queue, map, list, lock or event; "
                    + "use proxy(name, iface)");
        }
        return (T) resolveKind(ref);
    }

    /**
     * Returns a proxy implementing {@code iface} whose methods call the public methods of the
     * same name on the object the factory registered as {@code name} makes. Not serialisable: in
     * a child JVM connect and ask again.
     */
    public <T> T proxy(String name, Class<T> iface) {
        if (!iface.isInterface()) {
            throw new IllegalArgumentException("iface: " + iface.getName() + " (expected: an interface)");
        }
        ProxyRef ref = named(name);
        return iface.cast(java.lang.reflect.Proxy.newProxyInstance(iface.getClassLoader(),
                new Class<?>[] {iface}, new ProxyHandler(ref, iface)));
    }

    /**
     * Stops the server of a manager this JVM serves ({@code shutdown()}): later calls through its
     * proxies fail. For a client, closes its idle connections. Idempotent.
     */
    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
        client.closeIdle();
    }

    /** {@code Manager[serving unix:/...]} or {@code Manager[client of tcp:127.0.0.1:5000]}. */
    @Override
    public String toString() {
        return "Manager[" + (server == null ? "client of " : server.isClosed() ? "closed, was " : "serving ")
                + endpoint + "]";
    }

    /** The server of a manager this JVM serves, else null (for tests). */
    ObjectServer server() {
        return server;
    }

    private ProxyRef make(String kind, int arg) {
        long id = (Long) client.invokeQuick(RemoteManager.ID, "create", kind, arg);
        return new ProxyRef(endpoint, id, kind, kind.equals("queue") || kind.equals("joinable") ? arg : 0);
    }

    private ProxyRef named(String name) {
        Object[] made = (Object[]) client.invokeQuick(RemoteManager.ID, "createNamed", name);
        return new ProxyRef(endpoint, (Long) made[1], (String) made[0], (Integer) made[2]);
    }

    private static Object resolveKind(ProxyRef ref) {
        return switch (ref.kind()) {
            case "queue", "joinable" -> ProcessQueue.resolve(ref);
            case "dict" -> new ProxyDict<>(ref);
            case "list" -> new ProxyList<>(ref);
            case "lock", "rlock", "semaphore", "boundedSemaphore" -> new ProxyLock(ref);
            case "event" -> new ProxyEvent(ref);
            case "namespace" -> new Namespace(ref);
            default -> throw new IllegalArgumentException("kind: " + ref.kind());
        };
    }

    /** The proxy a deserialised {@link ProxyRef} becomes. */
    static Object resolve(ProxyRef ref) throws ObjectStreamException {
        try {
            return resolveKind(ref);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw new InvalidObjectException("cannot make a proxy of " + ref + ": " + e.getMessage());
        }
    }
}

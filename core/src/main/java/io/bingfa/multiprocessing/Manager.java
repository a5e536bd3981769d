package io.bingfa.multiprocessing;

import io.bingfa.SerializableAction;
import io.bingfa.SerializableTask;
import io.bingfa.internal.Timeouts;
import io.bingfa.threading.Acquirable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectStreamException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Python's {@code multiprocessing.Manager()} and {@code BaseManager}: a server that holds shared
 * objects (dicts, lists, queues, locks, events, conditions, barriers, namespaces, and objects of
 * your own registered by name) and hands out proxies whose every call runs on the server.
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
 * <p>Four ways to get one: {@link #start()} serves from this JVM on a private socket to this
 * process and its children (key: this process's auth key, which children inherit);
 * {@link #startProcess()} serves the same way from a child JVM of its own (Python's {@code
 * Manager()} and {@code SyncManager().start()}), so that shared objects outlive no process but
 * the manager's and a busy manager does not load this JVM;
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
 * is a {@link RemoteException}. If the server goes away (even a manager process killed with
 * {@code kill -9}), calls fail with {@link UncheckedIOException} instead of waiting: those waiting
 * for a reply then, and every later one.
 *
 * <p>Lifecycle of a manager process ({@link #startProcess()}), written out:
 * <pre>
 * STARTING --serving, address reported--> SERVING --close()--> SHUT DOWN
 *                                            |  --the process dies--> GONE --close()--> SHUT DOWN
 * </pre>
 * {@link #startProcess()} returns in SERVING. {@link #close()} asks the process to stop serving
 * and exit, waits a moment for it, then terminates and, if need be, kills it, and returns once it
 * has exited. The process is a daemon child: it is also terminated when this JVM exits, and exits
 * by itself within a moment if this JVM dies.
 *
 * <p><b>Memory consistency effects:</b> every operation runs on the server in the order the
 * server receives it; nothing is shared between processes but through those calls.
 */
/*
 * Design note (manager process). The parent picks a fresh endpoint in its own private runtime
 * directory (or loopback TCP port 0 where Unix sockets do not work) and starts a daemon child with
 * that endpoint and one end of a Pipe. The child serves at the endpoint with the auth key it
 * inherited, sends the endpoint it is actually bound to (or the exception that stopped it) through
 * the pipe, and then waits on the pipe: a "shutdown" message, or the parent's end closing, stops
 * the server and ends the child. The parent is an ordinary client of that endpoint.
 */
public final class Manager implements AutoCloseable {
    private static final AtomicInteger PROCESSES = new AtomicInteger();
    /** How long a manager process may take to start serving. */
    private static final Duration STARTUP = Duration.ofSeconds(60);
    /** How long close() lets a manager process exit by itself, then after terminate(). */
    private static final Duration GRACE = Duration.ofSeconds(2);
    private static final String SHUTDOWN = "shutdown";

    private final ObjectServer server;
    private final RemoteManager registry;
    private final Endpoint endpoint;
    private final ProxyClient client;
    /** The manager process, or null when this JVM serves or is a mere client. */
    private final JvmProcess process;
    /** This JVM's end of the pipe to the manager process, or null. */
    private final Connection control;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Manager(ObjectServer server, RemoteManager registry, Endpoint endpoint) {
        this(server, registry, endpoint, null, null);
    }

    private Manager(ObjectServer server, RemoteManager registry, Endpoint endpoint, JvmProcess process,
            Connection control) {
        this.server = server;
        this.registry = registry;
        this.endpoint = endpoint;
        this.client = ProxyClient.of(endpoint);
        this.process = process;
        this.control = control;
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
     * Starts a manager served by a child JVM of its own, for this process and its children
     * (Python's {@code Manager()}, {@code SyncManager().start()}), waiting until it serves. The
     * child is a daemon process named "SyncManager-N" that serves on a private socket with this
     * process's auth key; {@link #close()} shuts it down. Everything else is as for {@link
     * #start()}: proxies are the same, serialisable, and usable from other children.
     *
     * <p>Factories given to {@link #register} are copied to the manager process, whose class path
     * is this JVM's.
     *
     * @return a client of the manager process
     * @throws IOException if the process cannot serve, or exits or does not serve within a minute
     *     (it is then killed)
     * @throws InterruptedException if interrupted while waiting for the process to serve (it is
     *     then killed)
     * @throws IllegalStateException if this process is a daemon (which may not have children)
     */
    public static Manager startProcess() throws IOException, InterruptedException {
        Endpoint where = RuntimeDir.newEndpoint("manager");
        Pipe pipe = Pipe.open();
        Connection here = pipe.left();
        Connection there = pipe.right();
        JvmProcess process = JvmProcess.builder()
                .name("SyncManager-" + PROCESSES.incrementAndGet())
                .daemon(true)
                .target(() -> serveInProcess(where, there))
                .build();
        process.start();
        there.close(); // this JVM's copy only
        boolean ok = false;
        try {
            Endpoint served = awaitServing(process, here);
            byte[] key = Multiprocessing.currentProcess().authKey();
            ProxyClient.remember(served, key);
            ok = true;
            return new Manager(null, null, served, process, here);
        } finally {
            if (!ok) {
                here.close();
                process.kill();
                process.join(GRACE);
                where.unlink();
            }
        }
    }

    private static Endpoint awaitServing(JvmProcess process, Connection here)
            throws IOException, InterruptedException {
        long deadline = Timeouts.deadline(STARTUP.toNanos());
        while (!here.poll(Duration.ofMillis(50))) {
            if (!process.isAlive()) {
                process.join();
                throw new IOException("the manager process " + process.name() + " exited with code "
                        + process.exitCode() + " before serving");
            }
            if (deadline - System.nanoTime() <= 0) {
                throw new IOException("the manager process " + process.name() + " did not serve within "
                        + STARTUP);
            }
        }
        Object report;
        try {
            report = here.recv();
        } catch (EOFException gone) {
            process.join(GRACE);
            throw new IOException("the manager process " + process.name() + " exited with code "
                    + process.exitCode() + " before serving", gone);
        }
        if (report instanceof Endpoint served) {
            return served;
        }
        throw new IOException("the manager process " + process.name() + " cannot serve",
                report instanceof Throwable t ? t : null);
    }

    /** The target of a manager process: serves until told to stop or its parent's end closes. */
    private static void serveInProcess(Endpoint where, Connection parent) throws Exception {
        Manager manager;
        try {
            manager = serveAt(where, Multiprocessing.currentProcess().authKey());
        } catch (IOException | RuntimeException e) {
            parent.send(e);
            throw e;
        }
        try (manager) {
            parent.send(manager.endpoint);
            while (!SHUTDOWN.equals(parent.recv())) {
                // only "shutdown" is ever sent
            }
        } catch (EOFException parentGone) {
            // the parent closed its end or exited: stop serving
        }
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

    /**
     * Returns a new shared condition variable over a reentrant lock of its own ({@code
     * manager.Condition()}); see {@link ProxyCondition}.
     */
    public ProxyCondition condition() {
        return new ProxyCondition(makeNamed(RemoteCondition.Factory.NAME, new RemoteCondition.Factory(),
                "condition"));
    }

    /**
     * Returns a new shared barrier for {@code parties} threads, with no action and no default
     * timeout ({@code manager.Barrier(parties)}); see {@link ProxyBarrier}.
     *
     * @throws IllegalArgumentException if {@code parties < 1}
     */
    public ProxyBarrier barrier(int parties) {
        return barrier(parties, null, null);
    }

    /**
     * Returns a new shared barrier with an action and a default timeout ({@code
     * manager.Barrier(parties, action, timeout)}). The action runs in the manager's process, once
     * per round, in the thread serving the last party to arrive, before any party goes on; it is
     * copied there, so it acts through shared objects (a proxy it captured), not through this
     * JVM's memory. If it throws, the barrier breaks and the last party gets its exception.
     *
     * @param action run once per round; {@code null} for none
     * @param timeout the default timeout of {@link ProxyBarrier#await()}; {@code null} for none
     * @throws IllegalArgumentException if {@code parties < 1} or {@code timeout} is negative
     */
    public ProxyBarrier barrier(int parties, SerializableAction action, Duration timeout) {
        if (parties < 1) {
            throw new IllegalArgumentException("parties: " + parties + " (expected: >= 1)");
        }
        long timeoutNanos = timeout == null ? -1L : Timeouts.toNanos(timeout);
        var factory = new ProxyBarrier.Factory(parties, action, timeoutNanos);
        return new ProxyBarrier(makeNamed(factory.name(), factory, "barrier"));
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
     * Stops the manager ({@code shutdown()}), waiting, for a manager process, until that process
     * has exited: later calls through its proxies fail. For a manager this JVM serves, stops the
     * server; for a manager process, asks it to exit, and after a grace period of two seconds
     * terminates it, then kills it; for a client of another process's manager, closes its idle
     * connections only. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        client.closeIdle();
        if (server != null) {
            server.close();
        }
        if (process != null) {
            stopProcess();
        }
    }

    private void stopProcess() {
        boolean interrupted = false;
        try {
            control.send(SHUTDOWN);
        } catch (IOException | RuntimeException gone) {
            // it has exited already, or will see the pipe close
        }
        control.close();
        try {
            if (!process.join(GRACE)) {
                process.terminate();
                if (!process.join(GRACE)) {
                    process.kill();
                    process.join();
                }
            }
        } catch (InterruptedException e) {
            interrupted = true;
            process.kill(); // no waiting for the exit when interrupted
        } catch (IllegalStateException alreadyGone) {
            // terminate/kill of a process that exited meanwhile
        }
        endpoint.unlink(); // gone with a killed process, not removed by it
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * {@code Manager[serving unix:/...]}, {@code Manager[process SyncManager-1 pid=4242 serving
     * unix:/...]} or {@code Manager[client of tcp:127.0.0.1:5000]}.
     */
    @Override
    public String toString() {
        String state;
        if (process != null) {
            state = "process " + process.name() + " pid=" + process.pid()
                    + (closed.get() ? " shut down, was " : process.isAlive() ? " serving " : " gone, was ");
        } else if (server == null) {
            state = "client of ";
        } else {
            state = server.isClosed() ? "closed, was " : "serving ";
        }
        return "Manager[" + state + endpoint + "]";
    }

    /** The server of a manager this JVM serves, else null (for tests). */
    ObjectServer server() {
        return server;
    }

    /** The manager process of {@link #startProcess()}, else null (for tests). */
    JvmProcess process() {
        return process;
    }

    private ProxyRef make(String kind, int arg) {
        long id = (Long) client.invokeQuick(RemoteManager.ID, "create", kind, arg);
        return new ProxyRef(endpoint, id, kind, kind.equals("queue") || kind.equals("joinable") ? arg : 0);
    }

    /** Registers {@code factory} as {@code name} and makes an object with it, as a {@code kind} proxy. */
    private ProxyRef makeNamed(String name, SerializableTask<?> factory, String kind) {
        register(name, factory);
        Object[] made = (Object[]) client.invokeQuick(RemoteManager.ID, "createNamed", name);
        return new ProxyRef(endpoint, (Long) made[1], kind, 0);
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
            case "condition" -> new ProxyCondition(ref);
            case "barrier" -> new ProxyBarrier(ref);
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

package io.bingfa.multiprocessing;

import java.io.IOException;
import java.io.InvalidClassException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small RPC server for the objects one process shares with others (the node of a JVM, a
 * {@link Manager}): objects are registered under an id with the public methods of a type, and
 * authenticated peers call those methods by name.
 *
 * <p>The accept loop runs on a daemon platform thread; each connection gets two virtual threads:
 * a reader, which deserialises requests, and a worker, which runs them one at a time in order
 * (so one client thread's calls, and one feeder's pipelined puts, keep their order, and an
 * {@link io.bingfa.threading.RLock} held through a connection has one owner thread). Nothing of a
 * connection is deserialised before {@link Auth#accept} succeeds; a failed handshake, a frame that
 * is not a request (garbage, a length prefix over the limit, a frame cut short) ends that
 * connection only. A request whose body names a class outside the {@link AllowList} (or a class
 * missing here) is answered with that error and the connection stays up.
 */
/*
 * Design note. When a connection ends while its worker is blocked in a round-trip call (a get on
 * a queue), the worker is interrupted so that it does not take an item nobody will receive.
 * One-way calls (pipelined puts) already read are still run: the client sent them before it went.
 */
final class ObjectServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ObjectServer.class.getName());

    private final ServerSocketChannel server;
    private final Endpoint endpoint;
    private final byte[] key;
    private final String name;
    private final Codec codec = Codec.standard();
    private final Map<Long, Exposed> objects = new ConcurrentHashMap<>();
    private final Map<Object, Long> ids = new IdentityHashMap<>();
    private final AtomicLong nextId = new AtomicLong(1);
    private final AtomicLong decodes = new AtomicLong();
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;
    private volatile Thread acceptor;

    private ObjectServer(ServerSocketChannel server, byte[] key, String name) throws IOException {
        this.server = server;
        this.endpoint = Endpoint.of(server);
        this.key = key.clone();
        this.name = name;
    }

    /** Binds a server at {@code where} and starts accepting peers that hold {@code key}. */
    static ObjectServer start(Endpoint where, byte[] key, String name) throws IOException {
        var s = new ObjectServer(where.bind(), key, name);
        Thread acceptor = new Thread(s::acceptLoop, "bingfa-" + name + "-accept");
        acceptor.setDaemon(true);
        s.acceptor = acceptor;
        acceptor.start();
        return s;
    }

    Endpoint endpoint() {
        return endpoint;
    }

    /** The number of request bodies this server has tried to deserialise (for tests). */
    long decodes() {
        return decodes.get();
    }

    /**
     * Registers {@code target} with the public methods of {@code type} (which it must be an
     * instance of); returns its id. Registering the same object again returns its first id.
     */
    long register(Object target, Class<?> type) {
        synchronized (ids) {
            Long known = ids.get(target);
            if (known != null) {
                return known;
            }
            long id = nextId.getAndIncrement();
            register(id, target, type);
            return id;
        }
    }

    /** Registers {@code target} under {@code id}; see {@link #register(Object, Class)}. */
    void register(long id, Object target, Class<?> type) {
        if (!type.isInstance(target)) {
            throw new IllegalArgumentException("target: " + target.getClass().getName()
                    + " (expected: an instance of " + type.getName() + ")");
        }
        synchronized (ids) {
            objects.put(id, new Exposed(target, type));
            ids.put(target, id);
            nextId.accumulateAndGet(id + 1, Math::max);
        }
    }

    Object target(long id) {
        Exposed e = objects.get(id);
        return e == null ? null : e.target;
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        endpoint.unlink();
        for (Connection c : connections) {
            c.end();
        }
        // The socket is released when the acceptor leaves accept(): wait, so that the address
        // can be bound again as soon as close() returns (a rapid restart).
        Thread a = acceptor;
        if (a != null && a != Thread.currentThread()) {
            try {
                a.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    boolean isClosed() {
        return closed;
    }

    @Override
    public String toString() {
        return "ObjectServer[" + name + " at " + endpoint + ", objects=" + objects.size()
                + ", connections=" + connections.size() + (closed ? ", closed" : "") + "]";
    }

    private void acceptLoop() {
        while (!closed) {
            SocketChannel channel;
            try {
                channel = server.accept();
            } catch (IOException e) {
                if (!closed) {
                    LOG.log(System.Logger.Level.WARNING, "bingfa " + name + " stopped accepting", e);
                }
                return;
            }
            Thread.ofVirtual().name("bingfa-" + name + "-conn").start(() -> serve(channel));
        }
    }

    private void serve(SocketChannel channel) {
        var framed = new FramedChannel(channel);
        try {
            Auth.accept(framed, key);
        } catch (IOException | RuntimeException refused) {
            closeQuietly(framed);
            return;
        }
        var c = new Connection(framed);
        connections.add(c);
        if (closed) {
            c.end();
        }
        c.worker = Thread.ofVirtual().name("bingfa-" + name + "-worker").start(c::work);
        c.read();
    }

    private static void closeQuietly(FramedChannel framed) {
        try {
            framed.close();
        } catch (IOException ignored) {
            // already gone
        }
    }

    private Object invoke(RemoteCall call) throws Throwable {
        if (RemoteCall.SYNC.equals(call.method())) {
            return null;
        }
        Exposed exposed = objects.get(call.objectId());
        if (exposed == null) {
            throw new RemoteException("no object with id " + call.objectId() + " on " + this);
        }
        Object[] args = call.args() == null ? new Object[0] : call.args();
        Method m = exposed.find(call.method(), args);
        try {
            return m.invoke(exposed.target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private byte[] replyFor(long callId, Object value, Throwable failure) {
        if (failure == null) {
            try {
                return RemoteCall.reply(callId, RemoteCall.VALUE, codec.encode(value));
            } catch (IOException | RuntimeException e) {
                failure = e;
            }
        }
        byte[] text;
        try {
            text = codec.encode(RemoteException.of(failure));
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode a RemoteException", e);
        }
        byte[] original;
        try {
            original = codec.encode(failure);
        } catch (IOException | RuntimeException e) {
            original = new byte[0];
        }
        return RemoteCall.reply(callId, RemoteCall.ERROR, RemoteCall.errorBody(text, original));
    }

    private record Task(long callId, RemoteCall call) {}

    private static final Task END = new Task(-1, null);

    /** One peer: a reader thread (the one that accepted it) and a worker thread. */
    private final class Connection {
        final FramedChannel framed;
        final LinkedBlockingQueue<Task> inbox = new LinkedBlockingQueue<>();
        volatile Thread worker;
        /** Guarded by this. */
        private Task current;
        /** Guarded by this. */
        private boolean ended;

        Connection(FramedChannel framed) {
            this.framed = framed;
        }

        void read() {
            try {
                while (!closed) {
                    byte[] frame = framed.read();
                    if (frame.length < 8) {
                        throw new ProtocolException("frame of " + frame.length
                                + " bytes (expected: a call id of 8 bytes and a request)");
                    }
                    long callId = ByteBuffer.wrap(frame).getLong();
                    decodes.incrementAndGet();
                    Object body;
                    try {
                        body = codec.decode(frame, 8, frame.length - 8);
                    } catch (InvalidClassException refused) {
                        // the frame was whole: answer and keep the connection
                        if (callId != 0) {
                            framed.write(replyFor(callId, null, refused));
                        } else {
                            LOG.log(System.Logger.Level.WARNING, "bingfa " + name
                                    + " refused a one-way request", refused);
                        }
                        continue;
                    }
                    if (!(body instanceof RemoteCall call)) {
                        throw new ProtocolException("not a request: "
                                + (body == null ? "null" : body.getClass().getName()));
                    }
                    inbox.add(new Task(callId, call));
                }
            } catch (IOException | RuntimeException gone) {
                if (!(gone instanceof java.io.EOFException) && !(gone instanceof ClosedChannelException)
                        && !closed) {
                    LOG.log(System.Logger.Level.DEBUG, "bingfa " + name + " dropped a connection", gone);
                }
            } finally {
                end();
            }
        }

        void end() {
            synchronized (this) {
                if (ended) {
                    return;
                }
                ended = true;
            }
            closeQuietly(framed);
            synchronized (this) {
                if (current != null && current.callId() != 0 && worker != null) {
                    worker.interrupt();
                }
            }
            inbox.add(END);
            connections.remove(this);
        }

        void work() {
            while (true) {
                Task task;
                try {
                    task = inbox.take();
                } catch (InterruptedException stale) {
                    continue;
                }
                if (task == END) {
                    return;
                }
                synchronized (this) {
                    if (ended && task.callId() != 0) {
                        continue; // nobody is waiting for the answer
                    }
                    current = task;
                }
                Object value = null;
                Throwable failure = null;
                try {
                    value = invoke(task.call());
                } catch (Throwable t) {
                    failure = t;
                }
                synchronized (this) {
                    current = null;
                    Thread.interrupted();
                }
                if (task.callId() != 0) {
                    synchronized (this) {
                        if (ended) {
                            continue;
                        }
                    }
                    try {
                        framed.write(replyFor(task.callId(), value, failure));
                    } catch (IOException gone) {
                        end();
                    }
                } else if (failure != null) {
                    LOG.log(System.Logger.Level.WARNING, "bingfa " + name + ": one-way call "
                            + task.call().method() + " failed", failure);
                }
            }
        }
    }

    /** A registered object and the methods callable on it. */
    private static final class Exposed {
        final Object target;
        final Class<?> type;
        final Map<String, List<Method>> methods = new LinkedHashMap<>();

        Exposed(Object target, Class<?> type) {
            this.target = target;
            this.type = type;
            for (Method m : type.getMethods()) {
                if (m.getDeclaringClass() == Object.class || Modifier.isStatic(m.getModifiers())) {
                    continue;
                }
                if (!Modifier.isPublic(m.getDeclaringClass().getModifiers())) {
                    try {
                        m.setAccessible(true);
                    } catch (RuntimeException notOpen) {
                        continue;
                    }
                }
                methods.computeIfAbsent(m.getName(), k -> new ArrayList<>()).add(m);
            }
        }

        Method find(String name, Object[] args) {
            List<Method> candidates = methods.get(name);
            if (candidates != null) {
                for (Method m : candidates) {
                    if (accepts(m, args)) {
                        return m;
                    }
                }
            }
            throw new RemoteException("method '" + name + "' with " + args.length
                    + " argument(s) is not exposed by " + type.getName() + " (exposed: "
                    + new TreeSet<>(methods.keySet()) + ")");
        }

        private static boolean accepts(Method m, Object[] args) {
            Class<?>[] params = m.getParameterTypes();
            if (params.length != args.length) {
                return false;
            }
            for (int i = 0; i < params.length; i++) {
                Class<?> p = params[i].isPrimitive() ? box(params[i]) : params[i];
                if (args[i] == null ? params[i].isPrimitive() : !p.isInstance(args[i])) {
                    return false;
                }
            }
            return true;
        }

        private static Class<?> box(Class<?> primitive) {
            return java.lang.invoke.MethodType.methodType(primitive).wrap().returnType();
        }
    }
}

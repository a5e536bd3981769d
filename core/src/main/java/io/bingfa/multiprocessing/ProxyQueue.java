package io.bingfa.multiprocessing;

import io.bingfa.queue.QueueShutDownException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The far end of a {@link ProcessQueue}: the calls a process makes on a queue another process
 * hosts. Gets, sizes and bounded puts are round trips. Puts to an unbounded queue are pipelined,
 * as CPython's feeder thread does: put() serialises the item into a {@link ProxyBatch} at once
 * (so an unserialisable item fails in the caller) and a feeder thread sends the batches, many
 * items a frame, in order, one-way, on a connection of its own.
 */
/*
 * Design note. Every call that observes the queue (get, qsize, join, ...) first flushes: it waits
 * for the feeder to have sent what this proxy buffered and then makes a round trip on the
 * feeder's connection, which the server runs after the puts it carried. So a process always sees
 * its own puts. The feeder is a virtual thread; the buffer is flushed by an exit hook before a
 * child JVM exits and by a shutdown hook in the main JVM.
 */
final class ProxyQueue {
    private static final int BATCH_BYTES = 32 << 10;
    private static final int MAX_PENDING = 64;

    final ProxyClient client;
    final long id;
    private final boolean pipelined;

    /** Fair: an unfair lock let a putter in a loop starve the feeder. */
    private final ReentrantLock lock = new ReentrantLock(true);
    private final Condition changed = lock.newCondition();
    /** Guarded by lock. */
    private final ArrayDeque<ProxyBatch> pending = new ArrayDeque<>();
    /** Guarded by lock. */
    private boolean sending;
    /** Guarded by lock. */
    private boolean unsynced;
    /** Guarded by lock. */
    private boolean stopped;
    /** Guarded by lock. */
    private IOException failure;
    /** Guarded by lock. */
    private Thread feeder;
    /** Whether a call through this proxy has seen the queue shut down. */
    private volatile boolean shutDownSeen;

    private final ReentrantLock feedLock = new ReentrantLock();
    /** Guarded by feedLock. */
    private ProxyClient.Conn feed;

    ProxyQueue(ProxyClient client, long id, boolean pipelined) {
        this.client = client;
        this.id = id;
        this.pipelined = pipelined;
    }

    /** Puts, pipelined if the queue is unbounded, else as a round trip (the server blocks). */
    void put(Object item) throws InterruptedException {
        if (!pipelined) {
            client.invoke(id, "put", item);
            return;
        }
        lock.lockInterruptibly();
        try {
            if (failure != null) {
                throw lost(failure);
            }
            if (stopped) {
                throw new IllegalStateException("queue is closed");
            }
            if (shutDownSeen) {
                throw new QueueShutDownException("Queue is shut down");
            }
            while (pending.size() >= MAX_PENDING && failure == null) {
                changed.await();
            }
            ProxyBatch batch = pending.peekLast();
            if (batch == null || batch.isSealed()) {
                batch = new ProxyBatch();
                pending.addLast(batch);
            }
            try {
                batch.add(item);
            } catch (IOException e) {
                if (batch.count() == 0) {
                    pending.removeLast();
                }
                throw new UncheckedIOException("cannot put " + item.getClass().getName()
                        + ": not serialisable (" + e + ")", e);
            }
            if (batch.size() >= BATCH_BYTES) {
                batch.seal();
            }
            if (feeder == null) {
                startFeeder();
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Call only when holding lock. */
    private void startFeeder() {
        feeder = Thread.ofVirtual().name("bingfa-queue-feeder").start(this::feed);
        ExitHooks.add(this::flushAtExit);
        MainExit.register(this);
    }

    private void feed() {
        while (true) {
            ProxyBatch batch;
            lock.lock();
            try {
                while (pending.isEmpty()) {
                    if (stopped || failure != null) {
                        return;
                    }
                    changed.awaitUninterruptibly();
                }
                batch = pending.pollFirst();
                batch.seal();
                sending = true;
            } finally {
                lock.unlock();
            }
            IOException error = null;
            feedLock.lock();
            try {
                if (feed == null) {
                    feed = client.open();
                }
                feed.send(id, "putBatch", batch.bytes(), batch.count());
            } catch (IOException e) {
                error = e;
            } finally {
                feedLock.unlock();
            }
            lock.lock();
            try {
                sending = false;
                unsynced = true;
                if (error != null) {
                    failure = error;
                    pending.clear();
                }
                changed.signalAll();
                if (error != null) {
                    return;
                }
            } finally {
                lock.unlock();
            }
        }
    }

    /**
     * Waits until every item this proxy buffered has been sent and put by the server.
     *
     * @throws UncheckedIOException if the connection to the server was lost
     */
    void flush() throws InterruptedException {
        if (!pipelined) {
            return;
        }
        boolean sync;
        lock.lockInterruptibly();
        try {
            while ((!pending.isEmpty() || sending) && failure == null) {
                changed.await();
            }
            if (failure != null) {
                throw lost(failure);
            }
            sync = unsynced;
            unsynced = false;
        } finally {
            lock.unlock();
        }
        if (sync) {
            feedLock.lockInterruptibly();
            try {
                feed.call(id, RemoteCall.SYNC);
            } catch (IOException e) {
                throw lost(e);
            } catch (ProxyClient.Remote impossible) {
                throw new IllegalStateException(impossible.failure);
            } finally {
                feedLock.unlock();
            }
        }
    }

    private void flushAtExit() {
        try {
            flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException lost) {
            System.getLogger(ProxyQueue.class.getName()).log(System.Logger.Level.WARNING,
                    "items put to a process queue could not be delivered before exit", lost);
        }
    }

    /** Flushes, then stops the feeder and closes its connection. */
    void close() throws InterruptedException {
        try {
            flush();
        } finally {
            lock.lock();
            try {
                stopped = true;
                changed.signalAll();
            } finally {
                lock.unlock();
            }
            feedLock.lock();
            try {
                if (feed != null) {
                    feed.close();
                    feed = null;
                }
            } finally {
                feedLock.unlock();
            }
        }
    }

    Object call(String method, Object... args) throws InterruptedException {
        flush();
        if (method.equals("shutdown")) {
            shutDownSeen = true;
        }
        try {
            return client.invoke(id, method, args);
        } catch (QueueShutDownException e) {
            shutDownSeen = true;
            throw e;
        }
    }

    Object callQuick(String method, Object... args) {
        try {
            return call(method, args);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RemoteException("interrupted during " + method + " on " + client.endpoint());
        }
    }

    private UncheckedIOException lost(IOException e) {
        return new UncheckedIOException("connection to the queue at " + client.endpoint()
                + " lost: " + e.getMessage(), e);
    }

    /** Flushes every feeding proxy when the main JVM exits (children use {@link ExitHooks}). */
    private static final class MainExit {
        private static final java.util.Set<ProxyQueue> FEEDING =
                java.util.concurrent.ConcurrentHashMap.newKeySet();

        static {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                for (ProxyQueue q : FEEDING) {
                    q.flushAtExit();
                }
            }, "bingfa-queue-flush"));
        }

        static void register(ProxyQueue q) {
            FEEDING.add(q);
        }
    }
}

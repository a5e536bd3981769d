package io.bingfa.socketserver;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The serve/shutdown/close bookkeeping shared by {@link TcpServer} and {@link ProcessTcpServer}:
 * which thread is in {@code serveForever}, whether a shutdown was requested, whether the server is
 * closed. The owner supplies the messages and how to wake its serving loop.
 */
final class ServeLifecycle {
    /** What {@link #beginClose} found. */
    enum CloseStart {
        /** Closed before: nothing to do. */
        ALREADY_CLOSED,
        /** Now closed; not interrupted while waiting for the serving thread. */
        CLOSED,
        /** Now closed; interrupted while waiting for the serving thread (status not set). */
        CLOSED_INTERRUPTED
    }

    /** Guards the serving thread and the closed flag; the owner may guard its own state with it. */
    final ReentrantLock lock = new ReentrantLock();
    /** Signalled when serving stops. */
    final Condition stopped = lock.newCondition();
    /** Guarded by lock: the thread in serveForever, or null. */
    private Thread servingThread;
    /** Guarded by lock. */
    private boolean closed;
    /** Written under lock; read without it by the serving loop. */
    private volatile boolean shutdownRequest;

    /**
     * Marks the current thread as serving.
     *
     * @throws IllegalStateException if the server is closed or another thread is serving
     */
    void enterServe(Object server) {
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("serveForever() on a closed server " + server);
            }
            if (servingThread != null) {
                throw new IllegalStateException("serveForever() is already running in " + servingThread.getName());
            }
            servingThread = Thread.currentThread();
        } finally {
            lock.unlock();
        }
    }

    /** Marks serving as stopped, clears the shutdown request and wakes the threads waiting for it. */
    void exitServe() {
        lock.lock();
        try {
            servingThread = null;
            shutdownRequest = false;
            stopped.signalAll();
        } finally {
            lock.unlock();
        }
    }

    boolean isShutdownRequested() {
        return shutdownRequest;
    }

    /**
     * Requests a shutdown, runs {@code wakeup} and waits until nothing is serving.
     *
     * @throws IllegalStateException with {@code selfMessage} if called from the serving thread
     * @throws InterruptedException if interrupted while waiting (the request stays made)
     */
    void requestShutdownAndWait(String selfMessage, Runnable wakeup) throws InterruptedException {
        lock.lock();
        try {
            if (servingThread == Thread.currentThread()) {
                throw new IllegalStateException(selfMessage);
            }
            shutdownRequest = true;
            wakeup.run();
            while (servingThread != null) {
                stopped.await();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Unless closed already: requests a shutdown, runs {@code wakeup}, waits (uninterruptibly)
     * until nothing is serving, then marks the server closed.
     *
     * @throws IllegalStateException with {@code selfMessage} if called from the serving thread
     *     of a server not yet closed
     */
    CloseStart beginClose(String selfMessage, Runnable wakeup) {
        boolean interrupted = false;
        lock.lock();
        try {
            if (closed) {
                return CloseStart.ALREADY_CLOSED;
            }
            if (servingThread == Thread.currentThread()) {
                throw new IllegalStateException(selfMessage);
            }
            shutdownRequest = true;
            wakeup.run();
            while (servingThread != null) {
                try {
                    stopped.await();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            shutdownRequest = false;
            closed = true;
        } finally {
            lock.unlock();
        }
        return interrupted ? CloseStart.CLOSED_INTERRUPTED : CloseStart.CLOSED;
    }

    boolean isClosed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }

    /** "closed", "serving" or "listening". */
    String state() {
        lock.lock();
        try {
            return closed ? "closed" : servingThread != null ? "serving" : "listening";
        } finally {
            lock.unlock();
        }
    }
}

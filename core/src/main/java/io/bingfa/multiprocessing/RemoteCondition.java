package io.bingfa.multiprocessing;

import io.bingfa.SerializableTask;
import io.bingfa.threading.Condition;
import io.bingfa.threading.RLock;
import java.time.Duration;

/**
 * The server side of a {@link ProxyCondition}: a {@link Condition} over its own {@link RLock},
 * whose owner is the worker thread of the connection a client thread pinned while it holds the
 * lock (so {@link #await()} releases and re-takes the lock for that client).
 */
/*
 * Design note. A worker of the ObjectServer is interrupted only when its connection ends (the
 * client thread was interrupted, or its process died). Then nobody can release what the worker
 * holds: a wait that ends so, by InterruptedException or by a signal that raced the interrupt,
 * gives the lock up entirely, and the client re-takes it on a new connection if it is still there.
 */
final class RemoteCondition {
    private final RLock lock = new RLock();
    private final Condition condition = new Condition(lock);

    public void acquire() throws InterruptedException {
        lock.acquire();
        dropIfGone();
    }

    public boolean tryAcquire() {
        return lock.tryAcquire();
    }

    public boolean tryAcquire(Duration timeout) throws InterruptedException {
        boolean acquired = lock.tryAcquire(timeout);
        if (acquired) {
            dropIfGone();
        }
        return acquired;
    }

    public void release() {
        lock.release();
    }

    public boolean isLocked() {
        return lock.isLocked();
    }

    public void await() throws InterruptedException {
        try {
            condition.await();
        } catch (InterruptedException connectionEnded) {
            abandon();
            throw connectionEnded;
        }
        dropIfGone();
    }

    public boolean await(Duration timeout) throws InterruptedException {
        boolean signalled;
        try {
            signalled = condition.await(timeout);
        } catch (InterruptedException connectionEnded) {
            abandon();
            throw connectionEnded;
        }
        dropIfGone();
        return signalled;
    }

    public void signal(Integer n) {
        condition.signal(n);
    }

    public void signalAll() {
        condition.signalAll();
    }

    public int waiting() {
        return condition.waiting();
    }

    /** After a wait or acquire that got the lock: gives it up if the client went meanwhile. */
    private void dropIfGone() {
        if (Thread.currentThread().isInterrupted()) {
            abandon();
        }
    }

    /** Releases every hold of the calling worker, whose client is gone. */
    private void abandon() {
        for (int n = lock.holdCount(); n > 0; n--) {
            lock.release();
        }
    }

    @Override
    public String toString() {
        return condition.toString();
    }

    /** Makes a new condition on the server ({@link Manager#condition()}). */
    record Factory() implements SerializableTask<Object> {
        static final String NAME = "#bingfa.condition";

        @Override
        public Object call() {
            return new RemoteCondition();
        }
    }
}

package io.bingfa.multiprocessing;

import io.bingfa.internal.Timeouts;
import io.bingfa.threading.Acquirable;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serial;
import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * Python's {@code multiprocessing.Lock}: a mutual-exclusion lock in shared memory, held by at most
 * one thread of all the JVMs that share it. Like {@link io.bingfa.threading.Lock} it has no owner:
 * any thread of any JVM may release it, and a thread that holds it and acquires it again blocks
 * until someone else releases it. Not fair: a newcomer may take a free lock ahead of the waiters.
 *
 * <pre>{@code
 * ProcessLock mutex = ProcessLock.create();
 * SharedValue total = SharedValue.ofLong(0);
 * // ... hand both to child JVMs, which do:
 * try (var held = mutex.hold()) {   // with mutex:
 *     total.set(total.get() + 1);
 * }
 * }</pre>
 *
 * <p>The lock is not copied when it is passed to a child JVM, unlike other arguments of
 * multiprocessing calls: the serialized form names the shared memory, and the child's lock is the
 * same lock. {@link SharedValue#lock()} and {@link SharedArray#lock()} give the lock that lives
 * next to a shared value (Python's {@code get_lock()}).
 *
 * <p>Releasing an unlocked lock throws {@link IllegalMonitorStateException}
 * ({@code "release unlocked lock"}, as {@code threading.Lock}). {@link #toString()} shows the pid
 * of the process that acquired it: {@code ProcessLock[locked by pid 1234]},
 * {@code ProcessLock[unlocked]}.
 *
 * <p><b>Not supported:</b> recovering a lock whose holder died. A lock held by a process that was
 * killed stays held, as CPython's semaphore-based lock does; {@link #isHolderAlive()} tells such
 * an abandoned lock from a busy one, and what to do about the data it guarded is the caller's
 * decision. Waiting is by polling with a growing pause (the JDK offers no cross-process wake-up),
 * so a waiter may notice a release up to about a millisecond late.
 *
 * <p><b>Memory consistency effects:</b> within a JVM, actions before a {@code release()}
 * happen-before actions after a subsequent successful acquire by any thread. Across JVMs the same
 * order holds for the contents of shared memory ({@link SharedValue}, {@link SharedArray}): what a
 * process wrote there before releasing the lock is seen by the process that acquires it next.
 * Ordinary Java objects are never shared between JVMs.
 */
/*
 * Implementation: one aligned long in shared memory, 0 when free, otherwise the pid of the process
 * whose thread acquired it. acquire is test-and-CAS 0 -> pid; release is getAndSet(0), which sees
 * 0 when the lock was not held. Both are volatile accesses on the mapped buffer, which on every
 * platform the JDK supports are the processor's atomic instructions and fences, so they order the
 * plain shared-memory accesses around them for the other processes too.
 *
 * Waiting: a few Thread.onSpinWait() rounds, then LockSupport.parkNanos with the pause doubling
 * from 1 us to 1 ms. There is no futex in Java; a wake-up channel (a pipe, a socket) would cost a
 * system call per release even when nobody waits.
 */
public final class ProcessLock implements Acquirable, Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    static final String KIND = "lock";
    /** The bytes a lock takes in a segment. */
    static final int BYTES = Long.BYTES;
    private static final long PID = ProcessHandle.current().pid();
    private static final int SPINS = 64;
    private static final long MIN_PAUSE_NANOS = 1_000L;
    private static final long MAX_PAUSE_NANOS = 1_000_000L;

    private final transient SharedMemory memory;
    private final transient int offset;

    ProcessLock(SharedMemory memory, int offset) {
        this.memory = memory;
        this.offset = offset;
    }

    /**
     * Creates an unlocked lock in a new segment of shared memory.
     *
     * @return the lock
     * @throws java.io.UncheckedIOException if shared memory cannot be created
     */
    public static ProcessLock create() {
        return new ProcessLock(SharedMemory.create(KIND, BYTES), 0);
    }

    /**
     * Acquires the lock, waiting until it is free. The thread lies dormant until it acquires the
     * lock or is interrupted.
     *
     * @throws InterruptedException if the current thread is interrupted while waiting; the
     *     interrupt status is cleared
     */
    @Override
    public void acquire() throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        if (!tryAcquire()) {
            await(Long.MAX_VALUE, false);
        }
    }

    /**
     * Acquires the lock only if it is free at the time of the call, without waiting.
     *
     * @return {@code true} if acquired, {@code false} otherwise
     */
    @Override
    public boolean tryAcquire() {
        return memory.getLongVolatile(offset) == 0 && memory.compareAndSetLong(offset, 0, PID);
    }

    /**
     * Acquires the lock, waiting at most {@code timeout} for it to be free. The thread lies dormant
     * until it acquires the lock, the timeout elapses, or it is interrupted.
     *
     * @param timeout how long to wait; {@code Duration.ZERO} does not wait
     * @return {@code true} if acquired, {@code false} if the timeout elapsed first
     * @throws InterruptedException if the current thread is interrupted while waiting; the
     *     interrupt status is cleared
     * @throws IllegalArgumentException if {@code timeout} is negative
     */
    @Override
    public boolean tryAcquire(Duration timeout) throws InterruptedException {
        long nanos = Timeouts.toNanos(timeout);
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        return tryAcquire() || (nanos > 0 && await(nanos, true));
    }

    /**
     * Releases the lock. Any thread of any process may release it, not only the one that acquired.
     *
     * @throws IllegalMonitorStateException if the lock is not locked
     */
    @Override
    public void release() {
        if (memory.getAndSetLong(offset, 0L) == 0L) {
            throw new IllegalMonitorStateException("release unlocked lock");
        }
    }

    /** Whether some thread of some process holds the lock (Python's {@code locked()}). */
    public boolean isLocked() {
        return memory.getLongVolatile(offset) != 0L;
    }

    /**
     * Whether the lock is held by a process that is still running: {@code false} when it is
     * unlocked, and when the process that acquired it has ended without releasing it (the lock
     * then stays held; see the class documentation).
     */
    public boolean isHolderAlive() {
        long holder = memory.getLongVolatile(offset);
        return holder != 0L
                && (holder == PID || ProcessHandle.of(holder).map(ProcessHandle::isAlive).orElse(false));
    }

    /** Shows the state: {@code ProcessLock[unlocked]}, {@code ProcessLock[locked by pid 1234]}. */
    @Override
    public String toString() {
        long holder = memory.getLongVolatile(offset);
        return holder == 0L ? "ProcessLock[unlocked]" : "ProcessLock[locked by pid " + holder + "]";
    }

    /** Whether {@code other} is a handle to the same lock (in this JVM or passed from another). */
    @Override
    public boolean equals(Object other) {
        return other instanceof ProcessLock that && that.memory == memory && that.offset == offset;
    }

    @Override
    public int hashCode() {
        return memory.path().hashCode() * 31 + offset;
    }

    /** Waits for the lock, polling with a growing pause. */
    private boolean await(long nanos, boolean timed) throws InterruptedException {
        long deadline = timed ? Timeouts.deadline(nanos) : 0L;
        long pause = MIN_PAUSE_NANOS;
        for (int spins = 0; ; spins++) {
            if (tryAcquire()) {
                return true;
            }
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            long remaining = timed ? deadline - System.nanoTime() : Long.MAX_VALUE;
            if (remaining <= 0) {
                return false;
            }
            if (spins < SPINS) {
                Thread.onSpinWait();
            } else {
                LockSupport.parkNanos(this, Math.min(pause, remaining));
                pause = Math.min(pause * 2, MAX_PAUSE_NANOS);
            }
        }
    }

    // ------------------------------------------------------------------ serialization

    SharedMemory memory() {
        return memory;
    }

    @Serial
    private Object writeReplace() {
        return new Form(memory.path().toString(), memory.kind(), offset);
    }

    @Serial
    private void readObject(ObjectInputStream in) throws InvalidObjectException {
        throw new InvalidObjectException("a ProcessLock is serialized by its Form");
    }

    /** The serialized form: where the lock word is. */
    private record Form(String path, String kind, int offset) implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;

        @Serial
        private Object readResolve() throws InvalidObjectException {
            if (offset < 0 || offset % Long.BYTES != 0) {
                throw new InvalidObjectException("offset: " + offset + " (expected: a multiple of 8)");
            }
            return new ProcessLock(SharedMemory.attach(Path.of(path), kind, (long) offset + BYTES), offset);
        }
    }
}

package io.bingfa.multiprocessing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The parent's view of one pool worker: its process, its connection once it has called back, and
 * the tasks sent to it and not yet answered, in the order they were sent. The worker runs them in
 * that order, one at a time, so the oldest is the one running and the others have not started.
 */
final class WorkerHandle {
    final long id;
    final JvmProcess process;
    volatile FramedChannel channel;
    volatile boolean connected;

    /** Orders sends: the function mirror and the in-flight order follow the order of frames. */
    private final ReentrantLock sendLock = new ReentrantLock();
    /** Guarded by sendLock: which functions the worker's cache holds (see {@link WorkerWire}). */
    private final Map<Integer, Boolean> mirror = WorkerWire.lru();
    /** Guarded by itself. */
    private final LinkedHashMap<Long, PoolTask> inFlight = new LinkedHashMap<>();
    /** Guarded by inFlight: set once the tasks were taken because the worker is gone. */
    private boolean closed;

    // Guarded by the pool lock.
    int load;
    int sent;
    boolean ready;
    boolean closing;
    boolean gone;

    WorkerHandle(long id, JvmProcess process) {
        this.id = id;
        this.process = process;
    }

    /**
     * Sends {@code task}. Returns {@code true} if the worker now owns it (or the pool took it back
     * already because the worker is gone), {@code false} if the caller still owns it: the worker
     * is gone or the write failed, and the task never reached it.
     */
    boolean send(PoolTask task) {
        sendLock.lock();
        try {
            synchronized (inFlight) {
                if (closed) {
                    return false;
                }
                inFlight.put(task.id, task);
            }
            int fnId = task.fn.id();
            boolean cached = mirror.get(fnId) != null;
            if (!cached) {
                mirror.put(fnId, Boolean.TRUE);
            }
            byte[] fnBytes = cached ? null : task.fn.bytes();
            int fnLength = cached ? 0 : fnBytes.length;
            byte[] frame = new byte[17 + fnLength + task.items.length];
            ByteBuffer b = ByteBuffer.wrap(frame).put(WorkerWire.TASK).putLong(task.id).putInt(fnId)
                    .putInt(cached ? -1 : fnLength);
            if (!cached) {
                b.put(fnBytes);
            }
            b.put(task.items);
            try {
                channel.write(frame);
                return true;
            } catch (IOException workerGone) {
                synchronized (inFlight) {
                    return inFlight.remove(task.id) == null;
                }
            }
        } finally {
            sendLock.unlock();
        }
    }

    /** Takes the task answered by a result frame; null if the pool already took it back. */
    PoolTask answered(long taskId) {
        synchronized (inFlight) {
            return inFlight.remove(taskId);
        }
    }

    /** Takes every unanswered task, oldest first, and refuses later sends. */
    List<PoolTask> takeAll() {
        synchronized (inFlight) {
            closed = true;
            List<PoolTask> all = new ArrayList<>(inFlight.values());
            inFlight.clear();
            return all;
        }
    }

    /** Tells the worker there is no more work: it reads the end of the stream and exits. */
    void closeOutput() {
        FramedChannel c = channel;
        if (c != null && c.channel() instanceof SocketChannel socket) {
            try {
                socket.shutdownOutput();
            } catch (IOException alreadyGone) {
                // the reader notices
            }
        }
    }

    String describe() {
        Integer code = process.exitCode();
        long pid;
        try {
            pid = process.pid();
        } catch (IllegalStateException notStarted) {
            pid = -1;
        }
        return process.name() + " (pid " + pid + ")" + (code == null ? "" : " exit code " + code);
    }
}

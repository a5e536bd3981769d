package io.bingfa.multiprocessing;

import io.bingfa.SerializableAction;
import io.bingfa.SerializableFunction;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * What a pool worker runs in its child JVM: connect back to the pool, prove the shared auth key,
 * run the initializer, then take a task, run it, write its result, until the pool closes the
 * connection or {@code maxTasks} tasks are done. The pool never sends a worker more than
 * {@code maxTasks} tasks, so a retiring worker loses nothing. See {@link WorkerWire}.
 *
 * <p>A second thread reads the incoming tasks into a queue, so this side always drains the socket:
 * the pool may be writing the next task (a chunk of megabytes) while this worker writes a large
 * result, and if both sides only wrote, both socket buffers would fill and neither would read.
 * The pool keeps at most two tasks in flight per worker, so the queue stays short.
 */
final class WorkerLoop implements SerializableAction {
    private static final long serialVersionUID = 1L;

    private final Endpoint endpoint;
    private final long workerId;
    private final SerializableAction initializer;
    private final int maxTasks;

    WorkerLoop(Endpoint endpoint, long workerId, SerializableAction initializer, int maxTasks) {
        this.endpoint = endpoint;
        this.workerId = workerId;
        this.initializer = initializer;
        this.maxTasks = maxTasks;
    }

    @Override
    public void run() throws IOException {
        try (FramedChannel channel = new FramedChannel(endpoint.connect())) {
            Auth.connect(channel, Multiprocessing.currentProcess().authKey());
            channel.write(ByteBuffer.allocate(9).put(WorkerWire.HELLO).putLong(workerId).array());
            if (initializer != null) {
                try {
                    initializer.run();
                } catch (Throwable failure) {
                    channel.write(WorkerWire.failureFrame(WorkerWire.INIT_FAILED, 0, failure));
                    return;
                }
            }
            channel.write(new byte[] {WorkerWire.READY});
            Map<Integer, SerializableFunction<Object, Object>> functions = WorkerWire.lru();
            BlockingQueue<byte[]> tasks = new LinkedBlockingQueue<>();
            Thread reader = Thread.ofPlatform().daemon(true).name("bingfa-worker-reader")
                    .start(() -> readTasks(channel, tasks));
            try {
                for (int done = 0; maxTasks == 0 || done < maxTasks; done++) {
                    byte[] frame = tasks.take();
                    if (frame.length == 0) {
                        return;
                    }
                    channel.write(runTask(frame, functions));
                }
            } catch (InterruptedException stop) {
                Thread.currentThread().interrupt();
            } finally {
                reader.interrupt();
            }
        }
    }

    /** Moves task frames from the socket to {@code tasks}; an empty frame marks the end. */
    private static void readTasks(FramedChannel channel, BlockingQueue<byte[]> tasks) {
        try {
            while (true) {
                tasks.add(channel.read());
            }
        } catch (EOFException poolClosed) {
            // the pool is done with this worker
        } catch (IOException closed) {
            // the worker is retiring (its channel was closed) or the pool is gone
        }
        tasks.add(new byte[0]);
    }

    @SuppressWarnings("unchecked")
    private static byte[] runTask(byte[] frame, Map<Integer, SerializableFunction<Object, Object>> functions) {
        ByteBuffer b = ByteBuffer.wrap(frame);
        b.get(); // TASK
        long taskId = b.getLong();
        int fnId = b.getInt();
        int fnLength = b.getInt();
        SerializableFunction<Object, Object> fn;
        if (fnLength >= 0) {
            try {
                fn = (SerializableFunction<Object, Object>) Codec.standard().decode(frame, b.position(), fnLength);
            } catch (IOException | RuntimeException e) {
                fn = WorkerWire.unreadable(e);
            }
            functions.put(fnId, fn);
            b.position(b.position() + fnLength);
        } else {
            fn = functions.get(fnId);
        }
        Object[] results;
        try {
            Object[] items = WorkerWire.decodeItems(frame, b.position());
            results = new Object[items.length];
            for (int i = 0; i < items.length; i++) {
                results[i] = fn.apply(items[i]);
            }
        } catch (Throwable failure) {
            return WorkerWire.failureFrame(WorkerWire.FAILED, taskId, failure);
        }
        try {
            byte[] out = WorkerWire.encodeItems(Arrays.asList(results), WorkerWire.RESULT_HEADER);
            if (out.length > FramedChannel.DEFAULT_MAX_FRAME) {
                return WorkerWire.failureFrame(WorkerWire.FAILED, taskId, new IllegalStateException(
                        "the results encode to " + out.length + " bytes (expected: at most "
                        + FramedChannel.DEFAULT_MAX_FRAME + " bytes per task; use a smaller chunksize)"));
            }
            ByteBuffer.wrap(out).put(WorkerWire.OK).putLong(taskId);
            return out;
        } catch (IOException | RuntimeException unserialisable) {
            return WorkerWire.unencodableFrame(taskId, results,
                    unserialisable instanceof IOException io ? io : new IOException(unserialisable));
        }
    }
}

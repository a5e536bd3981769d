package io.bingfa.multiprocessing;

import io.bingfa.queue.Queue;
import io.bingfa.queue.QueueShutDownException;
import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * What an {@link ObjectServer} exposes for a queue shared between processes: the queue's own
 * methods, plus {@link #putBatch} for the pipelined puts of a {@link ProcessQueue} feeder. Items
 * arrive here already copied (deserialised) and leave copied (serialised by the reply).
 */
final class RemoteQueue {
    private static final System.Logger LOG = System.getLogger(RemoteQueue.class.getName());

    final Queue<Object> queue;

    RemoteQueue(Queue<Object> queue) {
        this.queue = queue;
    }

    public void put(Object item) throws InterruptedException {
        queue.put(item);
    }

    public void put(Object item, Duration timeout) throws InterruptedException {
        queue.put(item, timeout);
    }

    public void putNowait(Object item) {
        queue.putNowait(item);
    }

    /** Puts the {@code count} items of a {@link ProxyBatch}, in order. */
    public void putBatch(byte[] batch, Integer count) throws IOException, InterruptedException {
        List<Object> items = ProxyBatch.decode(batch, count);
        for (int i = 0; i < items.size(); i++) {
            try {
                queue.put(items.get(i));
            } catch (QueueShutDownException shut) {
                LOG.log(System.Logger.Level.DEBUG, "queue shut down: " + (items.size() - i)
                        + " pipelined item(s) dropped");
                return;
            }
        }
    }

    public Object get() throws InterruptedException {
        return queue.get();
    }

    public Object get(Duration timeout) throws InterruptedException {
        return queue.get(timeout);
    }

    public Object getNowait() {
        return queue.getNowait();
    }

    public int qsize() {
        return queue.qsize();
    }

    public boolean isEmpty() {
        return queue.isEmpty();
    }

    public boolean isFull() {
        return queue.isFull();
    }

    public int maxsize() {
        return queue.maxsize();
    }

    public void shutdown(Boolean immediate) {
        queue.shutdown(immediate);
    }

    public boolean isShutdown() {
        return queue.isShutdown();
    }

    public long unfinishedTasks() {
        return queue.unfinishedTasks();
    }

    public void taskDone() {
        queue.taskDone();
    }

    public void join() throws InterruptedException {
        queue.join();
    }

    public boolean join(Duration timeout) throws InterruptedException {
        return queue.join(timeout);
    }
}

package io.bingfa.queue;

import io.bingfa.multiprocessing.JoinableProcessQueue;
import io.bingfa.multiprocessing.Manager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/**
 * {@link BaseQueueContractTest} for {@link JoinableProcessQueue} used through a proxy: the queue
 * is served by a {@link Manager} of this JVM and every call crosses its socket, as a child JVM's
 * calls do. The contract speaks {@link Queue}, so an adapter forwards the Python-named methods.
 *
 * <p>A thread in a remote call waits for a socket read (state RUNNABLE), which the contract's
 * "wait until blocked" helpers cannot see; the adapter makes its blocking calls from a virtual
 * thread and parks the caller on the result, so the caller looks blocked as soon as the request
 * is on its way. Not applicable (no such method on a process queue): {@code contains} (3 cases)
 * and {@code setMaxsize} (1 case), disabled below with the reason.
 */
class ProcessQueueContractTest extends BaseQueueContractTest {
    private static Manager manager;

    private static synchronized Manager manager() {
        if (manager == null) {
            try {
                manager = Manager.start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return manager;
    }

    @AfterAll
    static synchronized void stopManager() {
        if (manager != null) {
            manager.close();
            manager = null;
        }
    }

    @Override
    <T> Queue<T> newQueue(int maxsize) {
        return new Adapter<>(manager().joinableQueue(maxsize));
    }

    @Override
    <T extends Comparable<? super T>> List<T> expectedOrder(List<T> putOrder) {
        return putOrder;
    }

    private static final String NO_CONTAINS = "ProcessQueue has no contains() (multiprocessing.Queue neither)";

    @Test
    @Override
    @Disabled(NO_CONTAINS)
    void test_basic_fullQueueRefusesPutNowaitAndTimesOutTimedPut() {}

    @Test
    @Override
    @Disabled(NO_CONTAINS)
    void test_basic_blockingPutWaitsUntilAGetMakesRoom() {}

    @Test
    @Override
    @Disabled(NO_CONTAINS)
    void test_shutdown_immediate_put_blockedPuttersAreWokenWithShutDown() {}

    @Test
    @Override
    @Disabled("ProcessQueue's maxsize is fixed at creation (multiprocessing.Queue's too)")
    void test_shrinking_queue_loweredMaxsizeIsHonoured() {}

    /** A {@link Queue} face on a process queue proxy. */
    private static final class Adapter<T> extends Queue<T> {
        private final JoinableProcessQueue<T> q;

        Adapter(JoinableProcessQueue<T> q) {
            super(q.maxsize());
            this.q = q;
        }

        private interface Call<V> {
            V run() throws Exception;
        }

        /** Runs a call that may wait on the server, parking the caller meanwhile. */
        private static <V> V parked(Call<V> call) throws InterruptedException {
            var result = new CompletableFuture<V>();
            Thread worker = Thread.ofVirtual().start(() -> {
                try {
                    result.complete(call.run());
                } catch (Throwable t) {
                    result.completeExceptionally(t);
                }
            });
            try {
                return result.get();
            } catch (InterruptedException e) {
                worker.interrupt();
                throw e;
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException r) {
                    throw r;
                }
                if (cause instanceof Error err) {
                    throw err;
                }
                if (cause instanceof InterruptedException i) {
                    throw i;
                }
                throw new IllegalStateException(cause);
            }
        }

        @Override
        public void put(T item) throws InterruptedException {
            parked(() -> {
                q.put(item);
                return null;
            });
        }

        @Override
        public void put(T item, Duration timeout) throws InterruptedException {
            parked(() -> {
                q.put(item, timeout);
                return null;
            });
        }

        @Override
        public void putNowait(T item) {
            q.putNowait(item);
        }

        @Override
        public boolean offer(T item, long timeout, TimeUnit unit) throws InterruptedException {
            try {
                put(item, Duration.of(timeout, unit.toChronoUnit()));
                return true;
            } catch (QueueFullException full) {
                return false;
            }
        }

        @Override
        public T get() throws InterruptedException {
            return parked(q::get);
        }

        @Override
        public T get(Duration timeout) throws InterruptedException {
            return parked(() -> q.get(timeout));
        }

        @Override
        public T getNowait() {
            return q.getNowait();
        }

        @Override
        public T poll() {
            try {
                return q.getNowait();
            } catch (QueueEmptyException | QueueShutDownException none) {
                return null;
            }
        }

        @Override
        public int qsize() {
            return q.qsize();
        }

        @Override
        public boolean isEmpty() {
            return q.isEmpty();
        }

        @Override
        public boolean isFull() {
            return q.isFull();
        }

        @Override
        public int maxsize() {
            return q.maxsize();
        }

        @Override
        public long unfinishedTasks() {
            return q.unfinishedTasks();
        }

        @Override
        public void taskDone() {
            q.taskDone();
        }

        @Override
        public void join() throws InterruptedException {
            parked(() -> {
                q.join();
                return null;
            });
        }

        @Override
        public boolean join(Duration timeout) throws InterruptedException {
            return parked(() -> q.join(timeout));
        }

        @Override
        public void shutdown() {
            q.shutdown();
        }

        @Override
        public void shutdown(boolean immediate) {
            q.shutdown(immediate);
        }

        @Override
        public boolean isShutdown() {
            return q.isShutdown();
        }

        @Override
        public String toString() {
            return q.toString();
        }
    }
}

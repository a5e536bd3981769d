package io.bingfa.multiprocessing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bingfa.queue.QueueShutDownException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * {@link ProcessQueueBaseTest} through a proxy to a queue this JVM hosts: every call takes the
 * path a child JVM's calls take (socket, handshake, pipelined puts).
 */
class ProcessQueueProxyTest extends ProcessQueueBaseTest {
    @Override
    <T> ProcessQueue<T> newQueue(int maxsize) {
        return ProcessQueue.proxyOf(new ProcessQueue<T>(maxsize));
    }

    @Override
    <T> JoinableProcessQueue<T> newJoinableQueue(int maxsize) {
        return ProcessQueue.proxyOf(new JoinableProcessQueue<T>(maxsize));
    }

    @Override
    void awaitGetterBlocked(Thread getter) {
        awaitWaitingForReply(getter);
    }

    @Test
    void pipelinedPutsReachTheHostInOrderAndAProcessSeesItsOwnPuts() throws Exception {
        ProcessQueue<Integer> host = new ProcessQueue<>();
        ProcessQueue<Integer> proxy = ProcessQueue.proxyOf(host);
        assertNotSame(host, proxy);
        for (int i = 0; i < 10_000; i++) {
            proxy.put(i);
        }
        assertEquals(10_000, proxy.qsize());
        for (int i = 0; i < 10_000; i++) {
            assertEquals(i, host.get(Duration.ofSeconds(30)));
        }
    }

    @Test
    void pipelinedPutAfterThisHandleSawTheShutdownThrows() throws Exception {
        ProcessQueue<Integer> host = new ProcessQueue<>();
        ProcessQueue<Integer> proxy = ProcessQueue.proxyOf(host);
        proxy.put(1);
        // A pipelined put is one-way: make sure it has reached the host (qsize flushes this
        // handle's puts) before the host shuts down, or the shutdown may overtake it.
        assertEquals(1, proxy.qsize());
        host.shutdown();
        assertEquals(1, proxy.get());
        assertThrows(QueueShutDownException.class, proxy::get);
        assertThrows(QueueShutDownException.class, () -> proxy.put(2));
    }

    @Test
    void boundedPutThroughAProxyWaitsForRoom() throws Exception {
        ProcessQueue<Integer> host = new ProcessQueue<>(1);
        ProcessQueue<Integer> proxy = ProcessQueue.proxyOf(host);
        proxy.put(1);
        try (var threads = new io.bingfa.testing.TestThreads()) {
            var putter = threads.fork("putter", () -> {
                proxy.put(2);
                return null;
            });
            awaitWaitingForReply(putter.thread());
            putter.assertStaysBlocked();
            assertEquals(1, host.get());
            putter.join();
        }
        assertEquals(2, host.get());
    }

    @Test
    void proxyFromAnotherJvmsBytesIsAProxyNotTheQueue() throws Exception {
        ProcessQueue<Integer> q = new ProcessQueue<>();
        var ref = assertInstanceOf(ProxyRef.class, writeReplaced(q));
        assertEquals("queue", ref.kind());
        assertTrue(ref.endpoint().equals(Node.get().endpoint()));
    }

    private static Object writeReplaced(ProcessQueue<?> q) throws Exception {
        return q.writeReplace();
    }
}

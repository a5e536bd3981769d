package io.bingfa.multiprocessing;

import static org.junit.jupiter.api.Assertions.assertSame;

import io.bingfa.testing.Waits;
import org.junit.jupiter.api.Test;

/** {@link ProcessQueueBaseTest} on the handle of the process that hosts the queue. */
class ProcessQueueHostTest extends ProcessQueueBaseTest {
    @Override
    <T> ProcessQueue<T> newQueue(int maxsize) {
        return new ProcessQueue<>(maxsize);
    }

    @Override
    <T> JoinableProcessQueue<T> newJoinableQueue(int maxsize) {
        return new JoinableProcessQueue<>(maxsize);
    }

    @Override
    void awaitGetterBlocked(Thread getter) {
        Waits.awaitBlocked(getter);
    }

    @Test
    void deserialisedInTheHostingJvmItIsTheQueueItself() throws Exception {
        ProcessQueue<Integer> q = new ProcessQueue<>();
        Object copy = Codec.standard().decode(Codec.standard().encode(q));
        assertSame(q, copy);
        JoinableProcessQueue<Integer> j = new JoinableProcessQueue<>(3);
        assertSame(j, Codec.standard().decode(Codec.standard().encode(j)));
    }
}

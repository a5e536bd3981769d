package io.bingfa.queue;

import java.util.List;

/** {@link BaseBlockingQueueInteropTest} for the FIFO {@link Queue}. */
class QueueInteropTest extends BaseBlockingQueueInteropTest {
    @Override
    <T> Queue<T> newQueue(int maxsize) {
        return new Queue<>(maxsize);
    }

    @Override
    <T extends Comparable<? super T>> List<T> expectedOrder(List<T> putOrder) {
        return putOrder;
    }
}

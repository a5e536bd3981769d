package io.bingfa.queue;

import java.util.List;

/** {@link BaseQueueContractTest} for the FIFO {@link Queue}. */
class QueueContractTest extends BaseQueueContractTest {
    @Override
    <T> Queue<T> newQueue(int maxsize) {
        return new Queue<>(maxsize);
    }

    @Override
    <T extends Comparable<? super T>> List<T> expectedOrder(List<T> putOrder) {
        return putOrder;
    }
}

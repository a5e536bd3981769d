package io.bingfa.queue;

import java.util.List;

/** {@link BaseQueueContractTest} for {@link LifoQueue}: last in, first out. */
class LifoQueueContractTest extends BaseQueueContractTest {
    @Override
    <T> Queue<T> newQueue(int maxsize) {
        return new LifoQueue<>(maxsize);
    }

    @Override
    <T extends Comparable<? super T>> List<T> expectedOrder(List<T> putOrder) {
        return putOrder.reversed();
    }
}

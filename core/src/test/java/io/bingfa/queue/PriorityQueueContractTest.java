package io.bingfa.queue;

import java.util.List;

/** {@link BaseQueueContractTest} for {@link PriorityQueue} in natural order: smallest first. */
class PriorityQueueContractTest extends BaseQueueContractTest {
    @Override
    <T> Queue<T> newQueue(int maxsize) {
        return new PriorityQueue<>(maxsize);
    }

    @Override
    <T extends Comparable<? super T>> List<T> expectedOrder(List<T> putOrder) {
        return putOrder.stream().sorted().toList();
    }
}

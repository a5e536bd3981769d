package io.bingfa.queue;

import java.util.List;

/** {@link BaseBlockingQueueInteropTest} for {@link LifoQueue}. */
class LifoQueueInteropTest extends BaseBlockingQueueInteropTest {
    @Override
    <T> Queue<T> newQueue(int maxsize) {
        return new LifoQueue<>(maxsize);
    }

    @Override
    <T extends Comparable<? super T>> List<T> expectedOrder(List<T> putOrder) {
        return putOrder.reversed();
    }
}

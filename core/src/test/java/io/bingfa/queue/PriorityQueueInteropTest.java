package io.bingfa.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link BaseBlockingQueueInteropTest} for {@link PriorityQueue} in natural order, plus what only a
 * priority queue has: a {@link Comparator}, and refusing items that cannot be ordered.
 */
class PriorityQueueInteropTest extends BaseBlockingQueueInteropTest {
    @Override
    <T> Queue<T> newQueue(int maxsize) {
        return new PriorityQueue<>(maxsize);
    }

    @Override
    <T extends Comparable<? super T>> List<T> expectedOrder(List<T> putOrder) {
        return putOrder.stream().sorted().toList();
    }

    @Test
    void comparatorDecidesTheOrder() throws InterruptedException {
        PriorityQueue<String> q = new PriorityQueue<>(0, Comparator.comparing(String::length).reversed());
        for (String s : List.of("bb", "a", "dddd", "ccc")) {
            q.put(s);
        }
        assertEquals(List.of("dddd", "ccc", "bb", "a"), List.of(q.get(), q.get(), q.get(), q.get()));
    }

    @Test
    void comparatorQueueIsStillBoundedByMaxsize() throws InterruptedException {
        PriorityQueue<Integer> q = new PriorityQueue<>(2, Comparator.reverseOrder());
        q.put(1);
        q.put(3);
        assertTrue(q.isFull());
        assertThrows(QueueFullException.class, () -> q.putNowait(2));
        assertEquals(3, q.get());
        q.put(2);
        assertEquals(2, q.get());
        assertEquals(1, q.get());
    }

    @Test
    void nullComparatorMeansNaturalOrder() throws InterruptedException {
        PriorityQueue<Integer> q = new PriorityQueue<>(0, null);
        q.put(3);
        q.put(1);
        q.put(2);
        assertEquals(List.of(1, 2, 3), List.of(q.get(), q.get(), q.get()));
    }

    @Test
    void manyItemsComeOutSortedIncludingEqualPriorities() throws InterruptedException {
        PriorityQueue<Integer> q = new PriorityQueue<>();
        Random random = new Random(1234);
        List<Integer> in = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            int x = random.nextInt(50);
            in.add(x);
            q.put(x);
        }
        List<Integer> out = new ArrayList<>();
        while (!q.isEmpty()) {
            out.add(q.get());
        }
        assertEquals(in.stream().sorted().toList(), out);
    }

    @Test
    void anItemThatCannotBeOrderedIsRefusedAndLeavesTheQueueAsItWas() throws InterruptedException {
        PriorityQueue<Object> q = new PriorityQueue<>(3);
        assertThrows(ClassCastException.class, () -> q.put(new Object()), "not Comparable, even as the first item");
        assertTrue(q.isEmpty());
        assertEquals(0, q.unfinishedTasks());
        q.put(1);
        q.put(5);
        assertThrows(ClassCastException.class, () -> q.put("not an Integer"));
        assertThrows(ClassCastException.class, () -> q.putNowait("not an Integer"));
        assertEquals(2, q.qsize());
        assertEquals(2, q.unfinishedTasks());
        assertFalse(q.isFull());
        q.put(3);
        assertEquals(List.of(1, 3, 5), List.of(q.get(), q.get(), q.get()));
    }
}

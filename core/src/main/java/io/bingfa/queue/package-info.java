/**
 * Python's {@code queue} module on the JVM: {@link io.bingfa.queue.Queue},
 * {@link io.bingfa.queue.LifoQueue} and {@link io.bingfa.queue.PriorityQueue} (all
 * {@link java.util.concurrent.BlockingQueue}s, with task accounting and Python 3.13's shutdown), and
 * {@link io.bingfa.queue.SimpleQueue}. Import them by name, as Python's {@code from queue import
 * Queue} does: {@code import io.bingfa.queue.Queue;}.
 */
package io.bingfa.queue;

/**
 * Python's {@code threading} module on the JVM: {@link io.bingfa.threading.Lock},
 * {@link io.bingfa.threading.RLock}, {@link io.bingfa.threading.Condition},
 * {@link io.bingfa.threading.Semaphore}, {@link io.bingfa.threading.BoundedSemaphore},
 * {@link io.bingfa.threading.Event}, {@link io.bingfa.threading.Barrier},
 * {@link io.bingfa.threading.Timer} and {@link io.bingfa.threading.Threads}, with CPython's
 * semantics where they differ from java.util.concurrent (an owner-less Lock, FIFO and exact
 * condition wake-ups, a bounded semaphore, Python's barrier indices), plus
 * {@link io.bingfa.threading.Deadlocks}: deadlocks reported instead of silent.
 *
 * <h2 id="memory">Memory consistency properties</h2>
 * As in {@link java.util.concurrent}: releasing a lock, semaphore permit or condition
 * happens-before a subsequent acquisition of it; {@code Event.set()} happens-before the return of
 * the waits it ends; the actions of every party before a barrier happen-before the barrier's
 * action, which happens-before every party's return from it; and {@code Thread.start()} and
 * {@code join()} keep their JDK meaning.
 */
package io.bingfa.threading;

/**
 * jcstress tests for bingfa's primitives: each class races two actors through operations of a
 * {@code threading} or {@code queue} type, or of a {@code multiprocessing} type in shared memory
 * ({@code SharedValue}, {@code SharedArray}, {@code ProcessLock}; the same memory another JVM
 * would map), and lists every outcome the contract allows; anything
 * else is {@code FORBIDDEN}. {@code JcstressTest} (in the test sources) runs them all in a child
 * JVM and fails on a forbidden outcome, an error, or a test that did not run.
 *
 * <h2>Conventions</h2>
 * <ul>
 * <li>Outcomes are words ({@code "OK"}, {@code "SHUT"}, {@code "TIMEOUT"}, ...) or small numbers;
 *     the words are the constants of {@link io.bingfa.stress.Stress}, so a report reads as the
 *     story of the race.
 * <li>An actor never waits without a bound. A wait that the other actor is certain to end uses
 *     {@link io.bingfa.stress.Stress#PROMPT}; reaching it means a lost wake-up, and its outcome is
 *     forbidden. Tests whose point is a wait that only the other actor can end run in
 *     {@code Mode.Termination}, where jcstress reports a wait that never ends as {@code STALE}.
 * <li>Actors of the default mode do not declare checked exceptions (jcstress's generated runners
 *     do not catch them): an expected exception becomes an outcome word, an unexpected one an
 *     error of the test. In {@code Mode.Termination} an exception is the {@code ERROR} outcome,
 *     which every such test forbids.
 * <li>jcstress runs at most one actor per CPU and skips tests with more actors than CPUs, and the
 *     suite must run on two; a race with a third party gets it from {@link io.bingfa.stress.ThirdActor}.
 * <li>jcstress builds the state objects on its own worker threads, so a constructor may lock a
 *     {@link io.bingfa.threading.Lock} (it has no owner) but never an
 *     {@link io.bingfa.threading.RLock}.
 * <li>Shared memory is a file and a mapping, far too costly per state (jcstress makes millions,
 *     thousands alive at once): a state borrows its object from {@link io.bingfa.stress.Stress}'s
 *     {@code SharedPool} or its slots from {@code SharedSlots} in its constructor and gives them
 *     back in its arbiter, which jcstress runs for every state it builds.
 * </ul>
 */
package io.bingfa.stress;

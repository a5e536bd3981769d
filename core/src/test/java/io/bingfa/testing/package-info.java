/**
 * Test support shared by every module's tests: {@link io.bingfa.testing.TestThreads} (the threads
 * of one test, always joined, their failures rethrown in the test thread) and
 * {@link io.bingfa.testing.Waits} (waiting for a state with a deadline instead of sleeping, and
 * tolerant timing assertions). It depends only on the root package {@code io.bingfa}, so any
 * package's tests may use it.
 */
package io.bingfa.testing;

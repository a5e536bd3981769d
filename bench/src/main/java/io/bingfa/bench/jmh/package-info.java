/**
 * JMH benchmarks of the primitives, bingfa beside its JDK peer: run them with {@code ./bingfa jmh}
 * (org.openjdk.jmh.Main on the bench class path), for example
 * {@code ./bingfa jmh -f 1 -wi 2 -i 3 -w 1s -r 1s UncontendedLocks}. Scores are nanoseconds per operation.
 */
package io.bingfa.bench.jmh;

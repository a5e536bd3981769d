/**
 * bingfa (并发, "concurrency"): Python's concurrency model for the JVM.
 *
 * <p>One package per Python module: {@link io.bingfa.threading} ({@code threading}),
 * {@link io.bingfa.queue} ({@code queue}), and the modules that build on them. This root package
 * holds the functional shapes every module takes: {@link io.bingfa.Task}, {@link io.bingfa.Action},
 * {@link io.bingfa.TaskFunction} and their serialisable variants.
 *
 * <h2 id="conventions">Conventions</h2>
 * Timeouts are {@link java.time.Duration}s; a negative one is an {@link IllegalArgumentException}
 * (Python's {@code ValueError}) and {@link java.time.Duration#ZERO} means "do not wait". Every call
 * that can block throws {@link InterruptedException} and clears the interrupt status. Python's
 * {@code RuntimeError} for misusing a lock is {@link IllegalMonitorStateException}, with CPython's
 * message where it has one.
 */
package io.bingfa;

/**
 * Python's {@code concurrent.futures}: {@link io.bingfa.futures.Future}, the
 * {@link io.bingfa.futures.Executor} interface (whose {@code map} returns a
 * {@link io.bingfa.futures.MapIterator}), {@link io.bingfa.futures.ThreadPoolExecutor} (on
 * platform or virtual threads, optionally sized from measurement with
 * {@link io.bingfa.futures.PoolSizing}), and the module functions
 * {@link io.bingfa.futures.Futures#wait} and {@link io.bingfa.futures.Futures#asCompleted}.
 *
 * <table class="striped">
 * <caption>Python names</caption>
 * <tr><th>Python</th><th>bingfa</th></tr>
 * <tr><td>{@code Future}</td><td>{@link io.bingfa.futures.Future}, {@link io.bingfa.futures.SettableFuture}</td></tr>
 * <tr><td>{@code Executor}, {@code ThreadPoolExecutor}</td><td>{@link io.bingfa.futures.Executor}, {@link io.bingfa.futures.ThreadPoolExecutor}</td></tr>
 * <tr><td>{@code wait}, {@code as_completed}</td><td>{@link io.bingfa.futures.Futures}</td></tr>
 * <tr><td>{@code CancelledError}, {@code TimeoutError}</td><td>{@link java.util.concurrent.CancellationException}, {@link java.util.concurrent.TimeoutException}
 *     (checked, from {@code result(Duration)}) or {@link io.bingfa.futures.FuturesTimeoutException} (unchecked, from iterations)</td></tr>
 * <tr><td>{@code InvalidStateError}, {@code BrokenExecutor}</td><td>{@link io.bingfa.futures.InvalidStateException}, {@link io.bingfa.futures.BrokenExecutorException}</td></tr>
 * </table>
 *
 * <h2 id="memory">Memory consistency effects</h2>
 * Completing a future ({@code setResult}, {@code setException}, a successful {@code cancel}) is a
 * release; every method that observes the future done ({@code isDone}, {@code result},
 * {@code get}, {@code exception}, {@code Futures.wait}, {@code asCompleted}, a done callback) is an
 * acquire of it. So actions before {@code submit} happen-before the task runs, and the task's
 * actions happen-before anything that sees its future done.
 */
package io.bingfa.futures;

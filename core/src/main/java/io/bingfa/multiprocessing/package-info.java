/**
 * Python's {@code multiprocessing} on the JVM: work in child JVMs that share nothing with the
 * parent unless it is passed explicitly, and a pool that survives its workers crashing.
 *
 * <table class="striped">
 * <caption>Python names</caption>
 * <tr><th>Python</th><th>bingfa</th></tr>
 * <tr><td>{@code Process}</td><td>{@link io.bingfa.multiprocessing.JvmProcess}</td></tr>
 * <tr><td>{@code current_process}, {@code parent_process}, {@code cpu_count}, {@code active_children}</td>
 *     <td>{@link io.bingfa.multiprocessing.Multiprocessing}</td></tr>
 * <tr><td>{@code Pipe}, {@code Connection}</td><td>{@link io.bingfa.multiprocessing.Pipe}, {@link io.bingfa.multiprocessing.Connection}</td></tr>
 * <tr><td>{@code Queue}, {@code JoinableQueue}</td><td>{@link io.bingfa.multiprocessing.ProcessQueue}, {@link io.bingfa.multiprocessing.JoinableProcessQueue}</td></tr>
 * <tr><td>{@code Pool}, {@code AsyncResult}</td><td>{@link io.bingfa.multiprocessing.Pool}, {@link io.bingfa.multiprocessing.AsyncResult}</td></tr>
 * <tr><td>{@code concurrent.futures.ProcessPoolExecutor}</td><td>{@link io.bingfa.multiprocessing.ProcessPoolExecutor}</td></tr>
 * <tr><td>{@code Value}, {@code Array}, {@code Lock}</td><td>{@link io.bingfa.multiprocessing.SharedValue}, {@link io.bingfa.multiprocessing.SharedArray}, {@link io.bingfa.multiprocessing.ProcessLock}</td></tr>
 * <tr><td>{@code Manager}, {@code BaseManager}</td><td>{@link io.bingfa.multiprocessing.Manager}</td></tr>
 * <tr><td>{@code AuthenticationError}</td><td>{@link io.bingfa.multiprocessing.AuthenticationException}</td></tr>
 * </table>
 *
 * <h2 id="model">The process model</h2>
 * A child is a new JVM started with this JVM's {@code java} binary and class path (CPython's
 * "spawn"; the JVM cannot fork). Its target, and everything the target captures, is serialised,
 * written to the child's stdin, and deserialised there: values are <em>copied</em>. A serialisable
 * lambda deserialises in the child because the class that wrote it is on the same class path.
 * The child's stdin stays open: when it ends the parent is gone, and the child exits, so no child
 * outlives its parent by more than a moment, even after kill -9. stdout and stderr belong to user
 * code and are copied to the parent's; bingfa's own traffic runs over Unix-domain sockets in a
 * private directory (loopback TCP where those are unavailable). See docs/multiprocessing.md.
 *
 * <h2 id="security">What crosses a process boundary</h2>
 * Every connection between processes starts with a mutual HMAC-SHA256 challenge on an auth key
 * (children inherit their parent's), before a byte of it is deserialised; deserialisation is
 * limited to the {@link io.bingfa.multiprocessing.AllowList}; frames have a size limit, and a
 * malformed frame closes that connection only. Servers bind to 127.0.0.1 unless told otherwise.
 *
 * <h2 id="memory">Memory consistency effects</h2>
 * Across processes there is no shared heap, so "happens-before" is about messages: everything a
 * process did before sending a value (starting a child with a target, {@code send} on a
 * connection, {@code put} on a process queue, a pool task returning its result) happens-before the
 * receiving process sees that value ({@code recv}, {@code get}, the result). Only
 * {@link io.bingfa.multiprocessing.SharedValue}, {@link io.bingfa.multiprocessing.SharedArray}
 * and {@link io.bingfa.multiprocessing.ProcessLock} are shared memory; their operations are
 * volatile reads, writes and atomic updates, as on {@link java.util.concurrent.atomic.AtomicLong}.
 */
package io.bingfa.multiprocessing;

/**
 * Python's {@code asyncio} core: an event loop per thread, tasks that never run at the same time,
 * cancellation delivered at await points. A task body is ordinary blocking-style Java
 * ({@link io.bingfa.asyncio.AsyncTask}); its await points are {@link io.bingfa.asyncio.Asyncio#sleep},
 * {@link io.bingfa.asyncio.Future#result()} and the waits of {@link io.bingfa.asyncio.Asyncio}.
 *
 * <table class="striped">
 * <caption>Python names</caption>
 * <tr><th>Python</th><th>Java</th></tr>
 * <tr><td>{@code asyncio.run(main())}</td><td>{@code EventLoop.run(main)} / {@code Asyncio.run(main)}</td></tr>
 * <tr><td>{@code get_running_loop()}, {@code current_task()}</td><td>{@code EventLoop.getRunningLoop()}, {@code Asyncio.currentTask()}</td></tr>
 * <tr><td>{@code create_task(coro, name=)}</td><td>{@code Asyncio.createTask(body, name)}, {@code loop.createTask}</td></tr>
 * <tr><td>{@code await fut}, {@code await task}</td><td>{@code fut.result()} in a task</td></tr>
 * <tr><td>{@code task.cancel(msg)}, {@code cancelling()}, {@code uncancel()}</td><td>same names</td></tr>
 * <tr><td>{@code call_soon}, {@code call_soon_threadsafe}, {@code call_later}, {@code call_at}, {@code time()}</td><td>{@code callSoon}, {@code callSoonThreadsafe}, {@code callLater(Duration, ..)}, {@code callAt(double, ..)}, {@code time()}</td></tr>
 * <tr><td>{@code run_in_executor(ex, fn)}</td><td>{@code loop.runInExecutor(executor or null, fn)}</td></tr>
 * <tr><td>{@code sleep}, {@code gather(return_exceptions=)}, {@code wait}, {@code as_completed}, {@code shield}</td><td>{@code Asyncio.sleep}, {@code gather(..)} / {@code gather(boolean, list)}, {@code wait(fs, timeout, ReturnWhen)}, {@code asCompleted}, {@code shield}</td></tr>
 * <tr><td>{@code wait_for(aw, t)}</td><td>{@code Asyncio.waitFor(future or body, Duration)} (3.12 semantics)</td></tr>
 * <tr><td>{@code async with timeout(t)}, {@code timeout_at(when)}</td><td>{@code Asyncio.timeout(d).call(body)}, {@code Asyncio.timeoutAt(when).call(body)}</td></tr>
 * <tr><td>{@code Lock}, {@code Event}, {@code Condition}, {@code Semaphore}, {@code BoundedSemaphore}, {@code Barrier}</td><td>same names in this package (loop-confined; {@code event.wait()} is {@code await()}, {@code cond.notify(n)} is {@code signal(n)})</td></tr>
 * <tr><td>{@code Queue}, {@code LifoQueue}, {@code PriorityQueue}, {@code QueueEmpty}, {@code QueueFull}, {@code QueueShutDown}</td><td>same names in this package; the exceptions are {@code io.bingfa.queue}'s</td></tr>
 * <tr><td>{@code CancelledError}, {@code TimeoutError}, {@code InvalidStateError}</td><td>{@code CancellationException}, {@code TimeoutException}, {@code InvalidStateException}</td></tr>
 * </table>
 *
 * <h2>Scheduler path</h2>
 * Each task is a virtual thread. With {@code --add-opens java.base/java.lang=ALL-UNNAMED} the loop's
 * own platform thread is the only carrier of its tasks ({@link io.bingfa.asyncio.SchedulerPath#LOOP_CARRIER});
 * otherwise tasks run on the default scheduler and the loop hands one baton to one task at a time
 * ({@link io.bingfa.asyncio.SchedulerPath#HANDOFF}). {@link io.bingfa.asyncio.EventLoop#defaultSchedulerPath()}
 * says which this JVM takes. On LOOP_CARRIER a task blocked in bingfa's blocking primitives
 * (a {@code threading.Lock}, a {@code queue.Queue}) parks only itself and the loop goes on; on HANDOFF
 * such a wait keeps the baton and stalls the loop (as it would in Python): use the await points or
 * {@code runInExecutor} there.
 *
 * <h2>Synchronisation primitives</h2>
 * The asyncio {@link io.bingfa.asyncio.Lock}, {@link io.bingfa.asyncio.Event},
 * {@link io.bingfa.asyncio.Condition}, {@link io.bingfa.asyncio.Semaphore},
 * {@link io.bingfa.asyncio.Barrier} and {@link io.bingfa.asyncio.Queue} are for the tasks of one loop:
 * each binds to the loop of its first use and throws {@link java.lang.IllegalStateException} when used
 * from another thread or loop. Their waits are await points (a task awaiting a future of the loop),
 * handed over in strict FIFO order; a cancelled waiter never swallows a release. Threads outside the
 * loop use {@code callSoonThreadsafe}, or the thread-safe {@code io.bingfa.threading} and
 * {@code io.bingfa.queue} classes.
 *
 * <h2>Memory consistency</h2>
 * Tasks of one loop never run at the same time, and everything a task or callback does before it
 * reaches an await point (or returns) happens-before whatever the next task or callback of that loop
 * does: loop-confined state needs no lock and no volatile. Actions before {@code callSoonThreadsafe}
 * happen-before the callback; actions before a future is completed happen-before its waiters resume
 * and its callbacks run. Threads outside the loop must use {@code callSoonThreadsafe} (or complete a
 * future) to hand data in.
 */
package io.bingfa.asyncio;

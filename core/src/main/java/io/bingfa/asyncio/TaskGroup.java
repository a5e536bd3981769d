package io.bingfa.asyncio;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;

/**
 * Python 3.11's {@code asyncio.TaskGroup} ({@code async with asyncio.TaskGroup() as tg:}): a scope
 * whose end waits until every task created in it has ended.
 *
 * <p>As with {@link Timeout}, Java's {@code close()} cannot see the exception leaving a
 * try-with-resources block, so the scope is entered by {@link #call(Body)}, or
 * {@link #run(Body)} for a new group:
 * <pre>{@code
 * TaskGroup.run(tg -> {
 *     Task<Integer> a = tg.createTask(() -> fetch("a"));
 *     Task<Integer> b = tg.createTask(() -> fetch("b"));
 *     return null;
 * });                       // both have ended here
 * }</pre>
 *
 * <h2>Rules</h2>
 * <ul>
 * <li>The end of the scope is an await point: the body's task waits there until every child has
 *     ended.
 * <li>The first child that fails (an exception other than {@link CancellationException}) cancels
 *     every other child and the body's task itself; that cancellation is taken back
 *     ({@link Task#uncancel()}) at the end of the scope, so the code after the scope runs normally.
 * <li>A body that throws cancels every child.
 * <li>Cancelling the body's task (from outside) cancels every child; the scope then ends with the
 *     {@link CancellationException}, unless there are failures to report.
 * <li>Failures (of children, and of the body unless it is a CancellationException) are thrown
 *     together as one {@link ExceptionGroup} ("unhandled errors in a TaskGroup"), in the order they
 *     happened, each one also a suppressed exception of the group. A cancelled child is not a
 *     failure.
 * <li>An {@link Error} (Java's counterpart of Python's {@code BaseException}s such as
 *     {@code KeyboardInterrupt} and {@code SystemExit}, which CPython lets out bare) from the body or
 *     a child is thrown as it is, after every child has ended.
 * </ul>
 *
 * <h2>States</h2>
 * <pre>
 *   NEW --call()--> ENTERED --body ends--> EXITING (waits for the children) --last child ends--> FINISHED
 *                   ENTERED --a child fails / the body throws / the task is cancelled--> ABORTING (children cancelled)
 * </pre>
 * {@link #createTask} works in ENTERED and in EXITING while children remain; it throws
 * {@link IllegalStateException} before entry ("has not been entered"), when ABORTING ("is shutting
 * down") and when FINISHED ("is finished"). Entering twice throws "has already been entered";
 * entering outside a task throws "cannot determine the parent task".
 *
 * <p>{@code toString()}: {@code TaskGroup[tasks=2 errors=1 cancelling entered]}. Loop context only;
 * see {@link Task} for memory consistency effects.
 */
/*
 * A port of CPython's taskgroups.py state (entered/exiting/aborting flags, the set of live tasks,
 * the error list, the "base error", and a future the exit awaits until the set is empty). Children
 * report through done callbacks, which run on the loop, so every field is loop-confined.
 */
public final class TaskGroup {

    /** The body of a task group: runs in the current task with the group to create tasks in. */
    @FunctionalInterface
    public interface Body<T> {
        /** Runs the body; its await points are those of the package. */
        T call(TaskGroup group) throws Exception;
    }

    private boolean entered;
    private boolean exiting;
    private boolean aborting;
    private Task<?> parent;
    private boolean parentCancelRequested;
    private final Set<Task<?>> tasks = new LinkedHashSet<>();
    private List<Throwable> errors = new ArrayList<>();
    private Throwable baseError;
    private Future<Void> onCompleted;

    /** A group not entered yet. */
    public TaskGroup() {}

    /** {@code new TaskGroup().call(body)}: runs {@code body} in a new group. */
    public static <T> T run(Body<T> body) throws Exception {
        return new TaskGroup().call(body);
    }

    /**
     * Runs {@code body} in this group in the current task, then waits until every task of the group
     * has ended, and returns the body's result.
     *
     * @throws ExceptionGroup if the body or any child failed (see the class documentation)
     * @throws CancellationException if the task was cancelled and nothing failed
     * @throws IllegalStateException if entered twice or outside a task
     */
    public <T> T call(Body<T> body) throws Exception {
        enter();
        T value;
        try {
            value = body.call(this);
        } catch (Throwable t) {
            exit(t);
            return null; // the cancellation was taken back and nothing failed
        }
        exit(null);
        return value;
    }

    /**
     * Creates a task of the group running {@code body} (Python's {@code tg.create_task(coro)});
     * never waits.
     *
     * @throws IllegalStateException if the group has not been entered, is shutting down or is finished
     */
    public <T> Task<T> createTask(AsyncTask<T> body) {
        return createTask(body, null);
    }

    /** {@link #createTask(AsyncTask)} with a name ({@code null}: {@code Task-N}). */
    public <T> Task<T> createTask(AsyncTask<T> body, String name) {
        if (!entered) {
            throw new IllegalStateException("TaskGroup " + this + " has not been entered");
        }
        if (exiting && tasks.isEmpty()) {
            throw new IllegalStateException("TaskGroup " + this + " is finished");
        }
        if (aborting) {
            throw new IllegalStateException("TaskGroup " + this + " is shutting down");
        }
        Task<T> task = parent.loop.createTask(body, name);
        tasks.add(task);
        task.addDoneCallback(f -> onTaskDone(task));
        return task;
    }

    private void enter() {
        if (entered) {
            throw new IllegalStateException("TaskGroup " + this + " has already been entered");
        }
        Task<?> t = Task.current();
        if (t == null) {
            throw new IllegalStateException("TaskGroup " + this + " cannot determine the parent task");
        }
        parent = t;
        entered = true;
    }

    /** CPython's {@code __aexit__}: returns normally only if there is nothing to throw. */
    private void exit(Throwable exc) throws Exception {
        exiting = true;
        if (exc != null && isBaseError(exc) && baseError == null) {
            baseError = exc;
        }
        CancellationException propagate = exc instanceof CancellationException c ? c : null;
        if (exc != null && !aborting) {
            abort(); // the task is being cancelled, or the body failed
        }
        while (!tasks.isEmpty()) { // a loop: the wait may be cancelled more than once
            if (onCompleted == null) {
                onCompleted = parent.loop.createFuture();
            }
            try {
                parent.awaitFuture(onCompleted, -1L);
                onCompleted.outcome();
            } catch (CancellationException ex) {
                if (!aborting) { // the task is cancelled from outside while the children run
                    propagate = ex;
                    abort();
                }
            }
            onCompleted = null;
        }
        if (baseError != null) {
            throw sneaky(baseError);
        }
        if (parentCancelRequested && parent.uncancel() == 0) {
            propagate = null; // the cancellation was ours: take it back
        }
        if (propagate != null && errors.isEmpty()) {
            throw propagate;
        }
        if (exc != null && !(exc instanceof CancellationException)) {
            errors.add(exc);
        }
        if (!errors.isEmpty()) {
            ExceptionGroup group = new ExceptionGroup("unhandled errors in a TaskGroup", errors);
            errors = null;
            throw group;
        }
    }

    private static boolean isBaseError(Throwable t) {
        return t instanceof Error;
    }

    private static Exception sneaky(Throwable t) {
        if (t instanceof Error e) {
            throw e;
        }
        return (Exception) t;
    }

    private void abort() {
        aborting = true;
        for (Task<?> t : List.copyOf(tasks)) {
            if (!t.isDone()) {
                t.cancel();
            }
        }
    }

    /** A child ended. Runs on the loop. */
    private void onTaskDone(Task<?> task) {
        tasks.remove(task);
        if (onCompleted != null && tasks.isEmpty() && !onCompleted.isDone()) {
            onCompleted.setResult(null);
        }
        if (task.isCancelled()) {
            return;
        }
        Throwable exc = task.failureNow();
        if (exc == null) {
            return;
        }
        errors.add(exc);
        if (isBaseError(exc) && baseError == null) {
            baseError = exc;
        }
        if (parent.isDone()) {
            Future.LOG.log(System.Logger.Level.ERROR,
                    "Task " + task + " has errored out but its parent task " + parent + " is already completed", exc);
            return;
        }
        if (!aborting && !parentCancelRequested) {
            // Cancel the body too, so that it stops what it awaits; exit() takes the cancel back.
            abort();
            parentCancelRequested = true;
            parent.cancel();
        }
    }

    /** Shows the state: {@code TaskGroup[tasks=2 errors=1 cancelling entered]}. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("TaskGroup[");
        List<String> info = new ArrayList<>();
        if (!tasks.isEmpty()) {
            info.add("tasks=" + tasks.size());
        }
        if (errors != null && !errors.isEmpty()) {
            info.add("errors=" + errors.size());
        }
        if (aborting) {
            info.add("cancelling");
        } else if (entered) {
            info.add("entered");
        }
        return s.append(String.join(" ", info)).append(']').toString();
    }
}

package io.bingfa.multiprocessing;

/**
 * A pool task was running in a worker process that died before answering: killed by a signal
 * ({@code kill -9}, the OOM killer), {@code System.exit} in the task, a JVM crash. {@link Pool}
 * fails exactly the task that was running on that worker with it, starts a replacement worker and
 * goes on with everything else (CPython's {@code multiprocessing.Pool} hangs instead: gh-66587).
 * {@link ProcessPoolExecutor} follows CPython and breaks; this exception is then the cause of each
 * future's {@link io.bingfa.futures.BrokenExecutorException}.
 *
 * <p>Unchecked: it reaches callers as the cause of the {@link java.util.concurrent.CompletionException}
 * that {@link AsyncResult#get()} and {@link Pool#apply} throw.
 */
public class WorkerCrashedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String workerName;
    private final long pid;
    private final int exitCode;

    WorkerCrashedException(String message, String workerName, long pid, int exitCode) {
        super(message);
        this.workerName = workerName;
        this.pid = pid;
        this.exitCode = exitCode;
    }

    /** Returns the name of the worker process that died, e.g. {@code Process-3}. */
    public String workerName() {
        return workerName;
    }

    /** Returns the operating-system process id of the worker that died. */
    public long pid() {
        return pid;
    }

    /**
     * Returns the worker's exit code, as {@link JvmProcess#exitCode()} reports it: {@code -9}
     * after SIGKILL, {@code n} after {@code System.exit(n)}.
     */
    public int exitCode() {
        return exitCode;
    }
}

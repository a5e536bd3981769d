package io.bingfa.futures;

import io.bingfa.Action;
import io.bingfa.SerializableAction;
import io.bingfa.multiprocessing.ProcessPoolExecutor;
import io.bingfa.testing.ChildJvms;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The executor contract for a {@link ProcessPoolExecutor}. The contract's tasks are plain
 * {@code Task} lambdas that share in-JVM state with the test (an {@code Event}, an
 * {@code AtomicInteger}, a {@code CountDownLatch}, a {@code ThreadLocal}); a process pool copies
 * every task to a child JVM, refuses a task that is not serialisable, and could not share that
 * state anyway. Those cases are disabled here, each saying where its process version lives
 * ({@code io.bingfa.multiprocessing.ProcessPoolExecutorTest}); the cases that do not depend on
 * running a task run as they are.
 */
class ProcessPoolExecutorContractTest extends BaseExecutorContractTest {
    private static final String COPIED = "the contract submits non-serialisable Task lambdas; a "
            + "process pool copies tasks to child JVMs and refuses them (IllegalArgumentException)";
    private static final String SHARED = "the task shares in-JVM state (Event/latch/counter) with "
            + "the test, which a child JVM cannot see";

    @RegisterExtension
    final ChildJvms children = new ChildJvms();

    @Override
    protected Executor create(int maxWorkers) {
        return new ProcessPoolExecutor(maxWorkers);
    }

    @Override
    protected Executor createWithInitializer(int maxWorkers, Action initializer) {
        if (!(initializer instanceof SerializableAction serializable)) {
            throw new IllegalArgumentException("initializer: not serialisable (expected: a SerializableAction)");
        }
        return ProcessPoolExecutor.builder().maxWorkers(maxWorkers).initializer(serializable).build();
    }

    @Override
    @Test
    @Disabled(COPIED + "; process version: ProcessPoolExecutorTest.submitAndMapRunInWorkerProcesses")
    void test_submit_returnsTheResult() {}

    @Override
    @Test
    @Disabled(COPIED + "; process version: ProcessPoolExecutorTest.submitAndMapRunInWorkerProcesses")
    void test_map_resultsInInputOrder() {}

    @Override
    @Test
    @Disabled(COPIED + "; process version: ProcessPoolExecutorTest.mapRaisesAtTheFailedPositionAndGoesOn")
    void test_map_exception_raisesAtItsPositionAndIterationContinues() {}

    @Override
    @Test
    @Disabled(COPIED + "; the map iterator is Executor's own, tested with threads")
    void test_map_timeout_from_callable_isThatItemsException() {}

    @Override
    @Test
    @Disabled(COPIED + "; " + SHARED + "; the map iterator is Executor's own, tested with threads")
    void test_map_timeout_measuredFromTheCallThenTheRestIsCancelled() {}

    @Override
    @Test
    @Disabled(COPIED + "; the map iterator is Executor's own, tested with threads")
    void test_map_close_endsTheIteration() {}

    @Override
    @Test
    @Disabled(COPIED + "; process version: ProcessPoolExecutorTest.shutdownDrainsTheQueueThenRefusesWork")
    void test_shutdown_race_issue12456_shutdownRightAfterABigMapDoesNotHang() {}

    @Override
    @Test
    @Disabled(COPIED + "; the parent keeps only the encoded bytes of a task, never the task")
    void test_no_stale_references_finishedCallsAreNotKept() {}

    @Override
    @Test
    @Disabled(COPIED + "; results are fresh copies, so the iterator's references are the only ones")
    void test_free_reference_mapDoesNotKeepYieldedResults() {}

    @Override
    @Test
    @Disabled(COPIED + "; process version: ProcessPoolExecutorTest.aWorkerExceptionComesBackWithItsTypeAndRemoteTraceback")
    void test_swallows_falsey_exceptions_anEmptyExceptionIsStillRaised() {}

    @Override
    @Test
    @Disabled(COPIED + "; process version: ProcessPoolExecutorTest.shutdownDrainsTheQueueThenRefusesWork")
    void test_hang_issue12364_shutdownDrainsTheQueue() {}

    @Override
    @Test
    @Disabled(COPIED + "; " + SHARED + "; process version: "
            + "ProcessPoolExecutorTest.shutdownWithCancelFuturesCancelsOnlyTheWorkNotStarted")
    void test_cancel_futures_cancelsOnlyWorkNotStarted() {}

    @Override
    @Test
    @Disabled(COPIED + "; " + SHARED)
    void test_hang_gh83386_shutdownWithoutWaitLetsTheRunningTaskFinish() {}

    @Override
    @Test
    @Disabled(COPIED + "; process version: ProcessPoolExecutorTest.cancelledFutureBeforeShutdownDoesNotHang")
    void test_hang_gh94440_cancelledFutureDoesNotHangShutdown() {}

    @Override
    @Test
    @Disabled(COPIED + "; the initializer sets a ThreadLocal of the test JVM; process version: "
            + "ProcessPoolExecutorTest.theInitializerRunsInEveryWorkerBeforeItsTasks")
    void test_initializer_runsInEveryWorkerBeforeItsTasks() {}

    @Override
    @Test
    @Disabled(COPIED + "; " + SHARED + "; process version: "
            + "ProcessPoolExecutorTest.aFailingInitializerBreaksTheExecutor")
    void test_failing_initializer_breaksThePool() {}

    @Override
    @Test
    @Disabled(COPIED + "; " + SHARED + "; process version: "
            + "ProcessPoolExecutorTest.shutdownWithCancelFuturesCancelsOnlyTheWorkNotStarted")
    void cancelledFutureNeverRuns() {}
}

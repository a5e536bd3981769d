package io.bingfa.futures;

import io.bingfa.Action;
import io.bingfa.SerializableAction;
import io.bingfa.multiprocessing.ProcessPoolExecutor;
import io.bingfa.testing.ChildJvms;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The executor contract for a {@link ProcessPoolExecutor}: every case whose tasks are
 * serialisable and share nothing with the test runs here as it does for the thread pools, the
 * tasks copied to worker JVMs. Five cases are disabled, each because its task shares in-JVM state
 * with the test (an {@code Event} the test sets, a latch, a counter) that a child JVM cannot see;
 * each names where its process version lives ({@code io.bingfa.multiprocessing.ProcessPoolExecutorTest}).
 */
class ProcessPoolExecutorContractTest extends BaseExecutorContractTest {
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
    @Disabled(SHARED + "; the map iterator is Executor's own, tested with threads")
    void test_map_timeout_measuredFromTheCallThenTheRestIsCancelled() {}

    @Override
    @Test
    @Disabled(SHARED + "; process version: "
            + "ProcessPoolExecutorTest.shutdownWithCancelFuturesCancelsOnlyTheWorkNotStarted")
    void test_cancel_futures_cancelsOnlyWorkNotStarted() {}

    @Override
    @Test
    @Disabled(SHARED)
    void test_hang_gh83386_shutdownWithoutWaitLetsTheRunningTaskFinish() {}

    @Override
    @Test
    @Disabled(SHARED + "; process version: "
            + "ProcessPoolExecutorTest.aFailingInitializerBreaksTheExecutor")
    void test_failing_initializer_breaksThePool() {}

    @Override
    @Test
    @Disabled(SHARED + "; process version: "
            + "ProcessPoolExecutorTest.shutdownWithCancelFuturesCancelsOnlyTheWorkNotStarted")
    void cancelledFutureNeverRuns() {}
}

package io.bingfa.futures;

import io.bingfa.Action;

/** The executor contract for a {@link ThreadPoolExecutor} on virtual threads. */
class ThreadPoolVirtualContractTest extends BaseExecutorContractTest {
    @Override
    protected Executor create(int maxWorkers) {
        return ThreadPoolExecutor.builder().maxWorkers(maxWorkers).virtualThreads(true).build();
    }

    @Override
    protected Executor createWithInitializer(int maxWorkers, Action initializer) {
        return ThreadPoolExecutor.builder().maxWorkers(maxWorkers).virtualThreads(true)
                .initializer(initializer).build();
    }
}

package io.bingfa.futures;

import io.bingfa.Action;

/** The executor contract for a {@link ThreadPoolExecutor} on platform threads. */
class ThreadPoolPlatformContractTest extends BaseExecutorContractTest {
    @Override
    protected Executor create(int maxWorkers) {
        return new ThreadPoolExecutor(maxWorkers);
    }

    @Override
    protected Executor createWithInitializer(int maxWorkers, Action initializer) {
        return ThreadPoolExecutor.builder().maxWorkers(maxWorkers).initializer(initializer).build();
    }
}

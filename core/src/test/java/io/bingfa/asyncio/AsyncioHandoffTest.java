package io.bingfa.asyncio;

/** The asyncio contract on the public-API path ({@link SchedulerPath#HANDOFF}): runs in every JVM. */
class AsyncioHandoffTest extends AbstractAsyncioTest {
    @Override
    SchedulerPath path() {
        return SchedulerPath.HANDOFF;
    }
}

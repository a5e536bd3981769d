package io.bingfa.asyncio;

/** The asyncio synchronisation contract on {@link SchedulerPath#HANDOFF}: runs in every JVM. */
class AsyncioSyncHandoffTest extends AbstractAsyncioSyncTest {
    @Override
    SchedulerPath path() {
        return SchedulerPath.HANDOFF;
    }
}

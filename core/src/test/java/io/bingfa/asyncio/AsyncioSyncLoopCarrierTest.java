package io.bingfa.asyncio;

/** The asyncio synchronisation contract on {@link SchedulerPath#LOOP_CARRIER} (see {@link OnLoopCarrier}). */
class AsyncioSyncLoopCarrierTest extends AbstractAsyncioSyncTest implements OnLoopCarrier {
    @Override
    SchedulerPath path() {
        return SchedulerPath.LOOP_CARRIER;
    }
}

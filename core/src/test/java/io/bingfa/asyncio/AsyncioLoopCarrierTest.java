package io.bingfa.asyncio;

/** The asyncio contract on {@link SchedulerPath#LOOP_CARRIER} (see {@link OnLoopCarrier}). */
class AsyncioLoopCarrierTest extends AbstractAsyncioTest implements OnLoopCarrier {
    @Override
    SchedulerPath path() {
        return SchedulerPath.LOOP_CARRIER;
    }
}

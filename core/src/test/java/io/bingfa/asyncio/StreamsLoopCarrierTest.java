package io.bingfa.asyncio;

/** The streams contract on {@link SchedulerPath#LOOP_CARRIER} (see {@link OnLoopCarrier}). */
class StreamsLoopCarrierTest extends AbstractStreamsTest implements OnLoopCarrier {
    @Override
    SchedulerPath path() {
        return SchedulerPath.LOOP_CARRIER;
    }
}

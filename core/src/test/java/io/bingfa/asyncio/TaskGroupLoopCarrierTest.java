package io.bingfa.asyncio;

/** The TaskGroup contract on {@link SchedulerPath#LOOP_CARRIER} (see {@link OnLoopCarrier}). */
class TaskGroupLoopCarrierTest extends AbstractTaskGroupTest implements OnLoopCarrier {
    @Override
    SchedulerPath path() {
        return SchedulerPath.LOOP_CARRIER;
    }
}

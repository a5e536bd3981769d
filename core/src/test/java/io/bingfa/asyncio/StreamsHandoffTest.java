package io.bingfa.asyncio;

/** The streams contract on {@link SchedulerPath#HANDOFF}. */
class StreamsHandoffTest extends AbstractStreamsTest {
    @Override
    SchedulerPath path() {
        return SchedulerPath.HANDOFF;
    }
}

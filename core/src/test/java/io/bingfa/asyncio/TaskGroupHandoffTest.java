package io.bingfa.asyncio;

/** The TaskGroup contract on {@link SchedulerPath#HANDOFF}: runs in every JVM. */
class TaskGroupHandoffTest extends AbstractTaskGroupTest {
    @Override
    SchedulerPath path() {
        return SchedulerPath.HANDOFF;
    }
}

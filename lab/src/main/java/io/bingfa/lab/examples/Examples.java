package io.bingfa.lab.examples;

import java.util.List;
import java.util.Optional;

/** Every example, in the order {@code example list} shows them (the course's order within a topic). */
public final class Examples {
    private static final List<Example> ALL = List.of(
            new ThreadStart(),
            new ThreadJoin(),
            new SharedData(),
            new ThreadInfo(),
            new DaemonThread(),
            new TwoDownloads(),
            new DownloadWindow(),
            new MutexCountdown(),
            new PosMachine(),
            new BankAccount(),
            new ListAppendLock(),
            new ListAppendRLock(),
            new ThreadLocalBalance(),
            new ThreadSubclassTiming(),
            new CarFactory(),
            new ProducerConsumer(),
            new QueueWorkers(),
            new WorkManager(),
            new ConditionDialogue(),
            new EventNetwork(),
            new DeadlockNoodles(),
            new ThreadPoolSubmit(),
            new ThreadPoolMap(),
            new ProcessCount(),
            new ProcessLifecycle(),
            new PoolApplyAsync(),
            new ProcessQueueExample(),
            new DistributedQueue(),
            new ProcessPipe(),
            new TwoDownloadsProcesses(),
            new PingPong(),
            new ParallelSum(),
            new EchoServerProcesses(),
            new EchoServerThreads(),
            new SubprocessExample(),
            new AsyncioHello(),
            new HeaderFetcher());

    private Examples() {}

    /** Every example. */
    public static List<Example> all() {
        return ALL;
    }

    /** The examples of one topic, in order. */
    public static List<Example> of(Topic topic) {
        return ALL.stream().filter(example -> example.topic() == topic).toList();
    }

    /** The example with this name, if there is one. */
    public static Optional<Example> find(String name) {
        return ALL.stream().filter(example -> example.name().equals(name)).findFirst();
    }

    /** The names of all examples. */
    public static List<String> names() {
        return ALL.stream().map(Example::name).toList();
    }
}

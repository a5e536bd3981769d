package io.bingfa.lab.experiments;

import java.util.List;
import java.util.Optional;

/** The lab's experiments, in the order {@code ./bingfa lab} runs them. */
public final class Experiments {
    private static final List<Experiment> ALL = List.of(
            new IoBound(), new CpuBound(), new SharedDataExperiment(), new PosExperiment(),
            new PoolSizingExperiment(), new ProducerConsumerExperiment(), new DeadlockExperiment(),
            new ThreadsVsProcesses(), new IoProcesses(), new ParallelSum(),
            new ConcurrentWaits(), new EchoModes());

    private Experiments() {}

    public static List<Experiment> all() {
        return ALL;
    }

    public static Optional<Experiment> find(String name) {
        return ALL.stream().filter(e -> e.name().equals(name)).findFirst();
    }

    public static List<String> names() {
        return ALL.stream().map(Experiment::name).toList();
    }
}

package io.bingfa.bench;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** The registry of side-by-side benchmarks, in the order {@code all} runs them. */
public final class Benchmarks {
    private static final List<Function<Boolean, Benchmark>> FACTORIES = List.of(
            LockUncontended::new,
            RLockUncontended::new,
            LockContended::new,
            QueueSpsc::new,
            QueueMpmc::new,
            ConditionPingpong::new,
            ThreadpoolTinyTasks::new,
            ThreadpoolMap::new,
            IoSleepers::new,
            BankRace::new,
            CpuThreadsVsProcesses::new,
            MpPoolApplyRoundtrip::new,
            MpPoolMapThroughput::new,
            MpPipeRoundtrip::new,
            MpQueueThroughput::new,
            ProcessStart::new,
            ParallelSum::new,
            AsyncioEcho::new,
            ThreadedEcho::new);

    private Benchmarks() {
    }

    /** Every benchmark, full size or ({@code quick}) about 10x smaller. */
    public static List<Benchmark> all(boolean quick) {
        return FACTORIES.stream().map(f -> f.apply(quick)).toList();
    }

    /** The names, in order. */
    public static List<String> names() {
        return all(true).stream().map(Benchmark::name).toList();
    }

    public static Optional<Benchmark> named(String name, boolean quick) {
        return all(quick).stream().filter(b -> b.name().equals(name)).findFirst();
    }
}

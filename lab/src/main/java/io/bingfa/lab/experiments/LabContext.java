package io.bingfa.lab.experiments;

import io.bingfa.lab.examples.Lang;
import java.io.PrintStream;
import java.util.Objects;

/**
 * What the experiments run with: the language, whether workloads are shrunk ({@code --quick}),
 * whether CPython twins run ({@code --python}), where the table goes (out) and where progress goes
 * (err).
 */
public final class LabContext {
    private final Lang lang;
    private final boolean quick;
    private final PythonTwin python;
    private final PrintStream out;
    private final PrintStream err;

    public LabContext(Lang lang, boolean quick, PythonTwin python, PrintStream out, PrintStream err) {
        this.lang = Objects.requireNonNull(lang, "lang");
        this.quick = quick;
        this.python = python;
        this.out = Objects.requireNonNull(out, "out");
        this.err = Objects.requireNonNull(err, "err");
    }

    public Lang lang() {
        return lang;
    }

    /** {@code en} or {@code zh}, in the run's language. */
    public String t(String en, String zh) {
        return lang.pick(en, zh);
    }

    /** Whether workloads are shrunk for CI. */
    public boolean quick() {
        return quick;
    }

    /** {@code full} normally, {@code quick} with {@code --quick}. */
    public int size(int full, int quick) {
        return this.quick ? quick : full;
    }

    /** {@code full} normally, {@code quick} with {@code --quick}. */
    public double size(double full, double quick) {
        return this.quick ? quick : full;
    }

    /** The CPython runner, or null when {@code --python} was not given. */
    public PythonTwin python() {
        return python;
    }

    public PrintStream out() {
        return out;
    }

    public PrintStream err() {
        return err;
    }

    /**
     * The system load average over the last minute (/proc/loadavg, or the OS bean), or -1 if unknown.
     */
    public static double loadAverage() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /**
     * A sentence warning that the machine was busy, when the load average exceeds the cores: CPU
     * figures are then shared with other programs. Empty otherwise.
     */
    public String busyWarning() {
        double load = loadAverage();
        int cores = Runtime.getRuntime().availableProcessors();
        if (load <= cores) {
            return "";
        }
        return t(" Note: the machine was busy (load average %.1f on %d cores), so other programs shared the CPUs and these CPU figures are noisier than usual; run it again on an idle machine.",
                " 注意：机器当时很忙（负载%.1f，%d核），其他程序也在占用CPU，这些CPU数字的噪声比平时大；请在空闲时再运行一次。").formatted(load, cores);
    }

    /** A progress line on stderr for a step named {@code label}, shown once it has run 1 s. */
    public Progress progress(String label) {
        return new Progress(err, label);
    }
}

package io.bingfa.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the lab's command line in this JVM with captured output, and checks that the run left no
 * thread behind.
 */
public final class LabRun {
    private LabRun() {}

    /** What a run printed and returned. */
    public record Result(int exit, String out, String err) {
        public List<String> lines() {
            return out.lines().toList();
        }

        /** The closing {@code result: ...} (or {@code 结果: ...}) line, without its prefix. */
        public String result() {
            List<String> lines = lines();
            assertTrue(!lines.isEmpty(), "no output\n" + both());
            String last = lines.get(lines.size() - 1);
            assertTrue(last.startsWith("result: ") || last.startsWith("结果: "),
                    "the last line is not a result line\n" + both());
            return last.substring(last.indexOf(": ") + 2);
        }

        /** The groups of a pattern that must match the result line. */
        public Matcher result(String regex) {
            Matcher m = Pattern.compile(regex).matcher(result());
            assertTrue(m.find(), "result line does not match " + regex + "\n" + both());
            return m;
        }

        /** How many lines are exactly {@code line}. */
        public long count(String line) {
            return lines().stream().filter(line::equals).count();
        }

        public String both() {
            return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    /** Runs the command line; fails if it leaves a thread running. */
    public static Result run(String... args) {
        Set<Thread> before = live();
        Result result = capture(args);
        List<String> left = new ArrayList<>();
        for (Thread thread : live()) {
            if (!before.contains(thread) && !jdkPoolThread(thread)) {
                left.add(thread.getName() + " (" + thread.getState() + ")");
            }
        }
        assertTrue(left.isEmpty(), "threads left behind: " + left + "\n" + result.both());
        return result;
    }

    /**
     * Runs the command line and captures what it printed, with no check on threads (for a run
     * beside a server the test itself keeps running).
     */
    public static Result capture(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            exit = Main.run(args, o, e);
        }
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Runs an example that must succeed: exit 0, nothing on stderr, a result line. */
    static Result example(String... args) {
        String[] full = new String[args.length + 1];
        full[0] = "example";
        System.arraycopy(args, 0, full, 1, args.length);
        Result result = run(full);
        assertEquals(0, result.exit(), result.both());
        assertEquals("", result.err(), result.both());
        result.result();
        return result;
    }

    /**
     * Daemon threads that belong to the JVM or to the library, not to the run: the JDK's shared
     * pools, idle for up to 60 s after their work (the "process reaper" threads, one per running
     * child process; the common ForkJoinPool's workers, where Process.onExit() completes; the
     * delay scheduler of the virtual-thread scheduler's pool, started by the first timed park; the
     * I/O pollers ("MasterPoller", "Read-Poller", "Write-Poller") that virtual threads' socket I/O
     * starts), a
     * Cleaner's thread, and bingfa's own service threads ("bingfa-*": this JVM's object server,
     * child-output pumps), which live as long as the JVM.
     */
    private static boolean jdkPoolThread(Thread thread) {
        String name = thread.getName();
        return thread.isDaemon() && (name.startsWith("process reaper")
                || name.startsWith("ForkJoinPool.commonPool-worker-") || name.startsWith("Cleaner-")
                || name.endsWith("-delayScheduler") || name.equals("MasterPoller")
                || name.endsWith("-Poller")
                || name.startsWith("bingfa-"));
    }

    private static Set<Thread> live() {
        Set<Thread> live = new HashSet<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.isAlive()) {
                live.add(thread);
            }
        }
        return live;
    }
}

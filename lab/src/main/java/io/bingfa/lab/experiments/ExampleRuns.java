package io.bingfa.lab.experiments;

import io.bingfa.lab.examples.Example;
import io.bingfa.lab.examples.ExampleContext;
import io.bingfa.lab.examples.ExampleOption;
import io.bingfa.lab.examples.ExampleRunner;
import io.bingfa.lab.examples.Examples;
import io.bingfa.lab.examples.Lang;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs one of the course's examples (the same program as {@code ./bingfa example NAME}) and captures it. */
final class ExampleRuns {
    private ExampleRuns() {}

    /** What an example printed, its exit code and how long it took. */
    record Run(int exit, String out, String err, double seconds) {
        /** The closing result line, without its prefix. */
        String result() {
            String last = "";
            for (String line : out.lines().toList()) {
                if (line.startsWith("result: ") || line.startsWith("结果: ")) {
                    last = line.substring(line.indexOf(": ") + 2);
                }
            }
            return last;
        }

        /** The first whole number after {@code label} in the result line. */
        int number(String regex) {
            Matcher m = Pattern.compile(regex).matcher(result());
            if (!m.find()) {
                throw new IllegalStateException("result line does not match " + regex + ": " + result() + "\n" + out + err);
            }
            return Integer.parseInt(m.group(1));
        }
    }

    /**
     * Runs example {@code name} with its defaults overridden by {@code options}.
     *
     * @throws IllegalStateException if it fails
     */
    static Run run(String name, Lang lang, double timeScale, Map<String, String> options) {
        Example example = Examples.find(name).orElseThrow();
        Map<String, String> all = new HashMap<>();
        for (ExampleOption o : example.options()) {
            all.put(o.name(), o.defaultValue());
        }
        all.putAll(options);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        long start = System.nanoTime();
        int exit;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            exit = ExampleRunner.run(example, new ExampleContext(o, lang, timeScale, 1, false, all), e);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Run run = new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), seconds);
        if (exit != 0) {
            throw new IllegalStateException("example " + name + " failed:\n" + run.out() + run.err());
        }
        return run;
    }
}

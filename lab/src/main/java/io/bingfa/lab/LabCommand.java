package io.bingfa.lab;

import io.bingfa.lab.examples.Lang;
import io.bingfa.lab.experiments.Experiment;
import io.bingfa.lab.experiments.Experiments;
import io.bingfa.lab.experiments.LabRunner;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code lab [NAME|list] [--quick] [--lang en|zh] [--python] [--out DIR]}: runs the lab's experiments
 * (all, or the one named), prints their figures as a table, and writes {@code lab-report/index.html}.
 */
final class LabCommand {
    private LabCommand() {}

    static int run(List<String> args, PrintStream out, PrintStream err) {
        boolean quick = false;
        boolean python = false;
        Lang lang = Lang.EN;
        Path dir = Path.of("lab-report");
        String name = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--help", "-h", "help" -> {
                    out.print(usage());
                    return 0;
                }
                case "--quick" -> quick = true;
                case "--python" -> python = true;
                case "--lang", "--out" -> {
                    if (i + 1 >= args.size()) {
                        return wrong(err, a + ": missing value");
                    }
                    String value = args.get(++i);
                    if (a.equals("--out")) {
                        dir = Path.of(value);
                    } else {
                        var parsed = Lang.parse(value);
                        if (parsed.isEmpty()) {
                            return wrong(err, "--lang: " + value + " (expected: en or zh)");
                        }
                        lang = parsed.get();
                    }
                }
                default -> {
                    if (a.startsWith("-")) {
                        return wrong(err, "unknown option: " + a);
                    }
                    if (name != null) {
                        return wrong(err, "one experiment at a time: " + name + ", " + a);
                    }
                    name = a;
                }
            }
        }
        if ("list".equals(name)) {
            for (Experiment e : Experiments.all()) {
                out.printf("  %-18s %s%n", e.name(), e.title(lang));
            }
            return 0;
        }
        List<Experiment> chosen = new ArrayList<>();
        if (name == null) {
            chosen.addAll(Experiments.all());
        } else {
            var e = Experiments.find(name);
            if (e.isEmpty()) {
                err.println("lab: unknown experiment: " + name + " (expected: one of " + String.join(", ", Experiments.names()) + ")");
                return 2;
            }
            chosen.add(e.get());
        }
        return LabRunner.run(chosen, lang, quick, python, dir, out, err);
    }

    private static int wrong(PrintStream err, String message) {
        err.println("lab: " + message);
        err.println();
        err.print(usage());
        return 2;
    }

    static String usage() {
        return """
                Usage: ./bingfa lab [NAME|list] [--quick] [--lang en|zh] [--python] [--out DIR]

                Runs the lab's experiments (all of them, or the one NAME), prints each measurement as a
                table row, and writes a report: DIR/index.html (default lab-report/) with one chart per
                experiment.

                  list           the experiments' names
                  --quick        shrink every workload (the whole lab in well under a minute)
                  --lang zh      the report and the console in Chinese
                  --python       also run the CPython twins (io-bound, cpu-bound, shared-data,
                                 threads-vs-processes, concurrent-waits)
                  --out DIR      where the report goes (default: lab-report)

                """ + wrap("Experiments: " + String.join(", ", Experiments.names()) + ".") + """

                Exit codes: 0 done, 1 an experiment failed, 2 a wrong command line.
                """;
    }

    /** {@code text} broken into lines of at most 96 characters, at spaces. */
    private static String wrap(String text) {
        StringBuilder out = new StringBuilder();
        int lineStart = 0;
        for (String word : text.split(" ")) {
            if (out.length() - lineStart + word.length() + 1 > 96 && out.length() > lineStart) {
                out.append('\n');
                lineStart = out.length();
            } else if (out.length() > lineStart) {
                out.append(' ');
            }
            out.append(word);
        }
        return out.toString();
    }
}

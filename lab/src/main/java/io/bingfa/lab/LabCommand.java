package io.bingfa.lab;

import io.bingfa.lab.examples.Lang;
import java.io.PrintStream;
import java.util.List;

/**
 * {@code lab}: the lab's experiments. They come in the next issue; until then {@code lab} says which
 * are planned and lists the examples by topic. It runs nothing and measures nothing.
 */
final class LabCommand {
    /** The experiments planned for the next issue: none of them exists yet. */
    static final List<String> PLANNED = List.of(
            "cpu-vs-io: CPU-bound and I/O-bound work on threads and on processes (course notes 000 §7.4)",
            "downloads and the 1..100000000 sum on processes vs threads (course notes 002)",
            "pool sizing: threads = cores * (cpu + wait) / cpu, measured (course notes 002 §5)");

    private LabCommand() {}

    static int run(List<String> args, PrintStream out, PrintStream err) {
        if (!args.isEmpty()) {
            String first = args.get(0);
            if (args.size() == 1 && (first.equals("--help") || first.equals("-h") || first.equals("help"))) {
                out.print(usage());
                return 0;
            }
            err.println("lab: the lab has no experiments yet, so it takes no arguments: " + String.join(" ", args));
            err.println();
            err.print(usage());
            return 2;
        }
        out.println("bingfa lab");
        out.println();
        out.println("No experiments yet: they come in the next issue. Planned:");
        for (String experiment : PLANNED) {
            out.println("  - " + experiment);
        }
        out.println();
        out.println("Until then, the course's examples, by topic (./bingfa example NAME, --lang zh for the Chinese):");
        Listing.print(out, Lang.EN, "  ");
        return 0;
    }

    static String usage() {
        return """
                Usage: ./bingfa lab [--help]

                The lab's experiments measure what the examples show. None exists yet: they come in the
                next issue. For now 'lab' lists the planned experiments and the examples by topic.
                """;
    }
}

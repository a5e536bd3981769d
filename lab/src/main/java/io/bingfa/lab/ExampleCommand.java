package io.bingfa.lab;

import io.bingfa.lab.examples.Example;
import io.bingfa.lab.examples.ExampleContext;
import io.bingfa.lab.examples.ExampleOption;
import io.bingfa.lab.examples.ExampleRunner;
import io.bingfa.lab.examples.Examples;
import io.bingfa.lab.examples.Lang;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/** {@code example list} and {@code example NAME [OPTIONS]}. */
final class ExampleCommand {
    private ExampleCommand() {}

    static int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.isEmpty()) {
            err.println("example: missing example name");
            err.println();
            err.print(usage());
            return 2;
        }
        String first = args.get(0);
        List<String> rest = args.subList(1, args.size());
        try {
            switch (first) {
                case "--help", "-h", "help" -> {
                    out.print(usage());
                    return 0;
                }
                case "list" -> {
                    Lang lang = ExampleArgs.parseLangOnly(rest, "example list");
                    out.println(lang.pick("The course's examples (./bingfa example NAME [--lang zh] [--time-scale F]):",
                            "课程示例（./bingfa example 名称 [--lang zh] [--time-scale F]）："));
                    Listing.print(out, lang, "");
                    return 0;
                }
                default -> {
                    return runOne(first, rest, out, err);
                }
            }
        } catch (UsageException e) {
            err.println("example: " + e.getMessage());
            return 2;
        }
    }

    private static int runOne(String name, List<String> args, PrintStream out, PrintStream err) throws UsageException {
        Optional<Example> found = Examples.find(name);
        if (found.isEmpty()) {
            err.println("example: unknown example: " + name);
            List<String> close = Listing.closest(name);
            if (!close.isEmpty()) {
                err.println("Did you mean: " + String.join(", ", close) + "?");
            }
            err.println("The examples are: " + String.join(", ", Examples.names()));
            err.println("(./bingfa example list describes them)");
            return 2;
        }
        Example example = found.get();
        ExampleArgs parsed;
        try {
            parsed = ExampleArgs.parse(example, args);
        } catch (UsageException e) {
            throw new UsageException(e.getMessage() + "\n(./bingfa example " + example.name() + " --help lists its options)");
        }
        if (parsed.help()) {
            out.print(help(example, parsed.lang()));
            return 0;
        }
        long seed = parsed.seed() != null ? parsed.seed() : new Random().nextLong();
        ExampleContext ctx = new ExampleContext(out, parsed.lang(), parsed.timeScale(), seed, parsed.color(),
                parsed.options());
        int code = ExampleRunner.run(example, ctx, err);
        out.flush();
        return code;
    }

    static String usage() {
        StringBuilder text = new StringBuilder();
        text.append("Usage: ./bingfa example list [--lang en|zh]\n");
        text.append("       ./bingfa example NAME [OPTIONS]\n\n");
        text.append("Runs one of the course's Python programs, written with bingfa. Each prints what the\n");
        text.append("Python version prints and ends with a 'result:' line.\n\n");
        text.append("Options of every example:\n");
        for (String[] option : ExampleArgs.COMMON) {
            text.append(String.format("  %-16s %s%n", option[0], option[1]));
        }
        text.append("\nAn example's own options: ./bingfa example NAME --help\n");
        return text.toString();
    }

    static String help(Example example, Lang lang) {
        StringBuilder text = new StringBuilder();
        text.append(example.name()).append(": ").append(example.description(lang)).append('\n');
        text.append(lang.pick("Topic: ", "主题：")).append(example.topic().title(lang)).append('\n');
        text.append(lang.pick("From the course notes: ", "出自课程笔记：")).append(example.origin()).append("\n\n");
        text.append("Usage: ./bingfa example ").append(example.name());
        for (ExampleOption option : example.options()) {
            text.append(" [").append(option.usage()).append(']');
        }
        text.append(" [--lang en|zh] [--time-scale F] [--seed N] [--color]\n");
        if (!example.options().isEmpty()) {
            text.append('\n').append(lang.pick("Options:", "选项：")).append('\n');
            for (ExampleOption option : example.options()) {
                String dflt = option.kind() == ExampleOption.Kind.FLAG || option.defaultValue().isEmpty() ? ""
                        : lang.pick(" (default: ", "（默认：") + option.defaultValue() + lang.pick(")", "）");
                text.append(String.format("  %-22s %s%s%n", option.usage(), lang.pick(option.en(), option.zh()), dflt));
            }
        }
        text.append('\n').append(lang.pick("Common options:", "通用选项：")).append('\n');
        for (String[] option : ExampleArgs.COMMON) {
            text.append(String.format("  %-22s %s%n", option[0], lang.pick(option[1], option[2])));
        }
        return text.toString();
    }
}

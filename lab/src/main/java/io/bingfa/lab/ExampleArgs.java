package io.bingfa.lab;

import io.bingfa.lab.examples.Example;
import io.bingfa.lab.examples.ExampleOption;
import io.bingfa.lab.examples.Lang;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The options after {@code example NAME}: the common ones ({@code --lang}, {@code --time-scale},
 * {@code --seed}, {@code --color}, {@code --help}) and the example's own. Values go after a space or
 * an equals sign: {@code --lang zh}, {@code --lang=zh}.
 *
 * @param lang the output language
 * @param timeScale the factor sleeps are multiplied by
 * @param seed the random seed, or {@code null} when not given
 * @param color whether to colour the output
 * @param help whether {@code --help} was given
 * @param options the example's options, every one, with defaults filled in
 */
record ExampleArgs(Lang lang, double timeScale, Long seed, boolean color, boolean help, Map<String, String> options) {

    /** The common options, for usage texts: name and value, English, Chinese. */
    static final List<String[]> COMMON = List.of(
            new String[] {"--lang en|zh", "print in English (the default) or in the course's Chinese",
                    "用英文（默认）或课程中的中文输出"},
            new String[] {"--time-scale F", "multiply every sleep by F (default 1.0; 0.1 runs ten times faster)",
                    "所有sleep乘以F（默认1.0；0.1即快十倍）"},
            new String[] {"--seed N", "seed of the random numbers (default: a new one each run)",
                    "随机数种子（默认每次不同）"},
            new String[] {"--color", "colour what the course colours with termcolor", "像课程中的termcolor一样输出颜色"},
            new String[] {"--help", "this example's description and options", "本示例的说明与选项"});

    /**
     * Parses the arguments after the example's name.
     *
     * @throws UsageException naming the bad argument and what was expected
     */
    static ExampleArgs parse(Example example, List<String> args) throws UsageException {
        Lang lang = Lang.EN;
        double timeScale = 1.0;
        Long seed = null;
        boolean color = false;
        boolean help = false;
        Map<String, String> options = new LinkedHashMap<>();
        for (ExampleOption option : example.options()) {
            options.put(option.name(), option.defaultValue());
        }
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("-")) {
                throw new UsageException("unexpected argument: " + arg + " (expected: options starting with --)");
            }
            String name = arg;
            String inlineValue = null;
            int eq = arg.indexOf('=');
            if (eq > 0) {
                name = arg.substring(0, eq);
                inlineValue = arg.substring(eq + 1);
            }
            switch (name) {
                case "--help", "-h" -> {
                    noValue(name, inlineValue);
                    help = true;
                }
                case "--color", "--colour" -> {
                    noValue(name, inlineValue);
                    color = true;
                }
                case "--lang" -> {
                    String value = inlineValue != null ? inlineValue : value(args, ++i, name);
                    lang = Lang.parse(value).orElseThrow(
                            () -> new UsageException("--lang: " + value + " (expected: en or zh)"));
                }
                case "--time-scale" -> {
                    String value = inlineValue != null ? inlineValue : value(args, ++i, name);
                    timeScale = timeScale(value);
                }
                case "--seed" -> {
                    String value = inlineValue != null ? inlineValue : value(args, ++i, name);
                    try {
                        seed = Long.parseLong(value);
                    } catch (NumberFormatException e) {
                        throw new UsageException("--seed: " + value + " (expected: a whole number)");
                    }
                }
                default -> {
                    ExampleOption option = find(example, name);
                    if (option.kind() == ExampleOption.Kind.FLAG) {
                        noValue(name, inlineValue);
                        options.put(option.name(), "true");
                    } else {
                        String value = inlineValue != null ? inlineValue : value(args, ++i, name);
                        String problem = option.check(value);
                        if (problem != null) {
                            throw new UsageException(problem);
                        }
                        options.put(option.name(), value);
                    }
                }
            }
        }
        return new ExampleArgs(lang, timeScale, seed, color, help, options);
    }

    /** Parses just {@code --lang} (for {@code example list}); anything else is an error. */
    static Lang parseLangOnly(List<String> args, String command) throws UsageException {
        Lang lang = Lang.EN;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String value;
            if (arg.startsWith("--lang=")) {
                value = arg.substring("--lang=".length());
            } else if (arg.equals("--lang")) {
                value = value(args, ++i, arg);
            } else {
                throw new UsageException(command + ": unexpected argument: " + arg + " (expected: --lang en|zh)");
            }
            lang = Lang.parse(value).orElseThrow(() -> new UsageException("--lang: " + value + " (expected: en or zh)"));
        }
        return lang;
    }

    private static ExampleOption find(Example example, String name) throws UsageException {
        for (ExampleOption option : example.options()) {
            if (("--" + option.name()).equals(name)) {
                return option;
            }
        }
        List<String> valid = new ArrayList<>();
        for (ExampleOption option : example.options()) {
            valid.add("--" + option.name());
        }
        valid.addAll(List.of("--lang", "--time-scale", "--seed", "--color", "--help"));
        throw new UsageException("unknown option for example " + example.name() + ": " + name
                + " (expected one of: " + String.join(", ", valid) + ")");
    }

    private static String value(List<String> args, int i, String name) throws UsageException {
        if (i >= args.size()) {
            throw new UsageException(name + ": missing value");
        }
        return args.get(i);
    }

    private static void noValue(String name, String inlineValue) throws UsageException {
        if (inlineValue != null) {
            throw new UsageException(name + "=" + inlineValue + ": " + name + " takes no value");
        }
    }

    private static double timeScale(String value) throws UsageException {
        double scale;
        try {
            scale = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new UsageException("--time-scale: " + value + " (expected: a number >= 0, such as 0.1)");
        }
        if (!(scale >= 0) || Double.isInfinite(scale)) {
            throw new UsageException("--time-scale: " + value + " (expected: a number >= 0, such as 0.1)");
        }
        return scale;
    }
}

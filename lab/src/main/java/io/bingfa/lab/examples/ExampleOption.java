package io.bingfa.lab.examples;

import java.util.List;
import java.util.Objects;

/**
 * An option one example takes besides the common ones ({@code --lang}, {@code --time-scale},
 * {@code --seed}, {@code --color}, {@code --help}): a flag such as {@code --no-lock}, a whole number
 * such as {@code --cars 10}, a choice such as {@code --mode lock}, or free text such as
 * {@code --host www.example.com}.
 *
 * @param name the option's name without the leading dashes, kebab-case
 * @param kind what value it takes
 * @param defaultValue the value when not given ({@code "false"} for a flag)
 * @param choices the allowed values of a {@link Kind#CHOICE}; for {@link Kind#TEXT} the one
 *     placeholder of the usage line ({@code NAME}); empty otherwise
 * @param en what it does, in English
 * @param zh what it does, in Chinese
 */
public record ExampleOption(String name, Kind kind, String defaultValue, List<String> choices,
        String en, String zh) {

    /** What value an option takes. */
    public enum Kind {
        /** No value: present or not. */
        FLAG,
        /** A whole number, at least 1. */
        COUNT,
        /** One of a fixed list of words. */
        CHOICE,
        /** Any non-blank text (a host name); the default may be empty, meaning "not given". */
        TEXT
    }

    /** Checks the parts. */
    public ExampleOption {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(defaultValue, "defaultValue");
        choices = List.copyOf(choices);
        Objects.requireNonNull(en, "en");
        Objects.requireNonNull(zh, "zh");
        if (kind == Kind.TEXT && choices.size() != 1) {
            throw new IllegalArgumentException("a text option has one placeholder, not " + choices);
        }
        if (kind == Kind.CHOICE && !choices.contains(defaultValue)) {
            throw new IllegalArgumentException("default: " + defaultValue + " (expected: one of " + choices + ")");
        }
    }

    /** A flag such as {@code --no-lock}. */
    public static ExampleOption flag(String name, String en, String zh) {
        return new ExampleOption(name, Kind.FLAG, "false", List.of(), en, zh);
    }

    /** A whole number such as {@code --cars 10}. */
    public static ExampleOption count(String name, int defaultValue, String en, String zh) {
        return new ExampleOption(name, Kind.COUNT, Integer.toString(defaultValue), List.of(), en, zh);
    }

    /** A choice such as {@code --mode lock}; the first choice is the default. */
    public static ExampleOption choice(String name, List<String> choices, String en, String zh) {
        return new ExampleOption(name, Kind.CHOICE, choices.get(0), choices, en, zh);
    }

    /**
     * Free text such as {@code --host www.example.com}; {@code defaultValue} may be empty (not given).
     *
     * @param placeholder the value's name in the usage line: {@code NAME}
     */
    public static ExampleOption text(String name, String placeholder, String defaultValue, String en, String zh) {
        return new ExampleOption(name, Kind.TEXT, defaultValue, List.of(placeholder), en, zh);
    }

    /**
     * How the option is written in a usage line: {@code --no-lock}, {@code --cars N},
     * {@code --mode condition|lock}, {@code --host NAME}.
     */
    public String usage() {
        return switch (kind) {
            case FLAG -> "--" + name;
            case COUNT -> "--" + name + " N";
            case CHOICE -> "--" + name + " " + String.join("|", choices);
            case TEXT -> "--" + name + " " + choices.get(0);
        };
    }

    /**
     * Checks a value given on the command line.
     *
     * @param value the value
     * @return an error message naming the bad value and what was expected, or {@code null} if fine
     */
    public String check(String value) {
        return switch (kind) {
            case FLAG -> null;
            case COUNT -> {
                try {
                    yield Integer.parseInt(value) >= 1 ? null : "--" + name + ": " + value + " (expected: a whole number >= 1)";
                } catch (NumberFormatException e) {
                    yield "--" + name + ": " + value + " (expected: a whole number >= 1)";
                }
            }
            case CHOICE -> choices.contains(value)
                    ? null
                    : "--" + name + ": " + value + " (expected: one of " + String.join(", ", choices) + ")";
            case TEXT -> value.isBlank() ? "--" + name + ": empty (expected: " + choices.get(0) + ")" : null;
        };
    }
}

package io.bingfa.lab.examples;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

/**
 * What an example runs with: where to print, in which language, how fast time passes, the random
 * numbers and its options.
 *
 * <p>Sleeps go through {@link #sleep(double)}, which multiplies them by the time scale
 * ({@code --time-scale}, 1.0 by default): {@code ctx.sleep(0.1)} is Python's {@code time.sleep(0.1)}
 * at scale 1, and a tenth of a millisecond at scale 0.001. Printing is line by line: each call prints
 * one whole line, so lines from different threads never mix, as with Python's {@code print}.
 */
public final class ExampleContext {
    private static final Map<String, String> ANSI = Map.of(
            "red", "\u001b[31m", "green", "\u001b[32m", "yellow", "\u001b[33m",
            "blue", "\u001b[34m", "magenta", "\u001b[35m", "cyan", "\u001b[36m");
    private static final String ANSI_RESET = "\u001b[0m";

    private final PrintStream out;
    private final Lang lang;
    private final double timeScale;
    private final long seed;
    private final boolean color;
    private final Map<String, String> options;
    private final Random random;

    /**
     * Creates a context.
     *
     * @param out where the example prints
     * @param lang the language it prints in
     * @param timeScale the factor every sleep is multiplied by, {@code >= 0}
     * @param seed the seed of the random numbers
     * @param color whether {@link #colored} adds terminal colours
     * @param options every option of the example, by name, with its default when not given
     */
    public ExampleContext(PrintStream out, Lang lang, double timeScale, long seed, boolean color,
            Map<String, String> options) {
        this.out = Objects.requireNonNull(out, "out");
        this.lang = Objects.requireNonNull(lang, "lang");
        if (!(timeScale >= 0) || Double.isInfinite(timeScale)) {
            throw new IllegalArgumentException("timeScale: " + timeScale + " (expected: a finite number >= 0)");
        }
        this.timeScale = timeScale;
        this.seed = seed;
        this.color = color;
        this.options = Map.copyOf(options);
        this.random = new Random(seed);
    }

    /** Where the example prints. */
    public PrintStream out() {
        return out;
    }

    /** The language the example prints in. */
    public Lang lang() {
        return lang;
    }

    /** Returns {@code en} or {@code zh}, whichever is the output language's. */
    public String text(String en, String zh) {
        return lang.pick(en, zh);
    }

    /**
     * Prints one line in the output language: {@code en} or {@code zh} formatted with {@code args}
     * ({@link String#format}), as Python's {@code print('%s is running' % name)}.
     */
    public void say(String en, String zh, Object... args) {
        out.println(String.format(text(en, zh), args));
    }

    /** Prints one line that is the same in both languages, formatted with {@code args}. */
    public void print(String format, Object... args) {
        out.println(args.length == 0 ? format : String.format(format, args));
    }

    /** Prints the closing {@code result: ...} line (in Chinese {@code 结果: ...}) that tests check. */
    public void result(String en, String zh, Object... args) {
        out.println(text("result: ", "结果: ") + String.format(text(en, zh), args));
    }

    /**
     * Sleeps {@code seconds} times the time scale: Python's {@code time.sleep(seconds)}.
     *
     * @throws InterruptedException if interrupted while sleeping
     */
    public void sleep(double seconds) throws InterruptedException {
        sleep(seconds(seconds));
    }

    /**
     * Sleeps {@code duration} times the time scale.
     *
     * @throws InterruptedException if interrupted while sleeping
     */
    public void sleep(Duration duration) throws InterruptedException {
        Duration scaled = scaled(duration);
        if (scaled.isZero()) {
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            Thread.yield();
        } else {
            Thread.sleep(scaled);
        }
    }

    /** {@code duration} times the time scale: for timeouts, such as Python's {@code e.wait(0.5)}. */
    public Duration scaled(Duration duration) {
        return Duration.ofNanos(Math.round(duration.toNanos() * timeScale));
    }

    /** {@code seconds} times the time scale, as a duration. */
    public Duration scaled(double seconds) {
        return scaled(seconds(seconds));
    }

    /** The factor every sleep is multiplied by ({@code --time-scale}). */
    public double timeScale() {
        return timeScale;
    }

    /** Converts a measured duration back to the seconds it stands for at time scale 1. */
    public double unscaledSeconds(Duration measured) {
        double seconds = measured.toNanos() / 1e9;
        return timeScale == 0 ? seconds : seconds / timeScale;
    }

    /** The seed of the random numbers ({@code --seed}). */
    public long seed() {
        return seed;
    }

    /** The random numbers of the main thread, from the seed: Python's {@code random}. */
    public Random random() {
        return random;
    }

    /**
     * A random-number stream of its own for one thread, from the seed and the stream's name, so that
     * a fixed seed gives every thread the same numbers however the threads interleave.
     */
    public Random random(String stream) {
        long mixed = seed * 0x9E3779B97F4A7C15L + stream.hashCode();
        return new Random(mixed ^ (mixed >>> 29));
    }

    /** Whether a flag option was given. */
    public boolean flag(String name) {
        return Boolean.parseBoolean(option(name));
    }

    /** An option's value, or its default when not given. */
    public String option(String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException("option: " + name + " (expected: one of " + options.keySet() + ")");
        }
        return value;
    }

    /** A whole-number option's value. */
    public int count(String name) {
        return Integer.parseInt(option(name));
    }

    /**
     * The text in a terminal colour (termcolor's {@code colored}) when {@code --color} is given, the
     * text as it is otherwise.
     *
     * @param text what to colour
     * @param colour red, green, yellow, blue, magenta or cyan
     */
    public String colored(String text, String colour) {
        String code = ANSI.get(colour);
        return color && code != null ? code + text + ANSI_RESET : text;
    }

    private static Duration seconds(double seconds) {
        if (!(seconds >= 0) || Double.isInfinite(seconds)) {
            throw new IllegalArgumentException("seconds: " + seconds + " (expected: a finite number >= 0)");
        }
        return Duration.ofNanos(Math.round(seconds * 1e9));
    }
}

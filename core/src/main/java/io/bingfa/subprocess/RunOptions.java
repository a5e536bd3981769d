package io.bingfa.subprocess;

import io.bingfa.internal.Timeouts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The keyword arguments of Python's {@code subprocess.run} and {@code Popen}, immutable and
 * checked when built: {@code RunOptions.builder().captureOutput(true).check(true).build()}.
 *
 * <table class="striped">
 * <caption>Options</caption>
 * <tr><th>Python</th><th>bingfa</th><th>default</th></tr>
 * <tr><td>{@code stdin=}, {@code stdout=}, {@code stderr=}</td>
 *     <td>{@link Builder#stdin}, {@link Builder#stdout}, {@link Builder#stderr}</td><td>{@link Redirect#INHERIT}</td></tr>
 * <tr><td>{@code input=}</td><td>{@link Builder#input(byte[])}, {@link Builder#input(String)} (UTF-8); implies stdin PIPE</td><td>none</td></tr>
 * <tr><td>{@code capture_output=True}</td><td>{@link Builder#captureOutput(boolean)}: stdout and stderr PIPE</td><td>false</td></tr>
 * <tr><td>{@code check=True}</td><td>{@link Builder#check(boolean)}</td><td>false</td></tr>
 * <tr><td>{@code timeout=}</td><td>{@link Builder#timeout(Duration)}</td><td>none (wait for ever)</td></tr>
 * <tr><td>{@code cwd=}</td><td>{@link Builder#cwd(Path)}</td><td>this JVM's working directory</td></tr>
 * <tr><td>{@code env=}</td><td>{@link Builder#env(Map)} (replaces the environment)</td><td>this JVM's environment</td></tr>
 * <tr><td>{@code env={**os.environ, ...}}</td><td>{@link Builder#extraEnv(Map)}, {@link Builder#putEnv(String, String)}</td><td>none</td></tr>
 * </table>
 * There is no {@code shell=True}: pass {@code List.of("/bin/sh", "-c", command)}. There is no
 * {@code text=True} either: output is always bytes, and {@link CompletedProcess#stdoutText()}
 * decodes it.
 *
 * <p>{@link Popen} takes the redirections, {@code captureOutput}, {@code cwd} and the environment;
 * {@code input}, {@code check} and {@code timeout} belong to {@link Subprocess#run} (a
 * {@code Popen} passes them to {@link Popen#communicate(byte[], Duration)} instead).
 */
public final class RunOptions {
    private static final RunOptions DEFAULTS = builder().build();

    private final Redirect stdin;
    private final Redirect stdout;
    private final Redirect stderr;
    private final byte[] input;
    private final boolean captureOutput;
    private final boolean check;
    private final Duration timeout;
    private final Path cwd;
    private final Map<String, String> env;
    private final Map<String, String> extraEnv;

    private RunOptions(Builder b) {
        if (b.input != null && b.stdin != null) {
            throw new IllegalArgumentException("stdin and input arguments may not both be used.");
        }
        if (b.captureOutput && (b.stdout != null || b.stderr != null)) {
            throw new IllegalArgumentException(
                    "stdout and stderr arguments may not be used with capture_output.");
        }
        this.stdin = b.stdin == null ? null : b.stdin.checkFor("stdin");
        this.stdout = b.stdout == null ? null : b.stdout.checkFor("stdout");
        this.stderr = b.stderr == null ? null : b.stderr.checkFor("stderr");
        this.input = b.input;
        this.captureOutput = b.captureOutput;
        this.check = b.check;
        this.timeout = b.timeout;
        this.cwd = b.cwd;
        this.env = b.env == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(b.env));
        this.extraEnv = Collections.unmodifiableMap(new LinkedHashMap<>(b.extraEnv));
    }

    /** Returns the defaults: inherit all three streams, no input, no check, no timeout. */
    public static RunOptions defaults() {
        return DEFAULTS;
    }

    /** Returns a builder holding the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns a builder holding these options, to change some of them. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.stdin = stdin;
        b.stdout = stdout;
        b.stderr = stderr;
        b.input = input;
        b.captureOutput = captureOutput;
        b.check = check;
        b.timeout = timeout;
        b.cwd = cwd;
        b.env = env;
        b.extraEnv.putAll(extraEnv);
        return b;
    }

    /** Where stdin comes from: PIPE when there is input, else as set (default INHERIT). */
    public Redirect stdin() {
        return input != null ? Redirect.PIPE : stdin != null ? stdin : Redirect.INHERIT;
    }

    /** Where stdout goes: PIPE when capturing output, else as set (default INHERIT). */
    public Redirect stdout() {
        return captureOutput ? Redirect.PIPE : stdout != null ? stdout : Redirect.INHERIT;
    }

    /** Where stderr goes: PIPE when capturing output, else as set (default INHERIT). */
    public Redirect stderr() {
        return captureOutput ? Redirect.PIPE : stderr != null ? stderr : Redirect.INHERIT;
    }

    /** Returns {@code true} if stdout was set explicitly (for {@code checkOutput}). */
    boolean stdoutSet() {
        return stdout != null || captureOutput;
    }

    /** The bytes fed to stdin, or {@code null}; a copy. */
    public byte[] input() {
        return input == null ? null : input.clone();
    }

    byte[] inputNoCopy() {
        return input;
    }

    /** Returns {@code true} if stdout and stderr are captured. */
    public boolean captureOutput() {
        return captureOutput;
    }

    /** Returns {@code true} if a non-zero exit status throws {@link CalledProcessException}. */
    public boolean check() {
        return check;
    }

    /** The timeout of {@link Subprocess#run}, or {@code null} for none. */
    public Duration timeout() {
        return timeout;
    }

    /** The child's working directory, or {@code null} for this JVM's. */
    public Path cwd() {
        return cwd;
    }

    /** The environment that replaces this JVM's, or {@code null} to start from this JVM's. */
    public Map<String, String> env() {
        return env;
    }

    /** Variables set on top of the environment (this JVM's or {@link #env()}). */
    public Map<String, String> extraEnv() {
        return extraEnv;
    }

    /** Applies the redirections, directory and environment to {@code pb}. */
    void applyTo(ProcessBuilder pb) {
        pb.redirectInput(stdin().forInput());
        pb.redirectOutput(stdout().forOutput());
        if (stderr().kind() == Redirect.Kind.STDOUT) {
            pb.redirectErrorStream(true);
        } else {
            pb.redirectError(stderr().forOutput());
        }
        if (cwd != null) {
            pb.directory(cwd.toFile());
        }
        if (env != null) {
            pb.environment().clear();
            pb.environment().putAll(env);
        }
        pb.environment().putAll(extraEnv);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("RunOptions[stdin=").append(stdin())
                .append(", stdout=").append(stdout()).append(", stderr=").append(stderr());
        if (input != null) {
            s.append(", input=").append(input.length).append(" bytes");
        }
        if (check) {
            s.append(", check");
        }
        if (timeout != null) {
            s.append(", timeout=").append(timeout);
        }
        if (cwd != null) {
            s.append(", cwd=").append(cwd);
        }
        if (env != null) {
            s.append(", env=").append(env.size()).append(" variables");
        }
        if (!extraEnv.isEmpty()) {
            s.append(", extraEnv=").append(extraEnv.keySet());
        }
        return s.append(']').toString();
    }

    /** Builds {@link RunOptions}; each setter replaces the previous value. */
    public static final class Builder {
        private Redirect stdin;
        private Redirect stdout;
        private Redirect stderr;
        private byte[] input;
        private boolean captureOutput;
        private boolean check;
        private Duration timeout;
        private Path cwd;
        private Map<String, String> env;
        private final Map<String, String> extraEnv = new LinkedHashMap<>();

        private Builder() {}

        /** Where the child's stdin comes from (not {@link Redirect#STDOUT} or a write to a file). */
        public Builder stdin(Redirect redirect) {
            this.stdin = Objects.requireNonNull(redirect, "stdin").checkFor("stdin");
            return this;
        }

        /** Where the child's stdout goes (not {@link Redirect#STDOUT} or {@link Redirect#from}). */
        public Builder stdout(Redirect redirect) {
            this.stdout = Objects.requireNonNull(redirect, "stdout").checkFor("stdout");
            return this;
        }

        /** Where the child's stderr goes; {@link Redirect#STDOUT} merges it into stdout. */
        public Builder stderr(Redirect redirect) {
            this.stderr = Objects.requireNonNull(redirect, "stderr").checkFor("stderr");
            return this;
        }

        /** Feeds {@code input} (copied) to the child's stdin, then closes it; implies stdin PIPE. */
        public Builder input(byte[] input) {
            this.input = Objects.requireNonNull(input, "input").clone();
            return this;
        }

        /** Feeds {@code input} encoded as UTF-8 to the child's stdin, then closes it. */
        public Builder input(String input) {
            this.input = Objects.requireNonNull(input, "input").getBytes(StandardCharsets.UTF_8);
            return this;
        }

        /** Captures stdout and stderr separately (both PIPE): Python's {@code capture_output}. */
        public Builder captureOutput(boolean captureOutput) {
            this.captureOutput = captureOutput;
            return this;
        }

        /** Makes a non-zero exit status throw {@link CalledProcessException}. */
        public Builder check(boolean check) {
            this.check = check;
            return this;
        }

        /**
         * Limits {@link Subprocess#run}: when it runs out the child is killed and
         * {@link TimeoutExpiredException} is thrown. {@code Duration.ZERO} expires at once.
         *
         * @throws IllegalArgumentException if {@code timeout} is negative
         */
        public Builder timeout(Duration timeout) {
            Timeouts.toNanos(timeout);
            this.timeout = timeout;
            return this;
        }

        /** Runs the child in {@code cwd}. */
        public Builder cwd(Path cwd) {
            this.cwd = Objects.requireNonNull(cwd, "cwd");
            return this;
        }

        /** Replaces the child's whole environment by {@code env} (copied): Python's {@code env=}. */
        public Builder env(Map<String, String> env) {
            Objects.requireNonNull(env, "env");
            env.forEach((k, v) -> {
                Objects.requireNonNull(k, "env key");
                Objects.requireNonNull(v, "env value");
            });
            this.env = new LinkedHashMap<>(env);
            return this;
        }

        /** Adds {@code vars} on top of the environment (this JVM's unless {@link #env} replaced it). */
        public Builder extraEnv(Map<String, String> vars) {
            Objects.requireNonNull(vars, "vars").forEach(this::putEnv);
            return this;
        }

        /** Sets one variable on top of the environment. */
        public Builder putEnv(String name, String value) {
            extraEnv.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * Returns the options.
         *
         * @throws IllegalArgumentException if both stdin and input were given ("stdin and input
         *     arguments may not both be used."), or captureOutput with stdout or stderr
         */
        public RunOptions build() {
            return new RunOptions(this);
        }
    }
}

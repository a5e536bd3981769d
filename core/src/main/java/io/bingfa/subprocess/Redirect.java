package io.bingfa.subprocess;

import java.io.File;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a child's stdin, stdout or stderr goes: Python's {@code subprocess.PIPE},
 * {@code DEVNULL}, {@code STDOUT}, {@code None} (here {@link #INHERIT}) or a file.
 *
 * <table class="striped">
 * <caption>Redirections</caption>
 * <tr><th>Python</th><th>bingfa</th><th>stdin</th><th>stdout</th><th>stderr</th></tr>
 * <tr><td>{@code PIPE}</td><td>{@link #PIPE}</td><td>yes</td><td>yes</td><td>yes</td></tr>
 * <tr><td>{@code DEVNULL}</td><td>{@link #DEVNULL}</td><td>yes</td><td>yes</td><td>yes</td></tr>
 * <tr><td>{@code None} (the default)</td><td>{@link #INHERIT}</td><td>yes</td><td>yes</td><td>yes</td></tr>
 * <tr><td>{@code STDOUT}</td><td>{@link #STDOUT}</td><td>no</td><td>no</td><td>yes</td></tr>
 * <tr><td>{@code open(path, "rb")}</td><td>{@link #from(Path)}</td><td>yes</td><td>no</td><td>no</td></tr>
 * <tr><td>{@code open(path, "wb")}</td><td>{@link #to(Path)}</td><td>no</td><td>yes</td><td>yes</td></tr>
 * <tr><td>{@code open(path, "ab")}</td><td>{@link #appendTo(Path)}</td><td>no</td><td>yes</td><td>yes</td></tr>
 * </table>
 * A redirection used where the table says "no" is refused with an
 * {@link IllegalArgumentException} when the options are built.
 */
public final class Redirect {
    enum Kind { PIPE, DEVNULL, INHERIT, STDOUT, READ, WRITE, APPEND }

    /** A new pipe to this JVM: Python's {@code subprocess.PIPE}. */
    public static final Redirect PIPE = new Redirect(Kind.PIPE, null);
    /** The null device: Python's {@code subprocess.DEVNULL}. */
    public static final Redirect DEVNULL = new Redirect(Kind.DEVNULL, null);
    /** This JVM's own stream: Python's default {@code None}. */
    public static final Redirect INHERIT = new Redirect(Kind.INHERIT, null);
    /** For stderr only: wherever stdout goes, Python's {@code subprocess.STDOUT}. */
    public static final Redirect STDOUT = new Redirect(Kind.STDOUT, null);

    private final Kind kind;
    private final Path file;

    private Redirect(Kind kind, Path file) {
        this.kind = kind;
        this.file = file;
    }

    /** For stdin: read from {@code file}. */
    public static Redirect from(Path file) {
        return new Redirect(Kind.READ, Objects.requireNonNull(file, "file"));
    }

    /** For stdout or stderr: write to {@code file}, truncating it (created if missing). */
    public static Redirect to(Path file) {
        return new Redirect(Kind.WRITE, Objects.requireNonNull(file, "file"));
    }

    /** For stdout or stderr: append to {@code file} (created if missing). */
    public static Redirect appendTo(Path file) {
        return new Redirect(Kind.APPEND, Objects.requireNonNull(file, "file"));
    }

    Kind kind() {
        return kind;
    }

    boolean isPipe() {
        return kind == Kind.PIPE;
    }

    /** Checks that this redirection suits {@code stream} ("stdin", "stdout" or "stderr"). */
    Redirect checkFor(String stream) {
        boolean ok = switch (kind) {
            case PIPE, DEVNULL, INHERIT -> true;
            case STDOUT -> stream.equals("stderr");
            case READ -> stream.equals("stdin");
            case WRITE, APPEND -> !stream.equals("stdin");
        };
        if (!ok) {
            throw new IllegalArgumentException(stream + ": " + this + " (expected: "
                    + (stream.equals("stdin") ? "PIPE, DEVNULL, INHERIT or from(file)"
                            : stream.equals("stdout") ? "PIPE, DEVNULL, INHERIT, to(file) or appendTo(file)"
                            : "PIPE, DEVNULL, INHERIT, STDOUT, to(file) or appendTo(file)") + ")");
        }
        return this;
    }

    /** The JDK redirection for stdin. */
    ProcessBuilder.Redirect forInput() {
        return switch (kind) {
            case PIPE -> ProcessBuilder.Redirect.PIPE;
            case DEVNULL -> ProcessBuilder.Redirect.from(new File("/dev/null"));
            case INHERIT -> ProcessBuilder.Redirect.INHERIT;
            case READ -> ProcessBuilder.Redirect.from(file.toFile());
            default -> throw new IllegalArgumentException("stdin: " + this);
        };
    }

    /** The JDK redirection for stdout or stderr (STDOUT is handled by the caller). */
    ProcessBuilder.Redirect forOutput() {
        return switch (kind) {
            case PIPE -> ProcessBuilder.Redirect.PIPE;
            case DEVNULL -> ProcessBuilder.Redirect.DISCARD;
            case INHERIT -> ProcessBuilder.Redirect.INHERIT;
            case WRITE -> ProcessBuilder.Redirect.to(file.toFile());
            case APPEND -> ProcessBuilder.Redirect.appendTo(file.toFile());
            default -> throw new IllegalArgumentException("output: " + this);
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Redirect r && r.kind == kind && Objects.equals(r.file, file);
    }

    @Override
    public int hashCode() {
        return kind.hashCode() * 31 + Objects.hashCode(file);
    }

    /** {@code PIPE}, {@code DEVNULL}, {@code INHERIT}, {@code STDOUT}, {@code from(path)} ... */
    @Override
    public String toString() {
        return switch (kind) {
            case READ -> "from(" + file + ")";
            case WRITE -> "to(" + file + ")";
            case APPEND -> "appendTo(" + file + ")";
            default -> kind.name();
        };
    }
}

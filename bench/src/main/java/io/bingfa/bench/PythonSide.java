package io.bingfa.bench;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code python3 bench/python/NAME.py [--runs N] [--quick]} and reads its result line.
 * The interpreter is {@code -Dbingfa.python} if set, else {@code python3} on the PATH.
 */
final class PythonSide {
    static final String WORKLOAD_PREFIX = "# workload: ";
    private static final long TIMEOUT_SECONDS = 300;

    /** What the script printed: its value, its workload text and its other {@code #} lines. */
    record Result(double value, String workload, List<String> comments) {
    }

    private final Path scripts;
    private final String python;

    private PythonSide(Path scripts, String python) {
        this.scripts = scripts;
        this.python = python;
    }

    /**
     * The CPython side, or empty with the reason written to {@code whyNot} (python3 not found,
     * bench/python not found).
     */
    static Optional<PythonSide> find(Path home, StringBuilder whyNot) {
        Path scripts = home == null ? null : home.resolve("bench").resolve("python");
        if (scripts == null || !Files.isDirectory(scripts)) {
            whyNot.append("bench/python not found (run from the repository or set -Dbingfa.home)");
            return Optional.empty();
        }
        String configured = System.getProperty("bingfa.python");
        if (configured != null && !configured.isBlank()) {
            return Optional.of(new PythonSide(scripts, configured));
        }
        String path = System.getenv("PATH");
        for (String dir : path == null ? new String[0] : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "python3"))) {
                return Optional.of(new PythonSide(scripts, Path.of(dir, "python3").toString()));
            }
        }
        whyNot.append("python3 not found on the PATH");
        return Optional.empty();
    }

    /** The script for {@code name}, as a path relative to the repository root, for messages. */
    static String scriptName(String name) {
        return "bench/python/" + name + ".py";
    }

    /**
     * Runs the script and returns its result; a non-zero exit, a missing result line or a
     * timeout is a {@link CheckFailedException}. Unexpected output lines go to {@code diagnostics}.
     */
    Result run(String name, String unit, int runs, boolean quick, List<String> diagnostics) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                python, scripts.resolve(name + ".py").toString(), "--runs", Integer.toString(runs)));
        if (quick) {
            command.add("--quick");
        }
        Path output = Files.createTempFile("bingfa-bench-" + name, ".out");
        try {
            Process process = new ProcessBuilder(command)
                    .directory(scripts.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            process.getOutputStream().close();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new CheckFailedException(scriptName(name) + " did not finish in " + TIMEOUT_SECONDS + " s");
            }
            return parse(name, unit, process.exitValue(), Files.readAllLines(output, StandardCharsets.UTF_8),
                    diagnostics);
        } finally {
            Files.deleteIfExists(output);
        }
    }

    /** Reads the script's output lines; see {@link #run}. */
    static Result parse(String name, String unit, int exit, List<String> lines, List<String> diagnostics)
            throws CheckFailedException {
        String resultPrefix = name + " cpython ";
        String suffix = " " + unit;
        Double value = null;
        String workload = null;
        List<String> comments = new ArrayList<>();
        for (String line : lines) {
            if (line.startsWith(WORKLOAD_PREFIX)) {
                workload = line.substring(WORKLOAD_PREFIX.length());
            } else if (line.startsWith(resultPrefix) && line.endsWith(suffix)) {
                value = Double.valueOf(line.substring(resultPrefix.length(), line.length() - suffix.length()));
            } else if (line.startsWith("#")) {
                comments.add(line.substring(1).strip());
            } else {
                diagnostics.add(line);
            }
        }
        if (exit != 0) {
            String detail = comments.isEmpty() ? "" : ": " + comments.get(comments.size() - 1);
            throw new CheckFailedException(scriptName(name) + " exited with status " + exit + detail);
        }
        if (value == null || workload == null) {
            throw new CheckFailedException(scriptName(name) + " printed no '" + resultPrefix + "VALUE" + suffix
                    + "' line or no '" + WORKLOAD_PREFIX.strip() + "' line");
        }
        return new Result(value, workload, comments);
    }

    @Override
    public String toString() {
        return python;
    }
}

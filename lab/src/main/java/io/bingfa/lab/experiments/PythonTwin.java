package io.bingfa.lab.experiments;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the CPython twins of experiments 1-3 ({@code lab/python/*.py}, standard library only). Each
 * prints one line of flat JSON ({@code {"name": number, ...}}), which {@link #run} reads back.
 */
public final class PythonTwin {
    private static final Pattern PAIR = Pattern.compile("\"([^\"]+)\"\\s*:\\s*(-?[0-9.eE+-]+)");

    private final String python;
    private final Path dir;

    private PythonTwin(String python, Path dir) {
        this.python = python;
        this.dir = dir;
    }

    /**
     * Finds python3 on the PATH and the scripts' folder (lab/python under the project, found from the
     * current directory or the {@code bingfa.root} property), or says why not.
     *
     * @param why where the reason goes when there is no twin
     * @return the runner, or null
     */
    public static PythonTwin find(List<String> why) {
        String python = null;
        for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, "python3"))) {
                python = Path.of(d, "python3").toString();
                break;
            }
        }
        if (python == null) {
            why.add("python3 is not on the PATH");
            return null;
        }
        List<Path> candidates = new ArrayList<>();
        String root = System.getProperty("bingfa.root");
        if (root != null) {
            candidates.add(Path.of(root, "lab", "python"));
        }
        try {
            // lab/target/classes (or the lab jar in lab/target) -> lab/python
            Path code = Path.of(PythonTwin.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path p = code; p != null; p = p.getParent()) {
                candidates.add(p.resolve("python"));
            }
        } catch (java.net.URISyntaxException | RuntimeException unknown) {
            // fall back to the current directory
        }
        Path here = Path.of("").toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) {
            candidates.add(p.resolve("lab").resolve("python"));
            candidates.add(p.resolve("python"));
        }
        for (Path c : candidates) {
            if (Files.isRegularFile(c.resolve("io_bound.py"))) {
                return new PythonTwin(python, c);
            }
        }
        why.add("lab/python/*.py not found from " + here);
        return null;
    }

    /** The interpreter's version line. */
    public String version() {
        try {
            Map<String, Double> v = run("version.py", List.of(), 30);
            return String.format("CPython %d.%d.%d", v.get("major").intValue(), v.get("minor").intValue(),
                    v.get("micro").intValue());
        } catch (IOException | InterruptedException e) {
            return "CPython";
        }
    }

    /**
     * Runs {@code script} with {@code args} and returns the numbers of its JSON line.
     *
     * @throws IOException if it fails, prints no JSON, or runs longer than {@code timeoutSeconds}
     */
    public Map<String, Double> run(String script, List<String> args, int timeoutSeconds)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(python);
        command.add(dir.resolve(script).toString());
        command.addAll(args);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output;
        try (InputStream in = p.getInputStream()) {
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
                throw new IOException(script + ": still running after " + timeoutSeconds + " s");
            }
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (p.exitValue() != 0) {
            throw new IOException(script + " exited " + p.exitValue() + ": " + output.strip());
        }
        Map<String, Double> values = new LinkedHashMap<>();
        Matcher m = PAIR.matcher(output);
        while (m.find()) {
            values.put(m.group(1), Double.parseDouble(m.group(2)));
        }
        if (values.isEmpty()) {
            throw new IOException(script + " printed no figures: " + output.strip());
        }
        return values;
    }
}

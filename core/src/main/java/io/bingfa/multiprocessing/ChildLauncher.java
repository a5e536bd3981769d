package io.bingfa.multiprocessing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds the command line of a child JVM: this JVM's own {@code java} binary, this JVM's class
 * path in an {@code @argfile} (a long class path would not fit on a command line), the options
 * that make a worker JVM start fast and small, and bingfa's own settings.
 *
 * <p>Default options: {@code -XX:+UseSerialGC} (one GC thread, the smallest footprint; children
 * are many and small), {@code -XX:-UsePerfData} (no hsperfdata file, faster start),
 * Copied from this JVM: {@code -ea} if
 * assertions are on, and every {@code bingfa.*} system property, including the {@link AllowList}
 * patterns added at run time.
 */
final class ChildLauncher {
    static final List<String> DEFAULT_OPTIONS =
            List.of("-XX:+UseSerialGC", "-XX:-UsePerfData");

    private static volatile Path argFile;

    private ChildLauncher() {}

    static List<String> command(List<String> jvmOptions) {
        return command(jvmOptions, true);
    }

    static List<String> command(List<String> jvmOptions, boolean useAotCache) {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.add("@" + argFile());
        if (useAotCache && jvmOptions.stream().noneMatch(o -> o.startsWith("-XX:AOT")
                || o.startsWith("-XX:SharedArchiveFile") || o.startsWith("-Xshare"))) {
            command.addAll(AotCache.options());
        }
        for (String property : bingfaProperties()) {
            command.add(property);
        }
        command.add("-D" + AllowList.PROPERTY + "=" + AllowList.propertyValue());
        command.addAll(jvmOptions);
        command.add(ChildMain.class.getName());
        return command;
    }

    static String javaExecutable() {
        return ProcessHandle.current().info().command()
                .filter(c -> c.endsWith("java"))
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    private static List<String> bingfaProperties() {
        List<String> result = new ArrayList<>();
        for (Map.Entry<Object, Object> e : System.getProperties().entrySet()) {
            String key = String.valueOf(e.getKey());
            if (key.startsWith("bingfa.") && !key.equals(AllowList.PROPERTY)) {
                result.add("-D" + key + "=" + e.getValue());
            }
        }
        return result;
    }

    private static Path argFile() {
        Path file = argFile;
        if (file == null) {
            synchronized (ChildLauncher.class) {
                file = argFile;
                if (file == null) {
                    file = writeArgFile();
                    argFile = file;
                }
            }
        }
        return file;
    }

    private static Path writeArgFile() {
        List<String> lines = new ArrayList<>();
        lines.add("-cp");
        lines.add(quote(System.getProperty("java.class.path")));
        lines.addAll(DEFAULT_OPTIONS);
        if (assertionsEnabled()) {
            lines.add("-ea");
        }
        try {
            Path file = RuntimeDir.get().resolve("child.args");
            Files.write(file, lines, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the child JVM's argument file", e);
        }
    }

    private static boolean assertionsEnabled() {
        try {
            return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                    .anyMatch(a -> a.equals("-ea") || a.equals("-enableassertions"));
        } catch (RuntimeException | LinkageError noManagement) {
            return false;
        }
    }

    /** Quotes an @argfile token: inside double quotes, backslash and quote are escaped. */
    static String quote(String token) {
        return "\"" + token.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}

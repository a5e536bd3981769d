package io.bingfa.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./bingfa} launcher's JDK discovery, checked through {@code bingfa env}
 * (which never builds, so this test does not need Maven).
 */
class LauncherTest {

    private static final Pattern JDK_VERSION = Pattern.compile("(?m)^JDK version:\\s+\\S+ \\(major (\\d+)\\)");
    private static final Pattern JDK_HOME = Pattern.compile("(?m)^JDK:\\s+(.+)$");
    private static final String JDK17_BANNER = "#!/bin/sh\n"
            + "echo 'openjdk version \"17.0.2\" 2022-01-18' >&2\n"
            + "echo 'OpenJDK Runtime Environment (build 17.0.2+8-86)' >&2\n"
            + "echo 'OpenJDK 64-Bit Server VM (build 17.0.2+8-86, mixed mode, sharing)' >&2\n"
            + "exit 0\n";

    private static Path root;
    private static String bash;

    @TempDir
    Path tmp;

    record Result(int exit, String out, String err) {
        String both() {
            return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    @BeforeAll
    static void findLauncher() {
        assumeTrue(!System.getProperty("os.name", "").toLowerCase().startsWith("windows"),
                "the launcher is a bash script");
        Path dir = Paths.get("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("bingfa"))) {
            dir = dir.getParent();
        }
        assertNotNull(dir, "no bingfa script in " + Paths.get("").toAbsolutePath() + " or above");
        root = dir;
        bash = findBash();
        assumeTrue(bash != null, "bash not found");
    }

    /** An absolute path to bash, so that running it does not depend on the PATH a test gives the child. */
    private static String findBash() {
        String path = System.getenv("PATH");
        if (path != null) {
            for (String d : path.split(File.pathSeparator)) {
                Path b = Paths.get(d.isEmpty() ? "." : d, "bash");
                if (Files.isExecutable(b)) {
                    return b.toAbsolutePath().toString();
                }
            }
        }
        for (String b : List.of("/bin/bash", "/usr/bin/bash", "/usr/local/bin/bash")) {
            if (Files.isExecutable(Paths.get(b))) {
                return b;
            }
        }
        return null;
    }

    private Result env(Consumer<Map<String, String>> environment) throws IOException, InterruptedException {
        return launch(environment, "env");
    }

    /** Runs {@code bingfa ARGS} in the environment {@code environment} edits (commands that never build: env, help). */
    private Result launch(Consumer<Map<String, String>> environment, String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of(bash, root.resolve("bingfa").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.directory(tmp.toFile());
        environment.accept(pb.environment());
        Path out = Files.createTempFile(tmp, "out", ".txt");
        Path err = Files.createTempFile(tmp, "err", ".txt");
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.redirectOutput(out.toFile());
        pb.redirectError(err.toFile());
        Process p = pb.start();
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                fail("bingfa " + String.join(" ", args) + " did not finish in 60 s\n" + Files.readString(out) + Files.readString(err));
            }
            return new Result(p.exitValue(),
                    Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void helpListsTheEchoServersCommandsServeClientAndLoad() throws Exception {
        Result r = launch(e -> { }, "help");
        assertEquals(0, r.exit(), r.both());
        for (String line : List.of("  serve echo [--mode M]", "  client echo [ARGS...]", "  load echo [ARGS...]")) {
            assertTrue(r.out().contains(line), line + "\n" + r.both());
        }
        for (String command : List.of("serve", "client", "load")) {
            r = launch(e -> { }, "help", command);
            assertEquals(0, r.exit(), r.both());
            assertTrue(r.out().startsWith("Usage: ./bingfa " + command + " echo "), r.both());
        }
    }

    private static int reportedMajor(Result r) {
        Matcher m = JDK_VERSION.matcher(r.out());
        assertTrue(m.find(), "no 'JDK version:' line in\n" + r.both());
        return Integer.parseInt(m.group(1));
    }

    private static Path reportedHome(Result r) throws IOException {
        Matcher m = JDK_HOME.matcher(r.out());
        assertTrue(m.find(), "no 'JDK:' line in\n" + r.both());
        return Paths.get(m.group(1).trim()).toRealPath();
    }

    private static void script(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
        assertTrue(file.toFile().setExecutable(true), "chmod +x " + file);
    }

    /** A directory that looks like a JDK 17: a release file and bin/java, bin/javac stubs. */
    private Path fakeJdk17() throws IOException {
        Path home = Files.createDirectories(tmp.resolve("fake-jdk-17"));
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"Fake\"\nJAVA_VERSION=\"17.0.2\"\n");
        script(home.resolve("bin/java"), JDK17_BANNER);
        script(home.resolve("bin/javac"), "#!/bin/sh\necho 'javac 17.0.2'\n");
        return home;
    }

    @Test
    void envReportsJdk21OrNewerWithTheInheritedEnvironment() throws Exception {
        Result r = env(e -> { });
        assertEquals(0, r.exit(), r.both());
        int major = reportedMajor(r);
        assertTrue(major >= 21, "chose JDK " + major + "\n" + r.both());
        Path home = reportedHome(r);
        assertTrue(Files.isExecutable(home.resolve("bin/javac")), "not a JDK: " + home + "\n" + r.both());
    }

    @Test
    void envShowsTheJvmOptionsThatGiveAsyncioItsLoopCarrierPath() throws Exception {
        Result r = env(e -> e.put("BINGFA_JAVA_OPTS", "-Xmx512m"));
        assertEquals(0, r.exit(), r.both());
        assertTrue(r.out().contains("JVM options:  --add-opens java.base/java.lang=ALL-UNNAMED -Xmx512m"), r.both());
        assertTrue(r.out().contains("LOOP_CARRIER"), r.both());
    }

    @Test
    void envSkipsJavaHomeWhenItIsOlderThan21() throws Exception {
        Path fake = fakeJdk17();
        // The JDK running this test is 21+; put it first on PATH so the fallback has one to find
        // wherever the test runs (the install folders may hold none).
        String thisJdkBin = Paths.get(System.getProperty("java.home"), "bin").toString();
        Result r = env(e -> {
            e.put("JAVA_HOME", fake.toString());
            e.put("PATH", thisJdkBin + File.pathSeparator + e.getOrDefault("PATH", "/usr/bin:/bin"));
            e.remove("BINGFA_JDK_DIRS");
        });
        assertEquals(0, r.exit(), r.both());
        assertNotEquals(fake.toRealPath(), reportedHome(r), r.both());
        int major = reportedMajor(r);
        assertTrue(major >= 21, "chose JDK " + major + "\n" + r.both());
        assertTrue(r.out().contains(fake.toString()), "the skipped JAVA_HOME should be reported\n" + r.both());
    }

    @Test
    void envExitsWith2AndExplainsWhenNoJdk21OrNewerIsFound() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("no-jdks-here"));
        Path stubBin = tmp.resolve("stub/bin");
        script(stubBin.resolve("java"), JDK17_BANNER);
        Result r = env(e -> {
            e.remove("JAVA_HOME");
            e.put("BINGFA_JDK_DIRS", empty + File.pathSeparator + empty + "/*");
            // The stub comes first, so a real java in /usr/bin (17 or newer) is never the one on PATH.
            e.put("PATH", stubBin + File.pathSeparator + "/usr/bin" + File.pathSeparator + "/bin");
        });
        assertEquals(2, r.exit(), r.both());
        assertTrue(r.err().contains("21"), "stderr should say JDK 21 is needed\n" + r.both());
        assertTrue(r.err().contains("JAVA_HOME"), "stderr should mention JAVA_HOME\n" + r.both());
        assertTrue(r.err().contains("17.0.2"), "stderr should say what java on PATH is\n" + r.both());
    }
}

package io.bingfa.multiprocessing;

import io.bingfa.SerializableAction;
import java.io.DataOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * JDK 25's ahead-of-time cache for child JVMs: classes a child loads on its way to the target,
 * already parsed and linked, mapped at start-up (JEP 483/514). It takes a child from ~125 ms to
 * ~95 ms here (~75 ms with {@code -XX:TieredStopAtLevel=1}).
 *
 * <p>The cache is made lazily: the first time a JVM starts a child and no cache exists for this JDK
 * build and class path, a training child runs in the background with
 * {@code -XX:AOTCacheOutput} and the cache appears when it exits (about 1.5 s later); children
 * started meanwhile run without it. It lives in {@code ~/.cache/bingfa/aot/} (or
 * {@code $XDG_CACHE_HOME}), named by a hash of the JDK, the class path (each jar's size and time)
 * and the child options; the four newest are kept. Skipped, silently, where it cannot work:
 * before JDK 25, when the class path holds a directory (the JDK accepts only jars), or with
 * {@code -Dbingfa.aot=false}.
 */
final class AotCache {
    private static final int KEEP = 4;
    private static final AtomicBoolean TRAINING = new AtomicBoolean();
    private static volatile boolean trainingOver;
    private static volatile Optional<Path> file;

    private AotCache() {}

    /**
     * Starts making the cache if it is missing and waits up to {@code nanos} for it; returns
     * whether children will start from it.
     */
    static boolean prepare(long nanos) throws InterruptedException {
        Optional<Path> cache = file();
        if (cache.isEmpty()) {
            return false;
        }
        long deadline = io.bingfa.internal.Timeouts.deadline(nanos);
        options();
        while (true) {
            Path path = cache.get();
            if (Files.isRegularFile(path) && !beingWritten(path)) {
                return true;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            if (trainingOver && !Files.isRegularFile(path)) {
                return false;
            }
            Thread.sleep(Math.min(20, Math.max(1, left / 1_000_000)));
        }
    }

    /** Returns the options that use the cache, starting its creation if it is missing. */
    static List<String> options() {
        Optional<Path> cache = file();
        if (cache.isEmpty()) {
            return List.of();
        }
        Path path = cache.get();
        if (Files.isRegularFile(path) && !beingWritten(path)) {
            return List.of("-XX:AOTCache=" + path, "-Xlog:aot=off", "-Xlog:cds=off");
        }
        train(path);
        return List.of();
    }

    private static Optional<Path> file() {
        Optional<Path> f = file;
        if (f == null) {
            f = locate();
            file = f;
        }
        return f;
    }

    private static Optional<Path> locate() {
        if (Runtime.version().feature() < 25 || "false".equals(System.getProperty("bingfa.aot"))) {
            return Optional.empty();
        }
        String classPath = System.getProperty("java.class.path", "");
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((System.getProperty("java.home") + "\n" + Runtime.version() + "\n"
                    + ChildLauncher.DEFAULT_OPTIONS + "\n").getBytes(StandardCharsets.UTF_8));
            for (String entry : classPath.split(File.pathSeparator)) {
                Path jar = Path.of(entry);
                if (!entry.endsWith(".jar") || !Files.isRegularFile(jar)) {
                    return Optional.empty();
                }
                digest.update((jar.toAbsolutePath() + " " + Files.size(jar) + " "
                        + Files.getLastModifiedTime(jar).toMillis() + "\n").getBytes(StandardCharsets.UTF_8));
            }
            String xdg = System.getenv("XDG_CACHE_HOME");
            Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg)
                    : Path.of(System.getProperty("user.home"), ".cache");
            Path dir = base.resolve("bingfa").resolve("aot");
            Files.createDirectories(dir);
            String name = HexFormat.of().formatHex(digest.digest(), 0, 12) + ".aot";
            return Optional.of(dir.resolve(name));
        } catch (IOException | NoSuchAlgorithmException | RuntimeException unusable) {
            return Optional.empty();
        }
    }

    /**
     * A cache is still being written while the lock file names a training child that is alive
     * (or names none yet and is under a minute old).
     */
    private static boolean beingWritten(Path target) {
        Path lock = lockOf(target);
        try {
            if (!Files.exists(lock)) {
                return false;
            }
            String pid = Files.readString(lock).strip();
            if (pid.isEmpty()) {
                return System.currentTimeMillis() - Files.getLastModifiedTime(lock).toMillis()
                        < TimeUnit.MINUTES.toMillis(1);
            }
            if (ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false)) {
                return true;
            }
            Files.deleteIfExists(lock);
            return false;
        } catch (IOException | NumberFormatException unreadable) {
            return false;
        }
    }

    private static Path lockOf(Path target) {
        return target.resolveSibling(target.getFileName() + ".lock");
    }

    /** Starts one training child per JVM (and per cache file across JVMs, via a lock file). */
    private static void train(Path target) {
        if (!TRAINING.compareAndSet(false, true)) {
            return;
        }
        Path lock = lockOf(target);
        try {
            if (Files.exists(lock) && !beingWritten(target)) {
                Files.deleteIfExists(lock);
            }
            Files.createFile(lock);
        } catch (IOException someoneElseTrains) {
            return;
        }
        Thread trainer = new Thread(() -> runTraining(target, lock), "bingfa-aot-training");
        trainer.setDaemon(true);
        trainer.start();
    }

    /**
     * Runs the training child. It writes the cache itself as it exits, even if this JVM is gone by
     * then (the child then leaves as an orphan, through a normal exit); readers ignore the file
     * while the lock names a live training child, and the JVM validates a cache before mapping it.
     */
    private static void runTraining(Path target, Path lock) {
        try {
            List<String> command = new ArrayList<>(ChildLauncher.command(List.of(
                    "-XX:AOTCacheOutput=" + target, "-Xlog:aot=off", "-Xlog:cds=off"), false));
            var builder = new ProcessBuilder(command)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD);
            Process p = builder.start();
            Files.writeString(lock, Long.toString(p.pid()));
            SerializableAction noOp = AotCache::trainingTarget;
            byte[] boot = Codec.standard().encode(new Bootstrap("AotTraining", "aot", true,
                    ProcessHandle.current().pid(), "MainProcess", Auth.newKey(), noOp));
            try (var out = new DataOutputStream(p.getOutputStream())) {
                out.writeInt(boot.length);
                out.write(boot);
                out.flush();
                if (!p.waitFor(2, TimeUnit.MINUTES)) {
                    p.destroyForcibly();
                    Files.deleteIfExists(target);
                    return;
                }
            }
            if (p.exitValue() != 0) {
                Files.deleteIfExists(target);
            }
            Files.deleteIfExists(lock);
            prune(target.getParent());
        } catch (IOException | InterruptedException | RuntimeException failed) {
            // no cache: children start without it; the lock names a dead pid and is ignored
        } finally {
            trainingOver = true;
        }
    }

    /**
     * Keeps the {@value #KEEP} most recently written caches (each ~14 MB; every rebuild of a jar
     * makes a new one) and deletes the rest, except any still being written.
     */
    private static void prune(Path dir) {
        try (var files = Files.list(dir)) {
            List<Path> caches = files.filter(f -> f.getFileName().toString().endsWith(".aot"))
                    .sorted((a, b) -> Long.compare(modified(b), modified(a)))
                    .toList();
            for (Path old : caches.subList(Math.min(KEEP, caches.size()), caches.size())) {
                if (!beingWritten(old)) {
                    Files.deleteIfExists(old);
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // pruning is best effort
        }
    }

    private static long modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (IOException gone) {
            return 0;
        }
    }

    /** What the training child runs: the path every child takes, through a typical target. */
    private static void trainingTarget() {
        Multiprocessing.currentProcess().name();
        Multiprocessing.parentProcess();
    }
}

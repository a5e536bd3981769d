package io.bingfa.multiprocessing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.bingfa.testing.Waits;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM running {@link ShmChildMain} with the test's class path, until the multiprocessing
 * API starts children itself. Close it in try-with-resources: {@link #close()} kills the child
 * (if it still runs) and waits for it, so no test leaves a JVM behind. Its output (standard error
 * merged in) is read line by line by a daemon thread; failure messages include all of it.
 */
final class ShmChild implements AutoCloseable {
    private static final String END = "\u0000end";

    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> transcript = new ArrayList<>();
    private final OutputStream toChild;
    private final Thread reader;

    private ShmChild(Process process) {
        this.process = process;
        this.toChild = process.getOutputStream();
        this.reader = Thread.ofPlatform().daemon(true).name("shm-child-" + process.pid()).start(() -> {
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException closed) {
                // the child was killed
            } finally {
                lines.add(END);
            }
        });
    }

    /** Starts {@code ShmChildMain command args...}; a {@link Serializable} argument is passed serialised. */
    static ShmChild start(String command, Object... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-Xmx64m", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"),
                ShmChildMain.class.getName(), command));
        for (Object arg : args) {
            cmd.add(arg instanceof Serializable s && !(arg instanceof String) && !(arg instanceof Number)
                    ? encode(s) : String.valueOf(arg));
        }
        return new ShmChild(new ProcessBuilder(cmd).redirectErrorStream(true).start());
    }

    long pid() {
        return process.pid();
    }

    /** Waits for the child's next line and returns it; fails if the child ends or is silent too long. */
    String nextLine() throws InterruptedException {
        String line = lines.poll(Waits.PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        if (line == null) {
            fail("the child said nothing for " + Waits.PATIENCE + "; it said:\n" + transcript());
        }
        if (line.equals(END)) {
            lines.add(END);
            fail("the child ended (exit " + exitCode() + ") while a line was expected; it said:\n" + transcript());
        }
        transcript.add(line);
        return line;
    }

    /** Waits for the child's next line and checks it is {@code expected}. */
    void expect(String expected) throws InterruptedException {
        String line = nextLine();
        assertEquals(expected, line, () -> "the child said:\n" + transcript());
    }

    /** Whether the child has said nothing more within {@code window} (it is still where it was). */
    boolean staysSilent(Duration window) throws InterruptedException {
        String line = lines.poll(window.toMillis(), TimeUnit.MILLISECONDS);
        if (line == null) {
            return true;
        }
        if (!line.equals(END)) {
            transcript.add(line);
        } else {
            lines.add(END);
        }
        return false;
    }

    /** Sends the line the child waits for. */
    void go() throws IOException {
        toChild.write("go\n".getBytes(StandardCharsets.UTF_8));
        toChild.flush();
    }

    /** Waits for the child to print {@code done} and exit 0. */
    void awaitDone() throws InterruptedException {
        expect("done");
        if (!process.waitFor(Waits.PATIENCE.toMillis(), TimeUnit.MILLISECONDS)) {
            fail("the child did not exit after 'done'; it said:\n" + transcript());
        }
        assertEquals(0, process.exitValue(), () -> "child exit code; it said:\n" + transcript());
    }

    /** Kills the child with SIGKILL (Python's {@code kill()}) and waits until it is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(Waits.PATIENCE.toMillis(), TimeUnit.MILLISECONDS)) {
            fail("the child did not die from SIGKILL");
        }
    }

    private Object exitCode() {
        return process.isAlive() ? "none yet" : process.exitValue();
    }

    private String transcript() {
        List<String> all = new ArrayList<>(transcript);
        lines.forEach(l -> all.add(l.equals(END) ? "<end of output>" : l));
        return String.join("\n", all);
    }

    /** Kills the child if it still runs and waits for it and for its output to end. */
    @Override
    public void close() {
        try {
            toChild.close();
        } catch (IOException ignored) {
            // the child is gone
        }
        process.destroyForcibly();
        try {
            process.waitFor();
            reader.join(Waits.PATIENCE);
        } catch (InterruptedException e) { // a JUnit timeout: the child is killed already
            Thread.currentThread().interrupt();
        }
    }

    // ------------------------------------------------------------------ serialisation

    static String encode(Serializable value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }

    static Object decode(String base64) throws IOException, ClassNotFoundException {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(Base64.getDecoder().decode(base64)))) {
            return in.readObject();
        }
    }

    /** Serialises and deserialises {@code value} in this JVM: what a child would get. */
    @SuppressWarnings("unchecked")
    static <T extends Serializable> T roundTrip(T value) throws IOException, ClassNotFoundException {
        return (T) decode(encode(value));
    }
}

package io.bingfa.bench;

import static io.bingfa.bench.Harness.check;

import io.bingfa.multiprocessing.Connection;
import io.bingfa.multiprocessing.JvmProcess;
import io.bingfa.multiprocessing.Pipe;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Duration;

/**
 * {@code mp_pipe_roundtrip}: one child process echoes an int over a pipe, one request in flight at a
 * time; round trips/s. The child is started in {@link #open()} (untimed) and serves the warm-up and
 * every timed run. bingfa: a duplex {@link Pipe} whose right end goes to a {@link JvmProcess} that
 * echoes what it receives until it receives {@code null}. The JDK peer: a {@link ProcessBuilder}
 * child ({@link JdkChild} {@code echo}) that echoes ints written with {@link DataOutputStream} on its
 * stdin back on its stdout, until end of input. bingfa carries serialised objects in framed,
 * authenticated messages over a socket; the peer carries 4 raw bytes over the stdio pipes.
 */
final class MpPipeRoundtrip extends Benchmark {
    private final int roundTrips;
    private JvmProcess child;
    private Connection parent;
    private Process jdkChild;
    private DataOutputStream jdkOut;
    private DataInputStream jdkIn;

    MpPipeRoundtrip(boolean quick) {
        roundTrips = quick ? 2_000 : 20_000;
    }

    @Override public String name() { return "mp_pipe_roundtrip"; }
    @Override public Unit unit() { return Unit.ROUND_TRIPS_PER_SECOND; }
    @Override public Goal goal() { return Goal.ratios(1, Double.NaN, "ProcessBuilder child echoing ints on stdin/stdout"); }

    @Override
    public String workload() {
        return "one child process (CPython: fork start method) echoes an int over a pipe, " + roundTrips + " round trips";
    }

    @Override public long amount() { return roundTrips; }

    @Override
    public void open() throws Exception {
        Pipe pipe = Pipe.open(true);
        Connection childEnd = pipe.right();
        parent = pipe.left();
        child = new JvmProcess(() -> echo(childEnd));
        child.start();
        childEnd.close();
        jdkChild = JdkChild.start("echo");
        jdkOut = new DataOutputStream(jdkChild.getOutputStream());
        jdkIn = new DataInputStream(jdkChild.getInputStream());
    }

    private static void echo(Connection conn) throws Exception {
        while (true) {
            Object x = conn.recv();
            if (x == null) {
                return;
            }
            conn.send(x);
        }
    }

    @Override
    public void bingfa() throws Exception {
        for (int i = 0; i < roundTrips; i++) {
            parent.send(i);
            Object got = parent.recv();
            if (!(got instanceof Integer n) || n != i) {
                check(false, "round trip " + i + " got " + got + " back (expected: " + i + ")");
            }
        }
    }

    @Override
    public void jdk() throws Exception {
        for (int i = 0; i < roundTrips; i++) {
            jdkOut.writeInt(i);
            jdkOut.flush();
            int got = jdkIn.readInt();
            if (got != i) {
                check(false, "round trip " + i + " got " + got + " back (expected: " + i + ")");
            }
        }
    }

    @Override
    public void close() throws Exception {
        try {
            if (child != null) {
                stopChild();
            }
        } finally {
            if (jdkChild != null) {
                int status = JdkChild.stop(jdkChild);
                check(status == 0, "jdk child exit code " + status + " (expected: 0)");
            }
        }
    }

    private void stopChild() throws Exception {
        try {
            parent.send(null);
        } catch (IOException | IllegalStateException childGone) {
            // the child is gone or the pipe broke: it is killed below if still running
        }
        parent.close();
        if (!child.join(Duration.ofSeconds(10))) {
            child.kill();
            child.join();
        }
        check(child.exitCode() == 0, "child exit code " + child.exitCode() + " (expected: 0)");
    }
}

package io.bingfa.bench;

import static io.bingfa.bench.Harness.check;

import io.bingfa.multiprocessing.Connection;
import io.bingfa.multiprocessing.JvmProcess;
import io.bingfa.multiprocessing.Pipe;
import io.bingfa.multiprocessing.ProcessQueue;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Duration;

/**
 * {@code mp_queue_throughput}: a child process puts n small ints into a process queue in order, the
 * parent gets them and checks that item i is i; items/s, timed from the go signal to the last get.
 * The child is started in {@link #open()} (untimed) and serves the warm-up and every timed run; it
 * receives the go signal n on a pipe and stops on {@code null}.
 *
 * <p>bingfa: a {@link ProcessQueue} from the child to the parent and a {@link Pipe} for commands,
 * the child a {@link JvmProcess}, as in CPython. There is no process queue in the JDK; the plain
 * peer is what a JDK program writes instead: a {@link ProcessBuilder} child ({@link JdkChild}
 * {@code produce}) that reads n on its stdin and writes the ints with a buffered
 * {@link DataOutputStream} on its stdout, which the parent reads with a {@link DataInputStream}.
 * The peer is a byte stream with no per-item framing, serialisation or authentication, so it
 * bounds what a process queue could reach here rather than being a like-for-like queue.
 */
final class MpQueueThroughput extends Benchmark {
    private final int items;
    private JvmProcess child;
    private Connection commands;
    private ProcessQueue<Integer> queue;
    private Process jdkChild;
    private DataOutputStream jdkOut;
    private DataInputStream jdkIn;

    MpQueueThroughput(boolean quick) {
        items = quick ? 10_000 : 100_000;
    }

    @Override public String name() { return "mp_queue_throughput"; }
    @Override public Unit unit() { return Unit.ITEMS_PER_SECOND; }
    @Override public Goal goal() {
        return Goal.ratios(3, Double.NaN, "ProcessBuilder child writing ints on stdout (no queue in the JDK)");
    }

    @Override
    public String workload() {
        return "one child process (CPython: fork start method) puts " + items + " small ints into a process queue, "
                + "the parent gets them and checks their order; timed from the go signal to the last get";
    }

    @Override public long amount() { return items; }

    @Override
    public void open() throws Exception {
        Pipe pipe = Pipe.open(true);
        Connection childEnd = pipe.right();
        commands = pipe.left();
        ProcessQueue<Integer> q = new ProcessQueue<>();
        queue = q;
        child = new JvmProcess(() -> produce(childEnd, q));
        child.start();
        childEnd.close();
        jdkChild = JdkChild.start("produce");
        jdkOut = new DataOutputStream(jdkChild.getOutputStream());
        jdkIn = new DataInputStream(new BufferedInputStream(jdkChild.getInputStream(), 1 << 16));
    }

    private static void produce(Connection commands, ProcessQueue<Integer> items) throws Exception {
        while (true) {
            Object n = commands.recv();
            if (n == null) {
                return;
            }
            for (int i = 0; i < (Integer) n; i++) {
                items.put(i);
            }
        }
    }

    @Override
    public void bingfa() throws Exception {
        commands.send(items);
        for (int i = 0; i < items; i++) {
            Integer got = queue.get(Duration.ofSeconds(60));
            if (got != i) {
                check(false, "item " + i + " is " + got + " (expected: " + i + ")");
            }
        }
    }

    @Override
    public void jdk() throws Exception {
        jdkOut.writeInt(items);
        jdkOut.flush();
        for (int i = 0; i < items; i++) {
            int got = jdkIn.readInt();
            if (got != i) {
                check(false, "item " + i + " is " + got + " (expected: " + i + ")");
            }
        }
    }

    @Override
    public void close() throws Exception {
        try {
            if (child != null) {
                try {
                    commands.send(null);
                } catch (IOException | IllegalStateException childGone) {
                    // the child is gone or the pipe broke: it is killed below if still running
                }
                commands.close();
                // after a failed check the child may still be putting: do not wait forever
                if (!child.join(Duration.ofSeconds(30))) {
                    child.terminate();
                    if (!child.join(Duration.ofSeconds(5))) {
                        child.kill();
                        child.join();
                    }
                }
                check(child.exitCode() == 0, "child exit code " + child.exitCode() + " (expected: 0)");
            }
        } finally {
            if (jdkChild != null) {
                int status = JdkChild.stop(jdkChild);
                check(status == 0, "jdk child exit code " + status + " (expected: 0)");
            }
        }
    }
}

package io.bingfa.multiprocessing;

import java.io.DataInputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * The entry point of every child JVM bingfa starts. Not for direct use: {@link JvmProcess#start()}
 * launches it with the parent's class path.
 *
 * <p>The parent writes one length-prefixed {@link Bootstrap} on the child's stdin and keeps the
 * pipe open. The child runs the target; the end of stdin means the parent is gone, and the child
 * exits then too, so that no child outlives its parent by more than a moment. The protocol stays
 * off stdout and stderr, which belong to user code and are copied to the parent's.
 *
 * <p>Exit status, as CPython's: 0 when the target returns (after the JVM's non-daemon threads
 * end), 1 when it throws (its stack trace is printed to stderr under "Process NAME:"), n when the
 * target calls {@code System.exit(n)}.
 */
public final class ChildMain {
    /** The exit status of a child whose parent vanished. */
    static final int ORPHANED = 1;
    /** The byte a parent writes on stdin just before it terminates or kills the child. */
    static final int SIGNAL_COMING = 'S';

    private static volatile boolean exiting;
    private static volatile Thread watcher;

    private ChildMain() {}

    /** Runs the target the parent sent on stdin. */
    public static void main(String[] args) {
        Bootstrap boot;
        InputStream stdin = System.in;
        try {
            var in = new DataInputStream(stdin);
            int length = in.readInt();
            if (length < 0 || length > FramedChannel.DEFAULT_MAX_FRAME) {
                throw new IOException("bootstrap length " + length + " is out of range");
            }
            byte[] bytes = in.readNBytes(length);
            if (bytes.length != length) {
                throw new IOException("stdin closed inside the bootstrap");
            }
            boot = (Bootstrap) Codec.standard().decode(bytes);
        } catch (IOException | ClassCastException e) {
            System.err.println("bingfa: this child JVM could not read its target from the parent: " + e);
            System.err.flush();
            System.exit(1);
            return;
        }
        Multiprocessing.becomeChild(boot);
        watchParent(stdin);
        Runtime.getRuntime().addShutdownHook(new Thread(ChildMain::finish, "bingfa-child-exit"));
        try {
            boot.target().run();
        } catch (Throwable failure) {
            ExitHooks.runAll();
            System.out.flush();
            System.err.println("Process " + boot.name() + ":");
            failure.printStackTrace();
            System.err.flush();
            System.exit(1);
        }
        finish();
    }

    private static void finish() {
        exiting = true;
        Thread w = watcher;
        if (w != null) {
            // Leave the native read: a thread blocked in native code holds the JVM's exit for
            // 300 ms. The channel is interruptible, so this wakes the read and closes stdin.
            w.interrupt();
        }
        ExitHooks.runAll();
        System.out.flush();
        System.err.flush();
    }

    /**
     * Exits when stdin ends: the parent died or closed it. A parent that is about to terminate or
     * kill this child first writes {@link #SIGNAL_COMING} ({@code Process.destroy} closes the pipes
     * before the signal lands); then give the signal a moment to decide the exit status (-15 or -9)
     * before leaving on our own. Otherwise leave at once.
     */
    private static void watchParent(InputStream stdin) {
        Thread w = new Thread(() -> {
            boolean signalComing = false;
            try {
                while (stdin.available() > 0) {
                    int b = stdin.read();
                    if (b < 0) {
                        break;
                    }
                    signalComing |= b == SIGNAL_COMING;
                }
                FileChannel channel = new FileInputStream(FileDescriptor.in).getChannel();
                ByteBuffer sink = ByteBuffer.allocate(64);
                int n;
                while ((n = channel.read(sink.clear())) >= 0) {
                    for (int i = 0; i < n; i++) {
                        signalComing |= sink.get(i) == SIGNAL_COMING;
                    }
                }
            } catch (IOException closed) {
                if (exiting) {
                    return;
                }
            }
            if (signalComing) {
                try {
                    Thread.sleep(1_000);
                } catch (InterruptedException ignored) {
                    // leave now
                }
            }
            Thread halter = new Thread(() -> {
                try {
                    Thread.sleep(500);
                } catch (InterruptedException ignored) {
                    // halt now
                }
                Runtime.getRuntime().halt(ORPHANED);
            }, "bingfa-orphan-halt");
            halter.setDaemon(true);
            halter.start();
            System.exit(ORPHANED);
        }, "bingfa-parent-watch");
        w.setDaemon(true);
        watcher = w;
        w.start();
    }
}

package io.bingfa.multiprocessing;

/**
 * Python's {@code multiprocessing.Pipe}: two connected {@link Connection} ends, for sending
 * messages between two threads or two processes. Creating a pipe does not wait; the ends connect
 * to each other on their first use, in whichever JVMs they are by then.
 *
 * <pre>{@code
 * Pipe pipe = Pipe.open();                       // parent_conn, child_conn = Pipe()
 * Connection parentEnd = pipe.left(), childEnd = pipe.right();
 * var child = new JvmProcess(() -> childEnd.send(List.of(42, null, "hello")));
 * child.start();
 * childEnd.close();                              // the parent's copy; does not affect the child
 * System.out.println(parentEnd.recv());          // [42, null, hello]
 * child.join();
 * }</pre>
 *
 * <p>A pipe is duplex unless opened with {@code duplex = false}: then {@link #left()} can only
 * receive and {@link #right()} can only send, as Python's {@code (r, w) = Pipe(False)}.
 *
 * <p><b>Memory consistency effects:</b> values are copied, never shared, even between two ends in
 * one JVM; see {@link Connection}.
 */
public final class Pipe {
    private final Connection left;
    private final Connection right;

    private Pipe(Connection left, Connection right) {
        this.left = left;
        this.right = right;
    }

    /**
     * Opens a duplex pipe ({@code Pipe()}); does not wait.
     *
     * @return the pipe
     * @throws java.io.UncheckedIOException if the rendezvous directory cannot be created
     */
    public static Pipe open() {
        return open(true);
    }

    /**
     * Opens a pipe ({@code Pipe(duplex)}); does not wait. When {@code duplex} is false the left end
     * only receives and the right end only sends.
     *
     * @param duplex whether both ends can send and receive
     * @return the pipe
     * @throws java.io.UncheckedIOException if the rendezvous directory cannot be created
     */
    public static Pipe open(boolean duplex) {
        var rendezvous = PipeRendezvous.create();
        return new Pipe(new Connection(rendezvous, true, true, duplex, 0),
                new Connection(rendezvous, false, duplex, true, 0));
    }

    /** The first end: Python's {@code Pipe()[0]}; the receiving end when not duplex. */
    public Connection left() {
        return left;
    }

    /** The second end: Python's {@code Pipe()[1]}; the sending end when not duplex. */
    public Connection right() {
        return right;
    }

    @Override
    public String toString() {
        return "Pipe[" + left + ", " + right + "]";
    }
}

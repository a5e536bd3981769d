package io.bingfa.asyncio;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The I/O half of an {@link EventLoop}: a {@link Selector} with one reader and one writer callback per
 * channel (Python's {@code add_reader}/{@code add_writer} on a selector loop). Loop-confined except
 * {@link #wakeup()}.
 */
/*
 * A channel's key carries a Registration holding both callbacks; its interest set is recomputed from
 * which of them are present. "Reader" means OP_READ, or OP_ACCEPT for a server channel; "writer" means
 * OP_WRITE, or OP_CONNECT while a SocketChannel's connect is pending (the JDK reports a finished
 * connect only through OP_CONNECT). select() turns each ready key into handles appended to the loop's
 * ready queue, so I/O callbacks run in the same iteration, in the order CPython's _run_once gives them
 * (I/O events first, then due timers).
 */
final class IoSelector implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("io.bingfa.asyncio");

    private final Selector selector;
    private final Consumer<SelectionKey> dispatch;
    private Consumer<Handle> sink;

    private static final class Registration {
        final SelectableChannel channel;
        Runnable reader;
        Runnable writer;

        Registration(SelectableChannel channel) {
            this.channel = channel;
        }
    }

    IoSelector() {
        try {
            selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a selector for the event loop", e);
        }
        dispatch = this::dispatch;
    }

    /** Registers {@code callback} for readability (or accept); replaces an earlier reader. */
    void addReader(SelectableChannel channel, Runnable callback) {
        registration(channel).reader = callback;
        update(channel);
    }

    /** Registers {@code callback} for writability (or a finished connect); replaces an earlier writer. */
    void addWriter(SelectableChannel channel, Runnable callback) {
        registration(channel).writer = callback;
        update(channel);
    }

    /** Removes the reader; returns whether there was one. */
    boolean removeReader(SelectableChannel channel) {
        Registration r = existing(channel);
        if (r == null || r.reader == null) {
            return false;
        }
        r.reader = null;
        update(channel);
        return true;
    }

    /** Removes the writer; returns whether there was one. */
    boolean removeWriter(SelectableChannel channel) {
        Registration r = existing(channel);
        if (r == null || r.writer == null) {
            return false;
        }
        r.writer = null;
        update(channel);
        return true;
    }

    private Registration existing(SelectableChannel channel) {
        SelectionKey key = channel.keyFor(selector);
        return key != null && key.isValid() ? (Registration) key.attachment() : null;
    }

    private Registration registration(SelectableChannel channel) {
        Registration r = existing(channel);
        if (r != null) {
            return r;
        }
        if (channel.isBlocking()) {
            throw new IllegalArgumentException(channel + " is in blocking mode (expected: configureBlocking(false))");
        }
        r = new Registration(channel);
        try {
            channel.register(selector, 0, r);
        } catch (ClosedChannelException e) {
            throw new IllegalArgumentException(channel + " is closed", e);
        }
        return r;
    }

    private void update(SelectableChannel channel) {
        SelectionKey key = channel.keyFor(selector);
        if (key == null || !key.isValid()) {
            return;
        }
        Registration r = (Registration) key.attachment();
        int valid = channel.validOps();
        int ops = 0;
        if (r.reader != null) {
            ops |= (valid & SelectionKey.OP_READ) != 0 ? SelectionKey.OP_READ : SelectionKey.OP_ACCEPT;
        }
        if (r.writer != null) {
            boolean connecting = channel instanceof SocketChannel s && s.isConnectionPending();
            ops |= connecting ? SelectionKey.OP_CONNECT : SelectionKey.OP_WRITE;
        }
        key.interestOps(ops); // the key stays until the channel is closed (re-registering a
                              // cancelled key before the next select would fail)
    }

    /**
     * Waits for I/O up to {@code timeoutNanos} (negative: until woken; zero: not at all) and hands the
     * ready callbacks to {@code readySink}; returns the number of ready channels.
     */
    int select(long timeoutNanos, Consumer<Handle> readySink) {
        sink = readySink;
        try {
            if (timeoutNanos == 0L) {
                return selector.selectNow(dispatch);
            }
            long millis = timeoutNanos < 0L ? 0L : Math.max(1L, (timeoutNanos + 999_999L) / 1_000_000L);
            return selector.select(dispatch, millis);
        } catch (IOException e) {
            throw new UncheckedIOException("event loop selector failed", e);
        } finally {
            sink = null;
        }
    }

    private void dispatch(SelectionKey key) {
        Registration r = (Registration) key.attachment();
        int ready;
        try {
            ready = key.readyOps();
        } catch (java.nio.channels.CancelledKeyException e) {
            return;
        }
        if ((ready & (SelectionKey.OP_READ | SelectionKey.OP_ACCEPT)) != 0 && r.reader != null) {
            sink.accept(new Handle(r.reader));
        }
        if ((ready & (SelectionKey.OP_WRITE | SelectionKey.OP_CONNECT)) != 0 && r.writer != null) {
            sink.accept(new Handle(r.writer));
        }
    }

    /** Makes a waiting or the next {@link #select} return at once; any thread. */
    void wakeup() {
        selector.wakeup();
    }

    /** How many channels are registered. */
    int registered() {
        return selector.keys().size();
    }

    /** Closes the selector and every channel still registered with it (they would leak otherwise). */
    @Override
    public void close() {
        List<SelectableChannel> left = new ArrayList<>();
        for (SelectionKey k : selector.keys()) {
            left.add(k.channel());
        }
        for (SelectableChannel c : left) {
            LOG.log(System.Logger.Level.DEBUG, "closing a channel left registered at loop close: " + c);
            try {
                c.close();
            } catch (IOException e) {
                LOG.log(System.Logger.Level.DEBUG, "closing " + c, e);
            }
        }
        try {
            selector.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing the selector", e);
        }
    }
}

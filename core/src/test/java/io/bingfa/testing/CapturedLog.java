package io.bingfa.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Collects what one logger logs while it is open (System.Logger goes to java.util.logging by
 * default), and keeps it off the console; use it in try-with-resources.
 */
public final class CapturedLog extends Handler implements AutoCloseable {
    private final List<LogRecord> records = new ArrayList<>();
    private final Logger logger;
    private final boolean parents;

    /** Starts capturing the logger named {@code name}, e.g. {@code "io.bingfa.futures"}. */
    public CapturedLog(String name) {
        logger = Logger.getLogger(name);
        parents = logger.getUseParentHandlers();
        logger.setUseParentHandlers(false);
        logger.addHandler(this);
    }

    @Override
    public synchronized void publish(LogRecord r) {
        records.add(r);
    }

    /** What was logged so far. */
    public synchronized List<LogRecord> records() {
        return List.copyOf(records);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {
        logger.removeHandler(this);
        logger.setUseParentHandlers(parents);
    }
}

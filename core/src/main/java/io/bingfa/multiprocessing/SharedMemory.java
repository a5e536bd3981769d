package io.bingfa.multiprocessing;

import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.Cleaner;
import java.lang.ref.WeakReference;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A segment of memory shared between JVMs: a file in {@code /dev/shm} (a temporary file where
 * there is none) mapped read-write, with atomic access to aligned {@code long}s. The JVM that
 * creates a segment owns its file and deletes it on {@link #close()}, when the segment becomes
 * unreachable, and at exit; other JVMs {@link #attach} to it by path. A JVM that was killed cannot
 * delete its files: the first segment each JVM creates sweeps the files of dead creators.
 */
/*
 * Layout: a 64-byte header, then the data, so data offsets that are multiples of 8 are 8-aligned
 * (the mapping starts on a page boundary). Header: magic (long at 0), kind (8 ASCII bytes at 8),
 * data length in bytes (long at 16), the rest reserved. The creator writes the header before the
 * path is known to anyone else, so attachers read it with plain access.
 *
 * The file is filled with zeros through the channel before it is mapped: on a full tmpfs that is an
 * IOException at creation, where a sparse file would be a SIGBUS (an InternalError) at first touch.
 *
 * Files are named bingfa-<creator pid>-<random>. The sweep of dead creators' files runs once per JVM,
 * at its first creation; a pid reused by a live process keeps its files until that process ends.
 *
 * One mapping per path and JVM: attach() returns the segment already mapped here (the creator's own
 * included), so deserialising a value in the JVM that made it does not map it twice, and a
 * deserialised copy keeps the creator's segment reachable.
 */
final class SharedMemory implements AutoCloseable {
    static final int HEADER_BYTES = 64;
    /** "bingfa", then the layout version. */
    private static final long MAGIC = 0x62696E6766610001L;
    private static final int KIND_OFFSET = 8;
    private static final int KIND_BYTES = 8;
    private static final int LENGTH_OFFSET = 16;
    /** The largest data length: a mapping is indexed by int. */
    static final long MAX_DATA_BYTES = Integer.MAX_VALUE - HEADER_BYTES;

    private static final String PREFIX = "bingfa-";
    private static final long PID = ProcessHandle.current().pid();
    private static final VarHandle LONGS =
            MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());
    private static final Cleaner CLEANER = Cleaner.create();

    /** The segments mapped in this JVM, by path. */
    private static final ConcurrentHashMap<Path, WeakReference<SharedMemory>> MAPPED =
            new ConcurrentHashMap<>();
    /** The files this JVM created and has not deleted yet; deleted by a shutdown hook. */
    private static final Set<Path> OWNED = ConcurrentHashMap.newKeySet();
    private static volatile boolean started;

    private final Path path;
    private final String kind;
    private final long dataBytes;
    private final MappedByteBuffer buffer;
    private final Cleaner.Cleanable deleter; // null unless this JVM created the file

    private SharedMemory(Path path, String kind, long dataBytes, MappedByteBuffer buffer, boolean owner) {
        this.path = path;
        this.kind = kind;
        this.dataBytes = dataBytes;
        this.buffer = buffer;
        Cleaner.Cleanable cleanup = CLEANER.register(this, new Cleanup(path, owner));
        this.deleter = owner ? cleanup : null;
    }

    /**
     * Creates a zero-filled segment of {@code dataBytes} bytes of data tagged {@code kind}.
     *
     * @param kind up to 8 ASCII characters naming what the segment holds, checked on attach
     * @throws UncheckedIOException if the file cannot be created or filled (a full {@code /dev/shm})
     */
    static SharedMemory create(String kind, long dataBytes) {
        byte[] tag = tag(kind);
        if (dataBytes < 0 || dataBytes > MAX_DATA_BYTES) {
            throw new IllegalArgumentException(
                    "dataBytes: " + dataBytes + " (expected: 0 to " + MAX_DATA_BYTES + ")");
        }
        startOnce();
        Path dir = directory();
        long size = HEADER_BYTES + dataBytes;
        for (;;) {
            Path path = dir.resolve(PREFIX + PID + "-"
                    + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()));
            try {
                createFile(path);
            } catch (FileAlreadyExistsException taken) {
                continue; // someone else's name: try another
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create shared memory in " + dir + ": " + e, e);
            }
            OWNED.add(path);
            try {
                SharedMemory memory;
                try (FileChannel channel = FileChannel.open(path,
                        StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                    fillWithZeros(channel, size);
                    MappedByteBuffer buffer = channel.map(FileChannel.MapMode.READ_WRITE, 0, size);
                    buffer.order(ByteOrder.nativeOrder());
                    buffer.put(KIND_OFFSET, tag);
                    buffer.putLong(LENGTH_OFFSET, dataBytes);
                    LONGS.setRelease(buffer, 0, MAGIC);
                    memory = new SharedMemory(path, kind, dataBytes, buffer, true);
                } catch (IOException | RuntimeException e) {
                    deleteQuietly(path);
                    throw e;
                }
                MAPPED.put(path, new WeakReference<>(memory));
                return memory;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create shared memory " + path + ": " + e, e);
            }
        }
    }

    /**
     * Maps the segment at {@code path}, or returns the mapping this JVM already has.
     *
     * @param kind the kind the segment must have been created with
     * @param minDataBytes how many bytes of data the caller will use
     * @throws InvalidObjectException if the file is gone or is not such a segment
     */
    static SharedMemory attach(Path path, String kind, long minDataBytes) throws InvalidObjectException {
        tag(kind);
        SharedMemory memory = mapped(path);
        if (memory == null) {
            memory = map(path);
            WeakReference<SharedMemory> mine = new WeakReference<>(memory);
            WeakReference<SharedMemory> theirs = MAPPED.merge(path, mine,
                    (old, fresh) -> old.get() == null ? fresh : old);
            SharedMemory winner = theirs.get();
            if (winner != null) {
                memory = winner;
            }
        }
        if (!memory.kind.equals(kind) || memory.dataBytes < minDataBytes) {
            throw new InvalidObjectException(path + " holds " + memory.dataBytes + " bytes of "
                    + memory.kind + " (expected: at least " + minDataBytes + " bytes of " + kind + ")");
        }
        return memory;
    }

    private static SharedMemory mapped(Path path) {
        WeakReference<SharedMemory> ref = MAPPED.get(path);
        return ref == null ? null : ref.get();
    }

    private static SharedMemory map(Path path) throws InvalidObjectException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = channel.size();
            if (size < HEADER_BYTES) {
                throw new InvalidObjectException(path + " is not a bingfa shared memory segment");
            }
            MappedByteBuffer buffer = channel.map(FileChannel.MapMode.READ_WRITE, 0, size);
            buffer.order(ByteOrder.nativeOrder());
            long dataBytes = buffer.getLong(LENGTH_OFFSET);
            if ((long) LONGS.getAcquire(buffer, 0) != MAGIC || dataBytes < 0 || HEADER_BYTES + dataBytes > size) {
                throw new InvalidObjectException(path + " is not a bingfa shared memory segment");
            }
            byte[] tag = new byte[KIND_BYTES];
            buffer.get(KIND_OFFSET, tag);
            int end = 0;
            while (end < KIND_BYTES && tag[end] != 0) {
                end++;
            }
            String kind = new String(tag, 0, end, StandardCharsets.US_ASCII);
            return new SharedMemory(path, kind, dataBytes, buffer, false);
        } catch (NoSuchFileException gone) {
            InvalidObjectException e = new InvalidObjectException("shared memory " + path
                    + " no longer exists: the JVM that created it has released it or has exited");
            e.initCause(gone);
            throw e;
        } catch (IOException failed) {
            InvalidObjectException e = new InvalidObjectException("cannot map shared memory " + path + ": " + failed);
            e.initCause(failed);
            throw e;
        }
    }

    // ------------------------------------------------------------------ access

    Path path() {
        return path;
    }

    String kind() {
        return kind;
    }

    long dataBytes() {
        return dataBytes;
    }

    /** Whether this JVM created the segment (and deletes its file). */
    boolean isOwner() {
        return deleter != null;
    }

    long getLongVolatile(int offset) {
        return (long) LONGS.getVolatile(buffer, HEADER_BYTES + offset);
    }

    void setLongVolatile(int offset, long value) {
        LONGS.setVolatile(buffer, HEADER_BYTES + offset, value);
    }

    long getAndAddLong(int offset, long delta) {
        return (long) LONGS.getAndAdd(buffer, HEADER_BYTES + offset, delta);
    }

    long getAndSetLong(int offset, long value) {
        return (long) LONGS.getAndSet(buffer, HEADER_BYTES + offset, value);
    }

    boolean compareAndSetLong(int offset, long expected, long value) {
        return LONGS.compareAndSet(buffer, HEADER_BYTES + offset, expected, value);
    }

    /**
     * Deletes the file if this JVM created it; the memory stays mapped (and usable) here and in
     * every JVM that attached, until each drops it. Idempotent.
     */
    @Override
    public void close() {
        if (deleter != null) {
            deleter.clean();
        }
    }

    @Override
    public String toString() {
        return "SharedMemory[" + path + " " + kind + " " + dataBytes + " bytes]";
    }

    // ------------------------------------------------------------------ files

    /** Where segments are created: {@code /dev/shm}, or the temporary directory where it is missing. */
    static Path directory() {
        Path shm = Path.of("/dev/shm");
        if (Files.isDirectory(shm) && Files.isWritable(shm)) {
            return shm;
        }
        return Path.of(System.getProperty("java.io.tmpdir"));
    }

    /**
     * Deletes the segment files in {@code dir} whose creator is no longer running.
     *
     * @return how many files were deleted
     */
    static int sweepOrphans(Path dir) {
        int deleted = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, PREFIX + "*")) {
            for (Path file : files) {
                long creator = creatorPid(file.getFileName().toString());
                if (creator > 0 && creator != PID
                        && !ProcessHandle.of(creator).map(ProcessHandle::isAlive).orElse(false)
                        && deleteQuietly(file)) {
                    deleted++;
                }
            }
        } catch (IOException | RuntimeException unreadable) {
            // a directory we cannot list has nothing of ours to sweep
        }
        return deleted;
    }

    /** The pid in {@code bingfa-<pid>-<random>}, or -1 if the name is not of that form. */
    static long creatorPid(String fileName) {
        if (!fileName.startsWith(PREFIX)) {
            return -1;
        }
        int dash = fileName.indexOf('-', PREFIX.length());
        if (dash < 0) {
            return -1;
        }
        try {
            return Long.parseLong(fileName, PREFIX.length(), dash, 10);
        } catch (NumberFormatException notOurs) {
            return -1;
        }
    }

    private static void startOnce() {
        if (started) {
            return;
        }
        synchronized (SharedMemory.class) {
            if (started) {
                return;
            }
            try {
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    for (Path path : OWNED) {
                        deleteQuietly(path);
                    }
                }, "bingfa-shared-memory-cleanup"));
            } catch (IllegalStateException shuttingDown) {
                // the JVM is exiting: a file created now is left to the next sweep
            }
            sweepOrphans(directory());
            started = true;
        }
    }

    private static Path createFile(Path path) throws IOException {
        try {
            return Files.createFile(path,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            return Files.createFile(path);
        }
    }

    private static void fillWithZeros(FileChannel channel, long size) throws IOException {
        ByteBuffer zeros = ByteBuffer.allocateDirect((int) Math.min(size, 1 << 16));
        long position = 0;
        while (position < size) {
            zeros.clear().limit((int) Math.min(zeros.capacity(), size - position));
            position += channel.write(zeros, position);
        }
    }

    private static boolean deleteQuietly(Path path) {
        OWNED.remove(path);
        try {
            return Files.deleteIfExists(path);
        } catch (IOException | SecurityException e) {
            return false;
        }
    }

    private static byte[] tag(String kind) {
        byte[] tag = kind.getBytes(StandardCharsets.US_ASCII);
        if (tag.length == 0 || tag.length > KIND_BYTES || kind.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("kind: \"" + kind + "\" (expected: 1 to 8 ASCII characters)");
        }
        return tag;
    }

    /**
     * Deletes the creator's file and forgets a collected mapping; holds only the path, so that the
     * segment can become unreachable.
     */
    private record Cleanup(Path path, boolean owner) implements Runnable {
        @Override
        public void run() {
            if (owner) {
                deleteQuietly(path);
            }
            MAPPED.computeIfPresent(path, (p, ref) -> ref.get() == null ? null : ref);
        }
    }
}

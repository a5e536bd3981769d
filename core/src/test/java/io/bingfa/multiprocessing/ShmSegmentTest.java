package io.bingfa.multiprocessing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bingfa.testing.Waits;
import java.io.InvalidObjectException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The life of a shared memory segment's file ({@link SharedMemory}): deleted by its creator on
 * close, when unreachable and at exit, and swept after a creator that was killed; the memory
 * itself stays usable in every JVM that mapped it.
 */
@Timeout(120)
class ShmSegmentTest {
    @Test
    void closeDeletesTheCreatorsFileButKeepsTheMapping() {
        SharedMemory memory = SharedMemory.create("test", 16);
        Path file = memory.path();
        assertTrue(memory.isOwner());
        assertTrue(Files.exists(file));
        memory.setLongVolatile(8, 99);
        memory.close();
        assertFalse(Files.exists(file), file + " should be deleted");
        assertEquals(99, memory.getLongVolatile(8));
        memory.close(); // idempotent
    }

    @Test
    void attachingInTheSameJvmGivesTheSameMapping() throws InvalidObjectException {
        SharedMemory memory = SharedMemory.create("test", 16);
        try {
            assertSame(memory, SharedMemory.attach(memory.path(), "test", 16));
        } finally {
            memory.close();
        }
    }

    @Test
    void attachingChecksKindAndSize() {
        SharedMemory memory = SharedMemory.create("test", 16);
        try {
            InvalidObjectException e = assertThrows(InvalidObjectException.class,
                    () -> SharedMemory.attach(memory.path(), "other", 16));
            assertTrue(e.getMessage().contains("16 bytes of test"), e.getMessage());
            assertThrows(InvalidObjectException.class, () -> SharedMemory.attach(memory.path(), "test", 24));
        } finally {
            memory.close();
        }
    }

    @Test
    void attachingAFileThatIsGoneSaysSo() {
        Path gone = SharedMemory.directory().resolve("bingfa-1-0000000000000000");
        InvalidObjectException e = assertThrows(InvalidObjectException.class,
                () -> SharedMemory.attach(gone, "long", 16));
        assertTrue(e.getMessage().contains("no longer exists"), e.getMessage());
    }

    @Test
    void unreachableValueHasItsFileDeleted() {
        Path file = SharedValue.ofLong(1).memory().path();
        Waits.awaitTrue("the file of an unreachable value to be deleted", () -> {
            System.gc();
            return !Files.exists(file);
        });
    }

    @Test
    void sweepDeletesOnlyFilesOfDeadCreators(@TempDir Path dir) throws Exception {
        Process finished = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-version").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(finished.waitFor(Waits.PATIENCE.toMillis(), TimeUnit.MILLISECONDS));
        Path dead = Files.createFile(dir.resolve("bingfa-" + finished.pid() + "-1"));
        Path mine = Files.createFile(dir.resolve("bingfa-" + ProcessHandle.current().pid() + "-2"));
        Path other = Files.createFile(dir.resolve("bingfa-notapid-3"));
        assertEquals(1, SharedMemory.sweepOrphans(dir));
        assertFalse(Files.exists(dead));
        assertTrue(Files.exists(mine));
        assertTrue(Files.exists(other));
    }

    @Test
    void creatorExitingNormallyDeletesItsFiles() throws Exception {
        try (ShmChild child = ShmChild.start("create")) {
            SharedValue value = (SharedValue) ShmChild.decode(child.nextLine());
            Path file = value.memory().path();
            assertEquals(child.pid(), SharedMemory.creatorPid(file.getFileName().toString()));
            assertTrue(Files.exists(file));
            child.go();
            child.awaitDone();
            assertFalse(Files.exists(file), file + " should be deleted by the child's exit");
            assertEquals(7, value.get(), "the memory stays mapped here");
        }
    }

    @Test
    void filesOfAKilledCreatorAreSweptWhileAttachedMemoryStaysUsable() throws Exception {
        try (ShmChild child = ShmChild.start("create")) {
            SharedValue value = (SharedValue) ShmChild.decode(child.nextLine());
            Path file = value.memory().path();
            child.kill();
            assertTrue(Files.exists(file), "a killed JVM cannot delete its files");
            assertTrue(SharedMemory.sweepOrphans(file.getParent()) >= 1);
            assertFalse(Files.exists(file), file + " should be swept");
            assertEquals(7, value.get());
            assertEquals(8, value.incrementAndGet());
        }
    }
}

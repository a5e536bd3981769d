package io.bingfa.multiprocessing;

import static io.bingfa.testing.ChildJvms.joinOrFail;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bingfa.testing.ChildJvms;
import io.bingfa.testing.Waits;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The "joining processes that use queues" deadlock of CPython (CONFORMANCE.md section 7 item 4,
 * gh-73983 / gh-91594): there a child that put more than a pipe buffer (~64 KiB) to a queue cannot
 * exit until the parent reads it, so {@code p.join()} before {@code q.get()} hangs. A
 * {@link ProcessQueue} is hosted by its creator, which stores the items in memory as they arrive:
 * a child's exit hook delivers its buffered puts and the child exits, whether the parent gets or
 * not. A bounded queue is different, as in CPython: a put waits for room, so a child blocked on a
 * full queue exits only after a get.
 */
@Timeout(120)
class ProcessQueueJoinTest {
    private static final int CHUNK = 64 * 1024;
    private static final int CHUNKS = 16; // 1 MiB in all, 16 pipe buffers' worth

    @RegisterExtension
    final ChildJvms children = new ChildJvms();

    private static byte[] chunk(int i) {
        byte[] bytes = new byte[CHUNK];
        for (int j = 0; j < CHUNK; j++) {
            bytes[j] = (byte) (i * 31 + j);
        }
        return bytes;
    }

    @Test
    void childThatPutOneMebibyteCanBeJoinedBeforeTheParentGetsIt() throws Exception {
        ProcessQueue<byte[]> q = new ProcessQueue<>();
        JvmProcess child = children.start(new JvmProcess(() -> {
            for (int i = 0; i < CHUNKS; i++) {
                q.put(chunk(i));
            }
        }));
        joinOrFail(child); // before any get: CPython deadlocks here
        assertEquals(0, child.exitCode());
        assertEquals(CHUNKS, q.qsize());
        for (int i = 0; i < CHUNKS; i++) {
            assertArrayEquals(chunk(i), q.getNowait(), "chunk " + i);
        }
        assertTrue(q.isEmpty());
    }

    @Test
    void childBlockedOnAFullBoundedQueueExitsOnlyAfterAGet() throws Exception {
        ProcessQueue<byte[]> q = new ProcessQueue<>(1);
        JvmProcess child = children.start(new JvmProcess(() -> {
            q.put(chunk(0));
            q.put(chunk(1)); // waits for room
        }));
        Waits.awaitTrue("the first chunk to arrive", () -> q.qsize() == 1);
        assertFalse(child.join(Duration.ofMillis(300)), "the child's second put waits for room");
        assertArrayEquals(chunk(0), q.get(Waits.PATIENCE));
        joinOrFail(child);
        assertEquals(0, child.exitCode());
        assertArrayEquals(chunk(1), q.getNowait());
    }
}

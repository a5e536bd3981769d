package io.bingfa.multiprocessing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bingfa.testing.ChildJvms;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PoolBigChunkTest {
    @RegisterExtension
    final ChildJvms children = new ChildJvms();

    @Test
    void mapWithMegabyteChunksBothWaysDoesNotDeadlock() throws Exception {
        Pool pool = new Pool(2);
        try {
            List<Long> items = new ArrayList<>();
            for (long i = 0; i < 2_000_000; i++) {
                items.add(i);
            }
            for (int round = 0; round < 3; round++) {
                List<Long> squares = pool.map(x -> x * x, items);
                assertEquals(2_000_000, squares.size());
                assertEquals(1_999_999L * 1_999_999L, squares.get(1_999_999));
            }
        } finally {
            pool.terminate();
            pool.join();
        }
    }
}

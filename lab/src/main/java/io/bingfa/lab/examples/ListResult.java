package io.bingfa.lab.examples;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The result line of the two list-append examples. */
final class ListResult {
    private ListResult() {}

    static void print(ExampleContext ctx, List<String> l) {
        boolean complete = l.size() == 4 && new HashSet<>(l).equals(Set.of("A", "B", "C", "D"))
                && l.get(0).equals("A") && l.get(1).equals("B");
        ctx.result("l = %s: %s", "l = %s：%s", Py.repr(l),
                complete
                        ? ctx.text("every slot filled once, C and D in the order the threads got the lock",
                                "每个位置各写入一次，C和D的先后取决于哪个线程先拿到锁")
                        : ctx.text("a slot was overwritten or left empty", "有位置被覆盖或留空"));
    }
}

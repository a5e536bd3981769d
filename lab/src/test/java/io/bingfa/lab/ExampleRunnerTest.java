package io.bingfa.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bingfa.lab.examples.Example;
import io.bingfa.lab.examples.ExampleContext;
import io.bingfa.lab.examples.ExampleOption;
import io.bingfa.lab.examples.ExampleRunner;
import io.bingfa.lab.examples.Lang;
import io.bingfa.lab.examples.Topic;
import io.bingfa.threading.Event;
import io.bingfa.threading.ExceptHook;
import io.bingfa.threading.Threads;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The runner plays Python's interpreter: thread failures are reported, leftover threads handled. */
class ExampleRunnerTest {

    /** An example made of a lambda, for the runner's own tests. */
    private record Fake(Body body) implements Example {
        interface Body {
            void run(ExampleContext ctx) throws Exception;
        }

        @Override
        public String name() {
            return "fake";
        }

        @Override
        public Topic topic() {
            return Topic.THREADS;
        }

        @Override
        public String description(Lang lang) {
            return lang.pick("fake", "假的");
        }

        @Override
        public String origin() {
            return "test";
        }

        @Override
        public List<ExampleOption> options() {
            return List.of();
        }

        @Override
        public void run(ExampleContext ctx) throws Exception {
            body.run(ctx);
        }
    }

    private record Outcome(int exit, String out, String err) {}

    private static Outcome run(Fake.Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        ExampleContext ctx = new ExampleContext(o, Lang.EN, 1.0, 1L, false, Map.of());
        int exit = ExampleRunner.run(new Fake(body), ctx, e);
        return new Outcome(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void anExceptionInAThreadFailsTheRunAndIsPrintedWithTheThreadsName() {
        AtomicReference<Thread> thread = new AtomicReference<>();
        Outcome o = run(ctx -> {
            Thread t = Threads.start("doomed", () -> {
                throw new IllegalStateException("boom");
            });
            thread.set(t);
            t.join();
        });
        assertEquals(1, o.exit(), o.toString());
        assertTrue(o.err().contains("Exception in thread doomed:"), o.toString());
        assertTrue(o.err().contains("IllegalStateException: boom"), o.toString());
        assertFalse(thread.get().isAlive());
    }

    @Test
    void anExceptionEndingAThreadSubclassFailsTheRunToo() {
        Outcome o = run(ctx -> {
            Thread t = new Thread("subclass") {
                @Override
                public void run() {
                    throw new IllegalArgumentException("bad");
                }
            };
            t.start();
            t.join();
        });
        assertEquals(1, o.exit(), o.toString());
        assertTrue(o.err().contains("Exception in thread subclass:"), o.toString());
    }

    @Test
    void theRunnerRestoresTheExceptHook() {
        ExceptHook before = Threads.exceptHook();
        run(ctx -> { });
        assertSame(before, Threads.exceptHook());
    }

    @Test
    void aNonDaemonThreadLeftRunningIsWaitedForAsPythonsInterpreterDoes() {
        Thread runner = Thread.currentThread();
        AtomicReference<Thread> thread = new AtomicReference<>();
        Outcome o = run(ctx -> thread.set(Threads.start("straggler", () -> {
            // ends only once the runner waits for it, after the example's main part has returned
            while (runner.getState() != Thread.State.WAITING && runner.getState() != Thread.State.TIMED_WAITING) {
                Thread.onSpinWait();
            }
            ctx.print("straggler done");
        })));
        assertEquals(0, o.exit(), o.toString());
        assertTrue(o.out().contains("straggler done"), o.toString());
        assertFalse(thread.get().isAlive());
    }

    @Test
    void aDaemonThreadLeftRunningIsStoppedAsTheProcessEndWouldStopIt() {
        AtomicReference<Thread> thread = new AtomicReference<>();
        Outcome o = run(ctx -> {
            Thread t = Thread.ofPlatform().name("forever").daemon(true).start(() -> {
                try {
                    new Event().await();
                } catch (InterruptedException stopped) {
                    // the end of the process
                }
            });
            thread.set(t);
        });
        assertEquals(0, o.exit(), o.toString());
        assertFalse(thread.get().isAlive());
    }

    @Test
    void anExceptionFromTheMainPartFailsTheRun() {
        Outcome o = run(ctx -> {
            throw new UnsupportedOperationException("main failed");
        });
        assertEquals(1, o.exit(), o.toString());
        assertTrue(o.err().contains("example fake failed:"), o.toString());
        assertTrue(o.err().contains("main failed"), o.toString());
    }
}

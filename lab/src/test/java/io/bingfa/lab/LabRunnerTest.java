package io.bingfa.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bingfa.lab.examples.Lang;
import io.bingfa.lab.experiments.Experiment;
import io.bingfa.lab.experiments.LabRunner;
import io.bingfa.lab.experiments.Section;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner goes on past a failing experiment, reports it in its section, and exits 1. */
class LabRunnerTest {

    private static Experiment experiment(String name, boolean fails) {
        return new Experiment() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String title(Lang lang) {
                return "Title of " + name;
            }

            @Override
            public String question(Lang lang) {
                return "Does " + name + " work?";
            }

            @Override
            public String origin() {
                return "test";
            }

            @Override
            public void run(io.bingfa.lab.experiments.LabContext ctx, Section s) {
                s.headers("what", "value");
                s.row("answer", 42);
                if (fails) {
                    throw new IllegalStateException("measured nonsense <42>");
                }
                s.conclusion("the answer is " + s.rows().get(0).get(1));
            }
        };
    }

    @Test
    void aFailingExperimentGetsASectionSayingSoAndTheOthersStillRun(@TempDir Path dir) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = LabRunner.run(List.of(experiment("broken", true), experiment("fine", false)), Lang.EN, true, false,
                dir, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(1, code);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("lab: broken failed:"), err.toString(StandardCharsets.UTF_8));
        String html = Files.readString(dir.resolve("index.html"), StandardCharsets.UTF_8);
        assertTrue(html.contains("This experiment failed: java.lang.IllegalStateException: measured nonsense &lt;42&gt;"), html);
        assertTrue(html.contains("<section id=\"fine\">"), html);
        assertTrue(html.contains("the answer is 42"), html);
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("=> the answer is 42"));
    }
}

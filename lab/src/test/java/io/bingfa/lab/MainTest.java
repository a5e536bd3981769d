package io.bingfa.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bingfa.lab.examples.Example;
import io.bingfa.lab.examples.Examples;
import io.bingfa.lab.examples.Lang;
import io.bingfa.lab.examples.Topic;
import org.junit.jupiter.api.Test;

/** The command line: dispatch, listing, help and the errors that exit with 2. */
class MainTest {

    @Test
    void helpPrintsTheCommandsAndExitsZero() {
        for (String help : new String[] {"--help", "-h", "help"}) {
            LabRun.Result r = LabRun.run(help);
            assertEquals(0, r.exit(), r.both());
            assertTrue(r.out().contains("example list"), r.both());
            assertTrue(r.out().contains("example NAME"), r.both());
            assertTrue(r.out().contains("lab"), r.both());
        }
    }

    @Test
    void helpListsTheEchoServersCommandsAndEachHasItsOwnHelp() {
        LabRun.Result r = LabRun.run("help");
        for (String line : new String[] {"serve echo [--mode M]", "client echo [--messages N]", "load echo [--connections N]"}) {
            assertTrue(r.out().contains(line), line + "\n" + r.both());
        }
        for (String command : new String[] {"serve", "client", "load"}) {
            r = LabRun.run("help", command);
            assertEquals(0, r.exit(), r.both());
            assertTrue(r.out().startsWith("Usage: ./bingfa " + command + " echo"), r.both());
        }
        r = LabRun.run("help", "serv");
        assertEquals(2, r.exit(), r.both());
        assertTrue(r.err().contains("help: unknown command: serv (expected: example, lab, serve, client or load)"), r.both());
    }

    @Test
    void noCommandExitsTwoWithTheUsage() {
        LabRun.Result r = LabRun.run();
        assertEquals(2, r.exit(), r.both());
        assertTrue(r.err().contains("missing command"), r.both());
        assertTrue(r.err().contains("example list"), r.both());
    }

    @Test
    void unknownCommandExitsTwoNamingIt() {
        LabRun.Result r = LabRun.run("exampel");
        assertEquals(2, r.exit(), r.both());
        assertTrue(r.err().contains("unknown command: exampel"), r.both());
        assertTrue(r.err().contains("example, lab, serve, client, load or help"), r.both());
    }

    @Test
    void exampleListShowsEveryExampleWithItsDescriptionUnderItsTopic() {
        LabRun.Result r = LabRun.run("example", "list");
        assertEquals(0, r.exit(), r.both());
        java.util.List<String> lines = r.lines();
        int at = 0;
        for (Topic topic : Topic.values()) {
            at++;
            assertEquals(topic.title(Lang.EN), lines.get(at), "topic " + topic + "\n" + r.both());
            for (Example example : Examples.of(topic)) {
                at++;
                assertTrue(lines.get(at).matches(" +" + example.name() + " +.*"), lines.get(at) + "\n" + r.both());
                assertTrue(lines.get(at).endsWith("  " + example.description(Lang.EN)), r.both());
            }
        }
        assertEquals(Examples.all().size() + Topic.values().length + 1, r.lines().size(), r.both());
    }

    @Test
    void exampleListInChineseShowsTheChineseDescriptions() {
        LabRun.Result r = LabRun.run("example", "list", "--lang", "zh");
        assertEquals(0, r.exit(), r.both());
        for (Example example : Examples.all()) {
            assertTrue(r.out().contains(example.name() + " "), r.both());
            assertTrue(r.out().contains(example.description(Lang.ZH)), r.both());
        }
        assertTrue(r.out().contains("共享数据与互斥锁"), r.both());
    }

    @Test
    void unknownExampleExitsTwoListingTheValidNames() {
        LabRun.Result r = LabRun.run("example", "no-such-example");
        assertEquals(2, r.exit(), r.both());
        assertEquals("", r.out(), r.both());
        assertTrue(r.err().contains("unknown example: no-such-example"), r.both());
        for (String name : Examples.names()) {
            assertTrue(r.err().contains(name), name + " not offered\n" + r.both());
        }
    }

    @Test
    void unknownExampleSuggestsTheClosestName() {
        LabRun.Result r = LabRun.run("example", "mutex");
        assertEquals(2, r.exit(), r.both());
        assertTrue(r.err().contains("Did you mean: mutex-countdown"), r.both());
        r = LabRun.run("example", "dead-lock");
        assertTrue(r.err().contains("Did you mean: deadlock"), r.both());
    }

    @Test
    void exampleWithoutANameExitsTwo() {
        LabRun.Result r = LabRun.run("example");
        assertEquals(2, r.exit(), r.both());
        assertTrue(r.err().contains("missing example name"), r.both());
    }

    @Test
    void unknownOptionExitsTwoListingTheExamplesOptions() {
        LabRun.Result r = LabRun.run("example", "mutex-countdown", "--nolock");
        assertEquals(2, r.exit(), r.both());
        assertTrue(r.err().contains("unknown option for example mutex-countdown: --nolock"), r.both());
        assertTrue(r.err().contains("--no-lock"), r.both());
        assertTrue(r.err().contains("--time-scale"), r.both());
    }

    @Test
    void badValuesExitTwoNamingTheValueAndWhatWasExpected() {
        LabRun.Result r = LabRun.run("example", "shared-data", "--lang", "fr");
        assertEquals(2, r.exit(), r.both());
        assertTrue(r.err().contains("--lang: fr (expected: en or zh)"), r.both());

        r = LabRun.run("example", "shared-data", "--time-scale", "fast");
        assertEquals(2, r.exit(), r.both());
        assertTrue(r.err().contains("--time-scale: fast"), r.both());

        r = LabRun.run("example", "shared-data", "--time-scale=-1");
        assertEquals(2, r.exit(), r.both());

        r = LabRun.run("example", "car-factory", "--cars", "0");
        assertEquals(2, r.exit(), r.both());
        assertTrue(r.err().contains("--cars: 0 (expected: a whole number >= 1)"), r.both());

        r = LabRun.run("example", "condition-dialogue", "--mode", "semaphore");
        assertEquals(2, r.exit(), r.both());
        assertTrue(r.err().contains("--mode: semaphore (expected: one of condition, lock, poll)"), r.both());

        r = LabRun.run("example", "shared-data", "--seed");
        assertEquals(2, r.exit(), r.both());
        assertTrue(r.err().contains("--seed: missing value"), r.both());

        r = LabRun.run("example", "shared-data", "extra");
        assertEquals(2, r.exit(), r.both());
        assertTrue(r.err().contains("unexpected argument: extra"), r.both());
    }

    @Test
    void exampleHelpDescribesItAndItsOptionsWithoutRunningIt() {
        LabRun.Result r = LabRun.run("example", "mutex-countdown", "--help");
        assertEquals(0, r.exit(), r.both());
        Example example = Examples.find("mutex-countdown").orElseThrow();
        assertTrue(r.out().contains(example.description(Lang.EN)), r.both());
        assertTrue(r.out().contains(example.origin()), r.both());
        assertTrue(r.out().contains("--no-lock"), r.both());
        assertTrue(r.out().contains("--time-scale"), r.both());
        assertFalse(r.out().contains("result:"), r.both());

        r = LabRun.run("example", "queue-workers", "--help", "--lang", "zh");
        assertEquals(0, r.exit(), r.both());
        assertTrue(r.out().contains("--mode workers|exit-flag"), r.both());
        assertTrue(r.out().contains("选项"), r.both());
    }

    @Test
    void exampleRunnerHelpListsTheCommonOptions() {
        LabRun.Result r = LabRun.run("example", "--help");
        assertEquals(0, r.exit(), r.both());
        for (String option : new String[] {"--lang", "--time-scale", "--seed", "--color"}) {
            assertTrue(r.out().contains(option), option + "\n" + r.both());
        }
    }

    @Test
    void labListNamesEveryExperiment() {
        LabRun.Result r = LabRun.run("lab", "list");
        assertEquals(0, r.exit(), r.both());
        for (String name : io.bingfa.lab.experiments.Experiments.names()) {
            assertTrue(r.out().contains("  " + name + " "), name + "\n" + r.both());
        }
    }

    @Test
    void labHelpExplainsAndUnknownExperimentExitsTwoWithTheValidNames() {
        LabRun.Result r = LabRun.run("lab", "--help");
        assertEquals(0, r.exit(), r.both());
        assertTrue(r.out().contains("Usage: ./bingfa lab"), r.both());
        String help = r.out().replace("\n", " ");
        for (String name : io.bingfa.lab.experiments.Experiments.names()) {
            assertTrue(help.contains(" " + name + ",") || help.contains(" " + name + "."), "--help names " + name + "\n" + r.out());
        }

        r = LabRun.run("lab", "gil");
        assertEquals(2, r.exit(), r.both());
        assertTrue(r.err().contains("unknown experiment: gil"), r.both());
        for (String name : io.bingfa.lab.experiments.Experiments.names()) {
            assertTrue(r.err().contains(name), name + "\n" + r.both());
        }

        r = LabRun.run("lab", "--lang", "fr");
        assertEquals(2, r.exit(), r.both());
        assertTrue(r.err().contains("--lang: fr (expected: en or zh)"), r.both());
    }

    @Test
    void helpForACommandShowsThatCommandsUsage() {
        LabRun.Result r = LabRun.run("help", "example");
        assertEquals(0, r.exit(), r.both());
        assertTrue(r.out().contains("Usage: ./bingfa example list"), r.both());
        r = LabRun.run("help", "lab");
        assertEquals(0, r.exit(), r.both());
        assertTrue(r.out().contains("Usage: ./bingfa lab"), r.both());
    }
}

package io.bingfa.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bingfa.lab.examples.Example;
import io.bingfa.lab.examples.ExampleOption;
import io.bingfa.lab.examples.Examples;
import io.bingfa.lab.examples.Lang;
import io.bingfa.threading.Deadlocks;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What every registered example must have and do. */
class ExamplesTest {
    private static final String CJK = ".*[\\u4e00-\\u9fff].*";

    @Test
    void everyExampleHasAKebabCaseNameATopicAndDescriptionsInBothLanguages() {
        Set<String> names = new HashSet<>();
        for (Example example : Examples.all()) {
            String name = example.name();
            assertTrue(name.matches("[a-z]+(-[a-z]+)*"), "not kebab-case: " + name);
            assertTrue(names.add(name), "two examples named " + name);
            assertTrue(example.topic() != null, name);
            String en = example.description(Lang.EN);
            String zh = example.description(Lang.ZH);
            assertFalse(en.isBlank(), name);
            assertFalse(en.matches(CJK), "English description with Chinese in it: " + name + ": " + en);
            assertTrue(zh.matches(CJK), "Chinese description without Chinese: " + name + ": " + zh);
            assertFalse(en.contains("\n") || zh.contains("\n"), "descriptions are one line: " + name);
            assertFalse(example.origin().isBlank(), name);
            for (ExampleOption option : example.options()) {
                assertTrue(option.name().matches("[a-z]+(-[a-z]+)*"), name + ": " + option.name());
                assertFalse(option.en().isBlank(), name + " --" + option.name());
                assertTrue(option.zh().matches(CJK), name + " --" + option.name() + ": " + option.zh());
                if (!(option.kind() == ExampleOption.Kind.TEXT && option.defaultValue().isEmpty())) { // "not given"
                    assertEquals(null, option.check(option.defaultValue()), name + " --" + option.name());
                }
            }
        }
        assertEquals(Examples.all().size(), names.size());
    }

    @Test
    void theRequiredExamplesAreRegistered() {
        for (String name : new String[] {"thread-start", "thread-join", "shared-data", "thread-info",
                "daemon-thread", "mutex-countdown", "pos-machine", "list-append-lock", "list-append-rlock",
                "thread-local", "car-factory", "producer-consumer", "queue-workers", "condition-dialogue",
                "event-network", "deadlock", "bank-account", "two-downloads-threads", "thread-subclass-timing"}) {
            assertTrue(Examples.find(name).isPresent(), name);
        }
    }

    static Stream<Arguments> everyExampleInBothLanguages() {
        return Examples.names().stream().flatMap(name -> Stream.of(
                Arguments.of(name, "en"), Arguments.of(name, "zh")));
    }

    @ParameterizedTest(name = "{0} --lang {1}")
    @MethodSource("everyExampleInBothLanguages")
    void everyExampleRunsWithoutExceptionsAtATinyTimeScale(String name, String lang) {
        LabRun.Result r = LabRun.example(name, "--time-scale", "0.001", "--seed", "42", "--lang", lang);
        if (lang.equals("zh")) {
            assertTrue(r.lines().get(r.lines().size() - 1).startsWith("结果: "), r.both());
        } else {
            assertTrue(r.lines().get(r.lines().size() - 1).startsWith("result: "), r.both());
        }
        assertFalse(Deadlocks.isDetecting(), "deadlock detection left on by " + name);
    }
}

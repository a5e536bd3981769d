package io.bingfa.lab.examples;

import java.util.List;
import java.util.Objects;

/** Holds an example's name, topic, descriptions, origin and options; subclasses write {@code run}. */
abstract class BaseExample implements Example {
    private final String name;
    private final Topic topic;
    private final String en;
    private final String zh;
    private final String origin;
    private final List<ExampleOption> options;

    BaseExample(String name, Topic topic, String en, String zh, String origin, ExampleOption... options) {
        this.name = Objects.requireNonNull(name, "name");
        this.topic = Objects.requireNonNull(topic, "topic");
        this.en = Objects.requireNonNull(en, "en");
        this.zh = Objects.requireNonNull(zh, "zh");
        this.origin = Objects.requireNonNull(origin, "origin");
        this.options = List.of(options);
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final Topic topic() {
        return topic;
    }

    @Override
    public final String description(Lang lang) {
        return lang.pick(en, zh);
    }

    @Override
    public final String origin() {
        return origin;
    }

    @Override
    public final List<ExampleOption> options() {
        return options;
    }

    @Override
    public String toString() {
        return "Example[" + name + "]";
    }
}

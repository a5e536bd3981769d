package io.bingfa.lab;

import io.bingfa.lab.examples.Example;
import io.bingfa.lab.examples.Examples;
import io.bingfa.lab.examples.Lang;
import io.bingfa.lab.examples.Topic;
import java.io.PrintStream;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** The examples grouped by topic, as {@code example list} and {@code lab} print them. */
final class Listing {
    private Listing() {}

    static void print(PrintStream out, Lang lang, String indent) {
        int width = Examples.all().stream().map(Example::name).mapToInt(String::length).max().orElse(0);
        for (Topic topic : Topic.values()) {
            List<Example> examples = Examples.of(topic);
            if (examples.isEmpty()) {
                continue;
            }
            out.println(indent + topic.title(lang));
            for (Example example : examples) {
                out.printf("%s  %-" + width + "s  %s%n", indent, example.name(), example.description(lang));
            }
        }
    }

    /** The names closest to a mistyped one (edit distance at most 3, or sharing a word), best first. */
    static List<String> closest(String wrong) {
        String typed = wrong.toLowerCase(Locale.ROOT);
        return Examples.names().stream()
                .filter(name -> distance(typed, name) <= 3 || shareAWord(typed, name))
                .sorted(Comparator.comparingInt(name -> distance(typed, name)))
                .limit(3)
                .toList();
    }

    private static boolean shareAWord(String a, String b) {
        for (String word : a.split("[-_ ]")) {
            if (word.length() >= 4 && b.contains(word)) {
                return true;
            }
        }
        return false;
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}

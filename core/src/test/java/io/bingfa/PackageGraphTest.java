package io.bingfa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Pins the package graph of STYLE.md: imports run one way,
 * {@code internal <- threading <- queue <- futures <- multiprocessing} and
 * {@code futures <- asyncio <- socketserver}. A package may use the packages listed for it and,
 * through them, nothing else; a new package must be added here before it can exist.
 */
class PackageGraphTest {
    /** For each package below io.bingfa ("" is the root), the packages it may import directly. */
    private static final Map<String, Set<String>> ALLOWED = Map.of(
            "", Set.of(),
            "internal", Set.of(""),
            "threading", Set.of("", "internal"),
            "queue", Set.of("", "internal", "threading"),
            "futures", Set.of("", "internal", "threading", "queue"),
            "multiprocessing", Set.of("", "internal", "threading", "queue", "futures"),
            "asyncio", Set.of("", "internal", "threading", "queue", "futures"),
            "subprocess", Set.of("", "internal", "threading", "futures"),
            "socketserver", Set.of("", "internal", "threading", "queue", "futures", "asyncio",
                    "multiprocessing"));

    private static final Pattern REFERENCE = Pattern.compile("\\bio\\.bingfa\\.([a-z]+)\\b");
    /** Comments are documentation, not dependencies: {@code {@link}} may point anywhere. */
    private static final Pattern COMMENT = Pattern.compile("(?s)/\\*.*?\\*/|//[^\\n]*");

    @Test
    void everyPackageImportsOnlyDownward() throws IOException {
        Path sources = Path.of("src/main/java/io/bingfa");
        assertTrue(Files.isDirectory(sources), "run from the core module: " + sources.toAbsolutePath());
        List<String> violations = new ArrayList<>();
        Set<String> seenPackages = new TreeSet<>();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String pkg = packageOf(sources, file);
                seenPackages.add(pkg);
                Set<String> allowed = ALLOWED.get(pkg);
                if (allowed == null) {
                    violations.add(file + ": package io.bingfa." + pkg
                            + " is not in the graph (add it to PackageGraphTest and STYLE's order)");
                    continue;
                }
                String text = COMMENT.matcher(Files.readString(file)).replaceAll(" ");
                Matcher m = REFERENCE.matcher(text);
                while (m.find()) {
                    String used = m.group(1);
                    if (!used.equals(pkg) && !allowed.contains(used)) {
                        violations.add(file + ": io.bingfa." + pkg + " uses io.bingfa." + used
                                + " (allowed: " + new TreeSet<>(allowed) + ")");
                    }
                }
            }
        }
        assertEquals(List.of(), violations);
        assertTrue(seenPackages.containsAll(Set.of("", "internal", "threading", "queue")),
                "expected the foundation packages, found " + seenPackages);
    }

    @Test
    void allowedGraphIsAcyclic() {
        for (String start : ALLOWED.keySet()) {
            assertTrue(!reaches(start, start, new TreeSet<>()),
                    "the allowed graph has a cycle through io.bingfa." + start);
        }
    }

    private static boolean reaches(String from, String target, Set<String> visited) {
        for (String next : ALLOWED.getOrDefault(from, Set.of())) {
            if (next.equals(target)) {
                return true;
            }
            if (visited.add(next) && reaches(next, target, visited)) {
                return true;
            }
        }
        return false;
    }

    private static String packageOf(Path root, Path file) {
        Path dir = root.relativize(file.getParent());
        String rel = dir.toString();
        if (rel.isEmpty()) {
            return "";
        }
        return dir.getName(0).toString();
    }
}

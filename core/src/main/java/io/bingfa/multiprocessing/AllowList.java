package io.bingfa.multiprocessing;

import java.io.ObjectInputFilter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The classes that bingfa agrees to deserialise from another process: the only way bytes from a
 * pipe, a queue, a pool worker or a manager connection become objects.
 *
 * <p>Allowed without configuration:
 * <ul>
 *   <li>primitives, arrays of allowed types, and the JDK's value and collection types
 *       ({@code java.lang}, {@code java.util}, {@code java.util.concurrent(.atomic)},
 *       {@code java.time}, {@code java.math}, {@code java.net.URI}, {@code java.net.InetSocketAddress});
 *   <li>{@code io.bingfa} and its packages, and serialisable lambdas
 *       ({@code java.lang.invoke.SerializedLambda}; the lambda's captured values are checked like
 *       any other object);
 *   <li>records and enums of any package (records are rebuilt through their canonical constructor,
 *       enums by name: neither runs class-specific deserialisation code);
 *   <li>exceptions ({@code Throwable} subclasses), so that a task's own exception type comes back;
 *   <li>classes that are not {@code Serializable}: a stream can name them (a lambda names the
 *       class that wrote it, a {@code Class} value its class) but never build an instance of one,
 *       and naming a class loads it without initialising it; and hidden classes, which no stream
 *       can name: they appear only as what a {@code SerializedLambda} resolves to.
 * </ul>
 * Anything else (an application class that is neither a record, an enum nor an exception) is
 * refused with a {@link NotAllowedClassException} until a pattern allows it:
 * {@code com.example.Point} (one class), {@code com.example.*} (one package, nested classes
 * included) or {@code com.example.**} (a package and everything below it). Patterns come from the
 * system property {@value #PROPERTY} (comma-separated) and from {@link #allow(String)}; child JVMs
 * that bingfa starts receive this JVM's patterns.
 *
 * <p>Limits guard against resource exhaustion: an object graph deeper than 2,000 levels, an array
 * longer than 256 Mi elements or more than 50 M references is refused too.
 */
public final class AllowList {
    /** The system property with extra patterns, comma-separated. */
    public static final String PROPERTY = "bingfa.serial.allow";

    private static final Set<String> JDK_PACKAGES = Set.of("java.lang", "java.util",
            "java.util.concurrent", "java.util.concurrent.atomic", "java.time", "java.time.chrono",
            "java.time.zone", "java.math");
    private static final Set<String> JDK_CLASSES = Set.of("java.lang.invoke.SerializedLambda",
            "java.net.URI", "java.net.SocketAddress", "java.net.InetSocketAddress", "java.net.InetAddress",
            "java.net.Inet4Address", "java.net.Inet6Address", "java.net.InetAddress$InetAddressHolder",
            "java.net.Inet6Address$Inet6AddressHolder", "java.net.InetSocketAddress$InetSocketAddressHolder", "java.lang.Number", "java.lang.Enum",
            "java.lang.Record");
    private static final long MAX_DEPTH = 2_000;
    private static final long MAX_ARRAY = 256L << 20;
    private static final long MAX_REFS = 50_000_000;

    private static final List<String> PATTERNS = new CopyOnWriteArrayList<>(fromProperty());
    private static final ThreadLocal<String> REJECTED = new ThreadLocal<>();
    private static final ObjectInputFilter FILTER = AllowList::check;

    private AllowList() {}

    /**
     * Allows the classes matching {@code pattern} in this JVM and in child JVMs started after
     * this call.
     *
     * @param pattern {@code a.b.C}, {@code a.b.*} or {@code a.b.**}
     * @throws IllegalArgumentException if the pattern is empty or malformed
     */
    public static void allow(String pattern) {
        String p = pattern.strip();
        if (p.isEmpty() || p.startsWith(".") || p.contains(",") || p.contains(" ")
                || (p.contains("*") && !(p.endsWith(".*") || p.endsWith(".**")))
                || p.indexOf('*') != p.lastIndexOf('*') && !p.endsWith(".**")) {
            throw new IllegalArgumentException("pattern: '" + pattern
                    + "' (expected: a.b.Class, a.b.* or a.b.**)");
        }
        if (!PATTERNS.contains(p)) {
            PATTERNS.add(p);
        }
    }

    /** Returns the extra patterns in force, in the order they were added. */
    public static List<String> patterns() {
        return List.copyOf(PATTERNS);
    }

    /** Returns the filter bingfa installs on every stream it reads from another process. */
    public static ObjectInputFilter filter() {
        return FILTER;
    }

    /** Returns {@code true} if instances of {@code type} may be deserialised. */
    public static boolean allows(Class<?> type) {
        while (type.isArray()) {
            type = type.getComponentType();
        }
        if (type.isPrimitive() || type.isRecord() || type.isEnum()
                || Throwable.class.isAssignableFrom(type)
                || !java.io.Serializable.class.isAssignableFrom(type) || type.isHidden()) {
            return true;
        }
        String name = type.getName();
        if (JDK_CLASSES.contains(name) || JDK_PACKAGES.contains(type.getPackageName())
                || name.startsWith("io.bingfa.")) {
            return !name.equals("java.lang.Thread") && !name.startsWith("java.lang.ProcessBuilder");
        }
        for (String p : PATTERNS) {
            if (matches(p, name, type.getPackageName())) {
                return true;
            }
        }
        return false;
    }

    static String describe() {
        return "JDK value types, io.bingfa, records, enums, exceptions"
                + (PATTERNS.isEmpty() ? "" : ", " + String.join(", ", PATTERNS));
    }

    /** The class the last refusal on this thread was about, for the exception message. */
    static String lastRejected() {
        return REJECTED.get();
    }

    static void clearRejected() {
        REJECTED.remove();
    }

    /** The value of {@value #PROPERTY} to hand to a child JVM. */
    static String propertyValue() {
        return String.join(",", PATTERNS);
    }

    private static ObjectInputFilter.Status check(ObjectInputFilter.FilterInfo info) {
        if (info.depth() > MAX_DEPTH || info.references() > MAX_REFS
                || info.arrayLength() > MAX_ARRAY) {
            REJECTED.set("(object graph over the limits: depth " + info.depth() + ", references "
                    + info.references() + ", array length " + info.arrayLength() + ")");
            return ObjectInputFilter.Status.REJECTED;
        }
        Class<?> type = info.serialClass();
        if (type == null) {
            return ObjectInputFilter.Status.ALLOWED;
        }
        if (allows(type)) {
            return ObjectInputFilter.Status.ALLOWED;
        }
        REJECTED.set(type.getName());
        return ObjectInputFilter.Status.REJECTED;
    }

    private static boolean matches(String pattern, String name, String pkg) {
        if (pattern.endsWith(".**")) {
            String prefix = pattern.substring(0, pattern.length() - 2);
            return name.startsWith(prefix);
        }
        if (pattern.endsWith(".*")) {
            return pkg.equals(pattern.substring(0, pattern.length() - 2));
        }
        return name.equals(pattern);
    }

    private static List<String> fromProperty() {
        List<String> result = new ArrayList<>();
        String value = System.getProperty(PROPERTY, "");
        for (String p : value.split(",")) {
            if (!p.isBlank()) {
                result.add(p.strip());
            }
        }
        return result;
    }
}

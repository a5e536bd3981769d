package io.bingfa.lab.examples;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Python's way of showing values, for output a Python user recognises. */
final class Py {
    private static final DateTimeFormatter CTIME =
            DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss.SSS yyyy", Locale.ENGLISH);

    private Py() {}

    /** A list as Python prints it: {@code ['A', 'B', 'C', 'D']}, {@code [1, 2]}. */
    static String repr(List<?> list) {
        return list.stream().map(Py::repr).collect(Collectors.joining(", ", "[", "]"));
    }

    /** A value as Python's {@code repr}: strings in single quotes, booleans as True/False. */
    static String repr(Object value) {
        if (value instanceof String s) {
            return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
        }
        if (value instanceof Boolean b) {
            return b ? "True" : "False";
        }
        return String.valueOf(value);
    }

    /** Python's {@code time.ctime()}, with milliseconds, since the lab often runs time faster. */
    static String ctime() {
        return LocalDateTime.now().format(CTIME);
    }
}

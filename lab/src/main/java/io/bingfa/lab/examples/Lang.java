package io.bingfa.lab.examples;

import java.util.Locale;
import java.util.Optional;

/** The language an example prints in: English (the default) or the course's Chinese. */
public enum Lang {
    /** English. */
    EN,
    /** Chinese, the course notes' own text. */
    ZH;

    /** Returns {@code en} or {@code zh}, whichever is this language's. */
    public String pick(String en, String zh) {
        return this == ZH ? zh : en;
    }

    /** The option value: {@code en} or {@code zh}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses an option value: {@code en} or {@code zh} (also {@code zh-CN}, {@code cn}), any case.
     *
     * @param value what the user typed
     * @return the language, or empty if the value names none
     */
    public static Optional<Lang> parse(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "en", "english" -> Optional.of(EN);
            case "zh", "zh-cn", "cn", "chinese" -> Optional.of(ZH);
            default -> Optional.empty();
        };
    }
}

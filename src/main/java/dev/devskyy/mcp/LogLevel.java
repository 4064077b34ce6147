package dev.devskyy.mcp;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The RFC 5424 severities MCP uses for {@code logging/setLevel}, least severe first. */
enum LogLevel {
    DEBUG,
    INFO,
    NOTICE,
    WARNING,
    ERROR,
    CRITICAL,
    ALERT,
    EMERGENCY;

    String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** For error messages: "debug, info, …, emergency". */
    static String wireNames() {
        return Arrays.stream(values()).map(LogLevel::wireName).collect(Collectors.joining(", "));
    }

    static Optional<LogLevel> parse(String text) {
        for (LogLevel level : values()) {
            if (level.wireName().equals(text)) {
                return Optional.of(level);
            }
        }
        return Optional.empty();
    }

    boolean atLeast(LogLevel threshold) {
        return compareTo(threshold) >= 0;
    }
}

package dev.devskyy.csp;

import java.util.Locale;

/**
 * One problem of a policy.
 *
 * @param check a stable identifier, e.g. {@code script-unsafe-inline}
 * @param value the offending source expression, or null when the problem is an absence
 */
public record CspFinding(String check, Severity severity, String directive, String value, String message) {
    /** How bad, most severe first. */
    public enum Severity {
        HIGH,
        MEDIUM,
        LOW,
        INFO;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Severity parse(String text) {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        }

        /** Whether this is at least as severe as {@code threshold}. */
        public boolean atLeast(Severity threshold) {
            return ordinal() <= threshold.ordinal();
        }
    }
}

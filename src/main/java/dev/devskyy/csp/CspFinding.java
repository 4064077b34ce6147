package dev.devskyy.csp;

import java.util.Locale;

/**
 * One problem of a policy.
 *
 * @param check a stable identifier, e.g. {@code script-unsafe-inline}
 * @param value the offending source expression, or null when the problem is an absence
 */
public record CspFinding(String check, Severity severity, String directive, String value, String message) {
    /**
     * How bad. Declared least severe first, as the scan's severities are, so that both order
     * alike: a more severe constant compares greater (SeverityOrderTest holds the two to it).
     */
    public enum Severity {
        INFO,
        LOW,
        MEDIUM,
        HIGH;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Severity parse(String text) {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        }

        /** Whether this is at least as severe as {@code threshold}. */
        public boolean atLeast(Severity threshold) {
            return compareTo(threshold) >= 0;
        }
    }
}

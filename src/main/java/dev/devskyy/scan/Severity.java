package dev.devskyy.scan;

import java.util.Locale;

/** How bad a finding is; the weights are the platform's security score (100 − Σ weights). */
public enum Severity {
    LOW(2),
    MEDIUM(5),
    HIGH(15),
    CRITICAL(25);

    private final int weight;

    Severity(int weight) {
        this.weight = weight;
    }

    int weight() {
        return weight;
    }

    String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    boolean atLeast(Severity other) {
        return compareTo(other) >= 0;
    }

    static Severity parse(String text) {
        for (Severity s : values()) {
            if (s.id().equalsIgnoreCase(text)) {
                return s;
            }
        }
        throw new ScanException("unknown severity '" + text + "' (critical, high, medium or low)");
    }
}

package dev.devskyy.scan;

import java.util.Locale;

/** The three detectors; {@code --checks} names them as secrets, code and deps. */
enum Category {
    SECRET("secrets"),
    CODE("code"),
    DEPENDENCY("deps");

    private final String check;

    Category(String check) {
        this.check = check;
    }

    /** How the category is written in reports: secret, code, dependency. */
    String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** How {@code --checks} names it. */
    String check() {
        return check;
    }

    static Category ofCheck(String text) {
        for (Category c : values()) {
            if (c.check.equalsIgnoreCase(text.strip())) {
                return c;
            }
        }
        throw new ScanException("unknown check '" + text + "' (secrets, code or deps)");
    }

    static Category ofId(String text) {
        for (Category c : values()) {
            if (c.id().equals(text)) {
                return c;
            }
        }
        throw new ScanException("unknown category '" + text + "' (secret or code)");
    }
}

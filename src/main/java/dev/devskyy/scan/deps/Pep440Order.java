package dev.devskyy.scan.deps;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PEP 440 ordering: epoch, release (trailing zeros do not count), then dev releases before
 * pre-releases (a &lt; b &lt; rc) before the release before post-releases, then local labels.
 */
final class Pep440Order implements VersionOrder {
    private static final Pattern VERSION = Pattern.compile(
            "v?(?:(?<epoch>\\d+)!)?(?<release>\\d+(?:\\.\\d+)*)"
                    + "(?:[-_.]?(?<preL>alpha|beta|preview|pre|rc|a|b|c)[-_.]?(?<preN>\\d+)?)?"
                    + "(?:-(?<postN1>\\d+)|[-_.]?(?<postL>post|rev|r)[-_.]?(?<postN2>\\d+)?)?"
                    + "(?:[-_.]?(?<devL>dev)[-_.]?(?<devN>\\d+)?)?"
                    + "(?:\\+(?<local>[a-z0-9]+(?:[-_.][a-z0-9]+)*))?",
            Pattern.CASE_INSENSITIVE);

    /** The parts that order a version; absent parts hold the sentinels PEP 440 implies. */
    private record Key(
            String epoch, String[] release, int preRank, String preN, String post, String dev, String local) {}

    @Override
    public int compare(String a, String b) {
        Key x = key(a);
        Key y = key(b);
        int c = VersionOrder.compareDigits(x.epoch(), y.epoch());
        if (c != 0) {
            return c;
        }
        c = compareRelease(x.release(), y.release());
        if (c != 0) {
            return c;
        }
        c = Integer.compare(x.preRank(), y.preRank());
        if (c != 0) {
            return c;
        }
        c = compareOptional(x.preN(), y.preN(), -1);
        if (c != 0) {
            return c;
        }
        c = compareOptional(x.post(), y.post(), -1);
        if (c != 0) {
            return c;
        }
        c = compareOptional(x.dev(), y.dev(), 1);
        if (c != 0) {
            return c;
        }
        return compareLocal(x.local(), y.local());
    }

    private static Key key(String version) {
        Matcher m = VERSION.matcher(version.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a PEP 440 version: " + version);
        }
        String preL = m.group("preL");
        String post = m.group("postN1") != null
                ? m.group("postN1")
                : m.group("postL") != null ? orZero(m.group("postN2")) : null;
        String dev = m.group("devL") != null ? orZero(m.group("devN")) : null;
        int preRank;
        if (preL == null) {
            // 1.0.dev1 sorts before 1.0a1; 1.0 (and 1.0.post1) after every pre-release
            preRank = post == null && dev != null ? -1 : 3;
        } else {
            preRank = switch (preL.toLowerCase(Locale.ROOT)) {
                case "a", "alpha" -> 0;
                case "b", "beta" -> 1;
                default -> 2;
            };
        }
        String epoch = m.group("epoch") == null ? "0" : m.group("epoch");
        return new Key(
                epoch,
                m.group("release").split("\\."),
                preRank,
                preL == null ? null : orZero(m.group("preN")),
                post,
                dev,
                m.group("local") == null ? null : m.group("local").toLowerCase(Locale.ROOT));
    }

    private static String orZero(String digits) {
        return digits == null ? "0" : digits;
    }

    private static int compareRelease(String[] x, String[] y) {
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int c = VersionOrder.compareDigits(i < x.length ? x[i] : "0", i < y.length ? y[i] : "0");
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /** @param absent -1 when an absent part sorts first (post), 1 when it sorts last (dev) */
    private static int compareOptional(String x, String y, int absent) {
        if (x == null || y == null) {
            return x == null ? (y == null ? 0 : absent) : -absent;
        }
        return VersionOrder.compareDigits(x, y);
    }

    /** No local label sorts first; numeric segments sort after alphanumeric ones. */
    private static int compareLocal(String x, String y) {
        if (x == null || y == null) {
            return x == null ? (y == null ? 0 : -1) : 1;
        }
        String[] a = x.split("[-_.]");
        String[] b = y.split("[-_.]");
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            boolean aNumeric = a[i].chars().allMatch(Character::isDigit);
            boolean bNumeric = b[i].chars().allMatch(Character::isDigit);
            int c = aNumeric && bNumeric
                    ? VersionOrder.compareDigits(a[i], b[i])
                    : aNumeric != bNumeric ? (aNumeric ? 1 : -1) : a[i].compareTo(b[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.length, b.length);
    }
}

package dev.devskyy.scan.deps;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Semantic Versioning 2.0.0 precedence (§11): build metadata ignored, pre-releases before releases. */
final class SemverOrder implements VersionOrder {
    private static final Pattern SEMVER = Pattern.compile(
            "v?(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(?:-([0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*))?(?:\\+[0-9A-Za-z.-]+)?");

    @Override
    public int compare(String a, String b) {
        Matcher x = parse(a);
        Matcher y = parse(b);
        for (int group = 1; group <= 3; group++) {
            int c = VersionOrder.compareDigits(x.group(group), y.group(group));
            if (c != 0) {
                return c;
            }
        }
        return comparePrerelease(x.group(4), y.group(4));
    }

    private static Matcher parse(String version) {
        Matcher m = SEMVER.matcher(version.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a semantic version: " + version);
        }
        return m;
    }

    private static int comparePrerelease(String a, String b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : 1) : -1;
        }
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            boolean xNumeric = x[i].chars().allMatch(Character::isDigit);
            boolean yNumeric = y[i].chars().allMatch(Character::isDigit);
            int c;
            if (xNumeric && yNumeric) {
                c = VersionOrder.compareDigits(x[i], y[i]);
            } else if (xNumeric || yNumeric) {
                c = xNumeric ? -1 : 1;
            } else {
                c = x[i].compareTo(y[i]);
            }
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    }
}

package dev.devskyy.scan.deps;

/**
 * How one ecosystem orders its versions, for OSV ranges: SEMVER 2.0 for npm, PEP 440 for PyPI,
 * Maven's ComparableVersion for Maven.
 */
interface VersionOrder {
    /** Negative, zero or positive; IllegalArgumentException for a version that does not parse. */
    int compare(String a, String b);

    /** Whether two versions are the same version (1.0 and 1.0.0 are, under PEP 440 and Maven). */
    default boolean same(String a, String b) {
        return compare(a, b) == 0;
    }

    static VersionOrder of(String ecosystem) {
        return switch (ecosystem) {
            case "npm" -> new SemverOrder();
            case "PyPI" -> new Pep440Order();
            case "Maven" -> new MavenOrder();
            default -> throw new IllegalArgumentException("no version order for " + ecosystem);
        };
    }

    /** Two runs of ASCII digits as the numbers they are, however long. */
    static int compareDigits(String a, String b) {
        String x = stripZeros(a);
        String y = stripZeros(b);
        return x.length() != y.length() ? Integer.compare(x.length(), y.length()) : x.compareTo(y);
    }

    private static String stripZeros(String digits) {
        int i = 0;
        while (i < digits.length() - 1 && digits.charAt(i) == '0') {
            i++;
        }
        return digits.substring(i);
    }
}

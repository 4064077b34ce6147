package dev.devskyy.scan;

/**
 * One reported problem. Secrets never appear whole: {@code evidence} shows a short prefix of a
 * secret, or the code line with any secret in it cut the same way.
 *
 * @param path relative to the scanned directory, with {@code /} separators
 * @param fingerprint stable while the finding's file and text stay the same, wherever its line moves
 * @param advisory the vulnerability, for dependency findings; null otherwise
 */
public record Finding(
        String ruleId,
        Category category,
        Severity severity,
        String title,
        String path,
        int line,
        int column,
        int endLine,
        String evidence,
        String fingerprint,
        String cwe,
        Advisory advisory) {

    /** A known vulnerability of one dependency, from an OSV record. */
    public record Advisory(
            String id,
            java.util.List<String> aliases,
            String ecosystem,
            String name,
            String version,
            String fixed,
            String summary,
            Severity severity) {}
}

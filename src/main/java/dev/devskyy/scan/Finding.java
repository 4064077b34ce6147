package dev.devskyy.scan;

import dev.devskyy.scan.deps.Advisory;
import dev.devskyy.scan.deps.Dependency;

/**
 * One reported problem. Secrets never appear whole: {@code evidence} shows a short prefix of a
 * secret, or the code line with any secret in it cut the same way. Made by {@link #ofRule} and
 * {@link #dependency}, which take what the rule or the advisory already says.
 *
 * @param path relative to the scanned directory, with {@code /} separators
 * @param fingerprint stable while the finding's file and text stay the same, wherever its line moves
 * @param advisory the vulnerability, for dependency findings; null otherwise
 * @param commit the commit that added the finding's lines, in a history scan; null otherwise
 */
record Finding(
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
        Advisory advisory,
        Commit commit) {

    /** A match of a secrets or code rule, from {@code line}:{@code column} to {@code endLine}. */
    static Finding ofRule(
            Rule rule, String path, int line, int column, int endLine, String evidence, String fingerprint) {
        return new Finding(
                rule.id(),
                rule.category(),
                rule.severity(),
                rule.description(),
                path,
                line,
                column,
                endLine,
                evidence,
                fingerprint,
                rule.cwe(),
                null,
                null);
    }

    /** A vulnerable dependency, shown on its manifest line by its coordinates. */
    static Finding dependency(Dependency dependency, Advisory advisory, String fingerprint) {
        return new Finding(
                advisory.id(),
                Category.DEPENDENCY,
                advisory.severity(),
                dependency.name() + " " + dependency.version() + ": " + advisory.summary(),
                dependency.path(),
                dependency.line(),
                1,
                dependency.line(),
                dependency.coordinates(),
                fingerprint,
                null,
                advisory,
                null);
    }

    /**
     * This finding of a file's added lines, placed in the file those lines were added to: its
     * path, its lines there, and the commit (null for staged changes).
     */
    Finding addedIn(Commit commit, String path, int line, int endLine) {
        return new Finding(
                ruleId,
                category,
                severity,
                title,
                path,
                line,
                column,
                endLine,
                evidence,
                fingerprint,
                cwe,
                advisory,
                commit);
    }
}

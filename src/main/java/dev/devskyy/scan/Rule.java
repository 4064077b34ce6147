package dev.devskyy.scan;

import java.nio.file.Path;
import java.util.List;

/**
 * One detector of the secrets or code checks, as read from a rules file (docs/scan.md). A rule
 * runs its regex only on the lines where one of its keywords occurs, from {@code lookback} bytes
 * before the keyword where set (most matches begin at or just before their keyword, and a regex
 * costs per position it tries); {@code window}, where set, lets a match reach that many bytes after
 * the keyword across lines, for secrets such as PEM blocks. Otherwise a match stays on the
 * keyword's line and within 4096 bytes of the keyword, so no keyword costs a regex more than a
 * bounded stretch of a long line.
 *
 * @param secretGroup the regex group holding the secret ("secret"), or null for the whole match
 * @param files file-name globs the rule applies to; empty for every file
 * @param lookback how far before its keyword a match may begin; -1 for the start of the line
 * @param validator a built-in check the secret must also pass, or null
 * @param unlessSecret a code rule that stays silent on a line where a secret was found
 * @param priority which rules claim a secret first when several match it
 * @param ignorePlaceholders the global placeholders do not apply: for secrets whose real shape is
 *     one of theirs (UUID tokens), which keep their own allowlist instead
 */
record Rule(
        String id,
        String description,
        Category category,
        Severity severity,
        RuleRegex regex,
        String secretGroup,
        List<String> keywords,
        double entropy,
        List<FileNameGlob> files,
        List<RuleRegex> allowedSecrets,
        List<RuleRegex> allowedMatches,
        Validator validator,
        int lookback,
        int window,
        String cwe,
        String help,
        boolean unlessSecret,
        Priority priority,
        boolean ignorePlaceholders) {

    /**
     * The order in which rules claim secrets: one secret is reported once, by the first rule that
     * matches it, so a rule that knows the vendor's format beats one that knows a secret only by
     * where it stands (a URL, a command line, a header), which beats one that knows only a
     * secret-like name. Within a priority, rules keep the order of their files.
     */
    enum Priority {
        VENDOR("vendor"),
        CONTEXT("context"),
        GENERIC("generic");

        final String id;

        Priority(String id) {
            this.id = id;
        }

        static Priority parse(String id) {
            for (Priority p : values()) {
                if (p.id.equals(id)) {
                    return p;
                }
            }
            throw new ScanException("unknown priority '" + id + "' (vendor, context or generic)");
        }
    }

    /** Checks beyond a regex, for token formats that carry their own proof. */
    enum Validator {
        /** GitHub's and npm's base62 CRC32 suffix. */
        TOKEN_CHECKSUM("token-checksum"),
        /** A JOSE header that decodes to a JSON object naming an algorithm. */
        JWT("jwt"),
        /** Neither words nor an identifier, nor base64 of text: for secrets known only by a name. */
        LOOKS_RANDOM("looks-random");

        final String id;

        Validator(String id) {
            this.id = id;
        }

        static Validator parse(String id) {
            for (Validator v : values()) {
                if (v.id.equals(id)) {
                    return v;
                }
            }
            throw new ScanException("unknown validator '" + id + "' (token-checksum, jwt or looks-random)");
        }
    }

    boolean appliesTo(Path fileName) {
        if (files.isEmpty()) {
            return true;
        }
        for (FileNameGlob matcher : files) {
            if (matcher.matches(fileName)) {
                return true;
            }
        }
        return false;
    }
}

package dev.devskyy.scan;

import dev.devskyy.io.Printable;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/** The scan for people: findings grouped by file, then the summary. Colour only when asked. */
final class TextReport {
    private static final String RESET = "\u001b[0m";
    private static final String BOLD = "\u001b[1m";
    private static final String DIM = "\u001b[2m";

    private TextReport() {}

    /** Findings by file (in history: by commit, then file), then the summary. */
    static String full(ScanResult result, boolean colour) {
        StringBuilder out = new StringBuilder();
        String heading = null;
        for (Finding f : result.findings()) {
            String key = f.commit() == null ? f.path() : f.commit().id() + '\0' + f.path();
            if (!key.equals(heading)) {
                heading = key;
                out.append(out.length() == 0 ? "" : "\n")
                        .append(paint(colour, BOLD, Printable.of(f.path())))
                        .append(f.commit() == null ? "" : "  " + paint(colour, DIM, Printable.of(added(f.commit()))))
                        .append('\n');
            }
            String where = f.line() + ":" + f.column();
            out.append(String.format(Locale.ROOT, "  %-8s ", where))
                    .append(paint(
                            colour,
                            colourOf(f.severity()),
                            String.format("%-8s", f.severity().name())))
                    .append(' ')
                    .append(String.format("%-26s ", f.ruleId()))
                    .append(Printable.of(f.title()));
            if (f.category() != Category.DEPENDENCY) {
                out.append("  ").append(paint(colour, DIM, Printable.of(f.evidence())));
            } else if (f.advisory().fixed() != null) {
                out.append("  ")
                        .append(paint(colour, DIM, "(fixed in " + f.advisory().fixed() + ")"));
            }
            out.append('\n');
        }
        if (out.length() > 0) {
            out.append('\n');
        }
        return out.append(summary(result, colour)).toString();
    }

    /** The commit that added a file's findings, as its heading shows it. */
    private static String added(Commit c) {
        return "commit " + c.id().substring(0, Math.min(12, c.id().length())) + " " + c.author() + " <" + c.email()
                + "> " + c.date();
    }

    /** The summary lines alone. */
    static String summary(ScanResult result, boolean colour) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                Locale.ROOT,
                "%d findings: %d critical, %d high, %d medium, %d low (secret %d, code %d, dependency %d)%n",
                result.findings().size(),
                result.count(Severity.CRITICAL),
                result.count(Severity.HIGH),
                result.count(Severity.MEDIUM),
                result.count(Severity.LOW),
                result.count(Category.SECRET),
                result.count(Category.CODE),
                result.count(Category.DEPENDENCY)));
        out.append(String.format(
                Locale.ROOT,
                "%s%d files scanned (%s) in %.2f s; skipped: %s%n",
                scope(result.git()),
                result.filesScanned(),
                megabytes(result.bytesScanned()),
                result.durationMillis() / 1000.0,
                counts(result.skipped(), SkipReason::id)));
        out.append("suppressed: ")
                .append(counts(result.suppressed(), reason -> reason))
                .append('\n');
        out.append(ScanReport.dependencyNote(result)).append('\n');
        out.append("security score: ").append(result.securityScore()).append("/100\n");
        String verdict = result.failed() ? "FAILED" : "passed";
        out.append(paint(colour, result.failed() ? colourOf(Severity.CRITICAL) : "\u001b[32m", verdict))
                .append(" at --fail-on ")
                .append(result.failOn().id());
        return out.toString();
    }

    /** The counts that are not zero, as "2 binary, 1 too large". */
    private static <R> String counts(Map<R, Long> counts, Function<R, String> id) {
        StringBuilder out = new StringBuilder();
        counts.forEach((reason, n) -> {
            if (n > 0) {
                out.append(out.length() == 0 ? "" : ", ")
                        .append(n)
                        .append(' ')
                        .append(id.apply(reason).replace('_', ' '));
            }
        });
        return out.length() == 0 ? "none" : out.toString();
    }

    /** What a git scan read, before the file count: "12 commits: ". */
    private static String scope(ScanResult.Git git) {
        if (git == null) {
            return "";
        }
        return git.staged() ? "staged changes: " : git.commits() + " commits: ";
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }

    private static String colourOf(Severity severity) {
        return switch (severity) {
            case CRITICAL -> "\u001b[1;31m";
            case HIGH -> "\u001b[31m";
            case MEDIUM -> "\u001b[33m";
            case LOW -> "\u001b[36m";
        };
    }

    private static String paint(boolean colour, String code, String text) {
        return colour ? code + text + RESET : text;
    }
}

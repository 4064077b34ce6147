package dev.devskyy.scan;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The patterns of one {@code .gitignore}, matched as git matches them (gitignore(5)): relative to
 * the file's directory, last match wins, {@code !} re-includes, a trailing {@code /} matches only
 * directories, a pattern without an inner {@code /} matches a name at any depth, {@code **} spans
 * directories.
 */
final class Gitignore {
    private record Entry(Pattern pattern, boolean negated, boolean directoryOnly) {}

    /** Whether a path is ignored, re-included, or not mentioned at all. */
    enum Verdict {
        IGNORED,
        INCLUDED,
        UNMENTIONED
    }

    private final List<Entry> entries;

    private Gitignore(List<Entry> entries) {
        this.entries = entries;
    }

    static Gitignore parse(String text) {
        List<Entry> entries = new ArrayList<>();
        for (String raw : text.split("\r?\n", -1)) {
            String line = trimTrailingSpaces(raw);
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            boolean negated = line.startsWith("!");
            if (negated || line.startsWith("\\!") || line.startsWith("\\#")) {
                line = line.substring(1);
            }
            boolean directoryOnly = line.endsWith("/");
            if (directoryOnly) {
                line = line.substring(0, line.length() - 1);
            }
            if (line.isEmpty()) {
                continue;
            }
            boolean anchored = line.contains("/");
            if (line.startsWith("/")) {
                line = line.substring(1);
            }
            String regex = (anchored ? "" : "(?:.*/)?") + translate(line);
            entries.add(new Entry(Pattern.compile(regex, Pattern.DOTALL), negated, directoryOnly));
        }
        return new Gitignore(entries);
    }

    private static String trimTrailingSpaces(String line) {
        int end = line.length();
        while (end > 0 && line.charAt(end - 1) == ' ' && (end < 2 || line.charAt(end - 2) != '\\')) {
            end--;
        }
        return line.substring(0, end);
    }

    /** A glob as a regex over a relative path with / separators. */
    private static String translate(String glob) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < glob.length()) {
            char c = glob.charAt(i);
            if (c == '*' && glob.startsWith("**", i)) {
                boolean atStart = i == 0 || glob.charAt(i - 1) == '/';
                boolean atEnd = i + 2 == glob.length() || glob.charAt(i + 2) == '/';
                if (atStart && atEnd) {
                    if (i + 2 == glob.length()) {
                        out.append(".*");
                        i += 2;
                    } else {
                        out.append("(?:.*/)?");
                        i += 3;
                    }
                    continue;
                }
                out.append("[^/]*");
                i += 2;
            } else if (c == '*') {
                out.append("[^/]*");
                i++;
            } else if (c == '?') {
                out.append("[^/]");
                i++;
            } else if (c == '[') {
                int close = glob.indexOf(']', i + 2);
                if (close < 0) {
                    out.append("\\[");
                    i++;
                    continue;
                }
                String set = glob.substring(i + 1, close);
                if (set.startsWith("!")) {
                    set = "^" + set.substring(1);
                }
                out.append('[')
                        .append(set.replace("\\", "\\\\").replace("[", "\\["))
                        .append(']');
                i = close + 1;
            } else if (c == '\\' && i + 1 < glob.length()) {
                out.append(Pattern.quote(String.valueOf(glob.charAt(i + 1))));
                i += 2;
            } else {
                out.append(Pattern.quote(String.valueOf(c)));
                i++;
            }
        }
        return out.toString();
    }

    /** @param relative the path relative to this file's directory, / separated */
    Verdict match(String relative, boolean directory) {
        for (int i = entries.size() - 1; i >= 0; i--) {
            Entry entry = entries.get(i);
            if (entry.directoryOnly() && !directory) {
                continue;
            }
            if (entry.pattern().matcher(relative).matches()) {
                return entry.negated() ? Verdict.INCLUDED : Verdict.IGNORED;
            }
        }
        return Verdict.UNMENTIONED;
    }
}

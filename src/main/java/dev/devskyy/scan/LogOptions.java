package dev.devskyy.scan;

import dev.devskyy.io.Printable;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The caller's {@code --log-opts}, split into arguments here (quotes understood, nothing expanded:
 * no shell ever sees them) and passed to {@code git log} only when every one is on an allow-list of
 * options that select commits. Anything else is refused, because git log also has options that run
 * programs ({@code --ext-diff}, {@code --textconv}), write files ({@code --output}, {@code -O}) or
 * change what devskyy parses ({@code --format}, {@code --stat}).
 *
 * @param options the selecting options, each one argument ({@code --since=…})
 * @param revisions revision ranges ({@code origin/main..HEAD}), passed after {@code --end-of-options}
 * @param paths paths after {@code --}
 */
record LogOptions(List<String> options, List<String> revisions, List<String> paths) {
    static final LogOptions NONE = new LogOptions(List.of(), List.of(), List.of());

    /** Caller input longer than this is refused before it is split. */
    static final int MAX_LENGTH = 4096;

    /** Options that take no value. */
    private static final Set<String> FLAGS = Set.of("--all", "--no-merges", "--branches", "--tags", "--remotes");

    /** Options that take a value, as {@code --name=value} or {@code --name value}. */
    private static final Set<String> VALUED = Set.of(
            "--since",
            "--after",
            "--until",
            "--before",
            "--author",
            "--committer",
            "--max-count",
            "--skip",
            "--branches",
            "--tags",
            "--remotes",
            "--exclude");

    /** What a revision may look like: names, ranges, ancestry; never an option. */
    private static final Pattern REVISION = Pattern.compile("[A-Za-z0-9_./@^~{}:+-]{1,256}");

    private static final Pattern COUNT = Pattern.compile("[0-9]{1,9}");

    /** Thrown for options that are refused; the message names the argument, made printable. */
    static final class Refused extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    static LogOptions parse(String text) {
        if (text == null || text.isBlank()) {
            return NONE;
        }
        if (text.length() > MAX_LENGTH) {
            throw new Refused("log options longer than " + MAX_LENGTH + " characters");
        }
        List<String> options = new ArrayList<>();
        List<String> revisions = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        List<String> words = split(text);
        boolean inPaths = false;
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            if (inPaths) {
                paths.add(path(word));
            } else if (word.equals("--")) {
                inPaths = true;
            } else if (word.startsWith("-")) {
                i = option(words, i, options);
            } else {
                revisions.add(revision(word));
            }
        }
        return new LogOptions(List.copyOf(options), List.copyOf(revisions), List.copyOf(paths));
    }

    /** One option at {@code words[i]}, added to {@code options}; returns the index of its last word. */
    private static int option(List<String> words, int i, List<String> options) {
        String word = words.get(i);
        if (word.startsWith("-n") && !word.startsWith("--")) {
            String count = word.length() > 2 ? word.substring(2) : value(words, i, word);
            options.add("--max-count=" + count(count, word));
            return word.length() > 2 ? i : i + 1;
        }
        int equals = word.indexOf('=');
        String name = equals < 0 ? word : word.substring(0, equals);
        if (equals < 0 && FLAGS.contains(name)) {
            options.add(name);
            return i;
        }
        if (!VALUED.contains(name)) {
            throw new Refused("log option not allowed: " + Printable.of(word, 80)
                    + " (allowed: revisions, --since, --until, --after, --before, --author, --committer, "
                    + "-n/--max-count, --skip, --all, --branches, --tags, --remotes, --exclude, --no-merges, "
                    + "-- paths)");
        }
        String value = equals < 0 ? value(words, i, word) : word.substring(equals + 1);
        if (value.indexOf('\0') >= 0 || value.indexOf('\n') >= 0) {
            throw new Refused("log option " + name + " has a control character in its value");
        }
        if (name.equals("--max-count") || name.equals("--skip")) {
            value = count(value, word);
        }
        options.add(name + "=" + value);
        return equals < 0 ? i + 1 : i;
    }

    private static String value(List<String> words, int i, String option) {
        if (i + 1 >= words.size()) {
            throw new Refused("log option " + Printable.of(option, 80) + " needs a value");
        }
        return words.get(i + 1);
    }

    private static String count(String value, String option) {
        if (!COUNT.matcher(value).matches()) {
            throw new Refused("log option " + Printable.of(option, 80) + " needs a number");
        }
        return value;
    }

    private static String revision(String word) {
        if (!REVISION.matcher(word).matches()) {
            throw new Refused("not a revision: " + Printable.of(word, 80));
        }
        return word;
    }

    private static String path(String word) {
        if (word.isEmpty() || word.indexOf('\0') >= 0 || word.indexOf('\n') >= 0) {
            throw new Refused("not a path: " + Printable.of(word, 80));
        }
        return word;
    }

    /**
     * Words as a POSIX shell splits them, without any expansion: blanks separate, single quotes
     * keep everything, double quotes keep everything but a backslash before {@code "} or
     * {@code \}, and a backslash outside quotes keeps the next character.
     */
    static List<String> split(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\'') {
                int end = text.indexOf('\'', i + 1);
                if (end < 0) {
                    throw new Refused("unbalanced ' in log options");
                }
                word.append(text, i + 1, end);
                i = end;
                inWord = true;
            } else if (c == '"') {
                i = doubleQuoted(text, i + 1, word);
                inWord = true;
            } else if (c == '\\' && i + 1 < text.length()) {
                word.append(text.charAt(++i));
                inWord = true;
            } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    /** The double-quoted text from {@code from} into {@code word}; returns the closing quote's index. */
    private static int doubleQuoted(String text, int from, StringBuilder word) {
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                return i;
            }
            if (c == '\\' && i + 1 < text.length() && (text.charAt(i + 1) == '"' || text.charAt(i + 1) == '\\')) {
                c = text.charAt(++i);
            }
            word.append(c);
        }
        throw new Refused("unbalanced \" in log options");
    }
}

package dev.devskyy.scan;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The secrets and code checks over one file's bytes. A keyword pass finds the lines worth a
 * look; each rule's regex then runs only there. The whole file is in memory (up to
 * {@code --max-file-size}), so nothing can straddle a read buffer, and a rule with a window sees
 * the lines after its keyword as well (PEM blocks).
 */
final class ContentScanner {
    private static final List<String> ALLOW_MARKERS = List.of("devskyy:allow", "gitleaks:allow");
    private static final String CODE_ALLOW_MARKER = "nosec";
    private static final int EVIDENCE_PREFIX = 4;
    private static final int EVIDENCE_LINE = 160;

    /** What one file gave: its findings in file order, and how many an inline marker suppressed. */
    record Result(List<Finding> findings, int suppressed) {}

    /** Every rule of the set, each at its place in the keyword index. */
    private final Rule[] rules;
    /** Per rule, whether its check is one of this scan's. */
    private final boolean[] checked;

    private final List<Rule> running;

    private final KeywordIndex keywords;
    /** Per rule, whether its matches open at line starts only ({@link LineStarts}). */
    private final boolean[] lineAnchored;

    private final List<RuleRegex> placeholders;
    /** Each worker thread's matchers, reset for each input instead of rebuilt. */
    private final ThreadLocal<Matchers> matchers;

    /**
     * The rules of {@code checks} only. The keyword index is the set's, over all its rules (built
     * once, shared by scans of any checks); the hits of other checks' rules are dropped.
     */
    ContentScanner(RuleSet ruleSet, Set<Category> checks) {
        this.rules = ruleSet.rules().toArray(Rule[]::new);
        this.checked = new boolean[rules.length];
        this.lineAnchored = new boolean[rules.length];
        for (int r = 0; r < rules.length; r++) {
            checked[r] = checks.contains(rules[r].category());
            lineAnchored[r] =
                    checked[r] && LineStarts.anchorsEveryMatch(rules[r].regex().pattern());
        }
        this.running = java.util.stream.IntStream.range(0, rules.length)
                .filter(r -> checked[r])
                .mapToObj(r -> rules[r])
                .toList();
        this.keywords = ruleSet.keywords();
        this.placeholders = ruleSet.placeholders();
        this.matchers = ThreadLocal.withInitial(Matchers::new);
    }

    /** The rules that run: those of the checks asked for. */
    List<Rule> rules() {
        return running;
    }

    boolean isEmpty() {
        return running.isEmpty();
    }

    Result scan(byte[] data, int length, String path, Path fileName) {
        return scan(data, length, path, fileName, RegexWork.unstoppable());
    }

    /**
     * @param work counts what the regexes read and stops them (throwing {@link RegexWork.Stopped})
     *     when the scan is to stop
     */
    Result scan(byte[] data, int length, String path, Path fileName, RegexWork work) {
        boolean[] applies = new boolean[rules.length];
        boolean any = false;
        for (int r = 0; r < rules.length; r++) {
            applies[r] = checked[r] && rules[r].appliesTo(fileName);
            any |= applies[r];
        }
        if (!any) {
            return new Result(List.of(), 0);
        }
        Regions regions = new Regions(data, length, rules.length);
        keywords.scan(
                data,
                length,
                (rule, start) -> regions.add(rule, start, rules[rule].lookback(), rules[rule].window()),
                work,
                applies);
        for (int r = 0; r < rules.length; r++) {
            if (applies[r] && rules[r].keywords().isEmpty()) {
                regions.addWhole(r);
            }
        }
        FileScan file = new FileScan(new FileText(data, length, work), path, matchers.get());
        for (int r = 0; r < rules.length; r++) {
            int[] spans = regions.of(r);
            if (spans != null) {
                file.run(r, spans);
            }
        }
        file.findings.sort(Comparator.comparingInt(Finding::line)
                .thenComparingInt(Finding::column)
                .thenComparing(Finding::ruleId));
        return new Result(file.findings, file.suppressed);
    }

    /** One file's matching: what its rules found, and what has been reported on it so far. */
    private final class FileScan {
        final FileText text;
        final String path;
        final Matchers own;
        final List<Finding> findings = new ArrayList<>();
        final Set<Integer> secretLines = new HashSet<>();
        final Set<Integer> secretStarts = new HashSet<>();
        final Map<String, Integer> occurrences = new HashMap<>();
        final Map<Integer, Line> lines = new HashMap<>();
        int suppressed;

        FileScan(FileText text, String path, Matchers own) {
            this.text = text;
            this.path = path;
            this.own = own;
        }

        /**
         * A rule with lookback 0 begins its match at a keyword: one anchored attempt there. Any
         * other searches its spans.
         */
        void run(int r, int[] spans) {
            RuleRegex.Matcher m = own.rules[r];
            CharSequence chars = text.chars();
            boolean anchored = rules[r].lookback() == 0;
            for (int i = 0; i < spans.length && spans[i] >= 0; i += 2) {
                int end = spans[i + 1];
                if (anchored) {
                    if (m.lookingAt(chars, spans[i], end) && m.end() > m.start()) {
                        accept(r, m);
                    }
                } else {
                    int from = spans[i];
                    while (from < end && find(r, m, chars, from, end) && m.end() > m.start()) {
                        from = m.end();
                        accept(r, m);
                    }
                }
            }
        }

        private boolean find(int r, RuleRegex.Matcher m, CharSequence chars, int from, int end) {
            return lineAnchored[r] ? LineStarts.find(m, chars, from, end) : m.find(chars, from, end);
        }

        private boolean isSuppressed(Rule rule, int line, int endLine) {
            for (int l : new int[] {line, endLine}) {
                Line content = line(l);
                if (content.allowed || (rule.category() == Category.CODE && content.nosec)) {
                    return true;
                }
            }
            return false;
        }

        /** A secret as its first characters; a code line with its secret, if any, cut the same way. */
        private String evidence(Rule rule, int line, String secret) {
            String shown = withoutLeadingBreaks(secret);
            String shortSecret = shown.substring(0, Math.min(EVIDENCE_PREFIX, shown.length())) + "…";
            if (rule.category() == Category.SECRET) {
                return shortSecret;
            }
            return line(line).shown(rule.secretGroup() == null ? null : secret, shortSecret);
        }

        /** Each line a finding is on, decoded once however many findings it holds. */
        private Line line(int number) {
            return lines.computeIfAbsent(number, n -> new Line(text.line(n)));
        }

        private void accept(int r, RuleRegex.Matcher m) {
            Rule rule = rules[r];
            String secret = rule.secretGroup() == null ? m.group() : m.group(rule.secretGroup());
            if (secret == null || !isCandidate(r, own, m.group(), secret)) {
                return;
            }
            int secretStart = rule.secretGroup() == null ? m.start() : m.start(rule.secretGroup());
            if (rule.category() == Category.SECRET && !secretStarts.add(secretStart)) {
                return; // a rule of higher priority, or earlier in its file, reported this secret already
            }
            // A finding is where its secret is: a rule that knows a secret by what comes lines
            // before it (a docker config's "auths", a Kubernetes Secret's kind) points at the
            // secret's own line, and spans to the match's end.
            int line = text.lineOf(rule.category() == Category.SECRET ? secretStart : m.start());
            if (rule.unlessSecret() && secretLines.contains(line)) {
                return;
            }
            int endLine = text.lineOf(Math.max(m.start(), m.end() - 1));
            if (isSuppressed(rule, line, endLine)) {
                suppressed++;
                return;
            }
            if (rule.category() == Category.SECRET) {
                for (int l = line; l <= endLine; l++) {
                    secretLines.add(l);
                }
            }
            String evidenceText = rule.category() == Category.SECRET ? secret : m.group();
            int occurrence = occurrences.merge(rule.id() + '\0' + evidenceText, 1, Integer::sum);
            int column = text.columnOf(rule.category() == Category.SECRET ? secretStart : m.start());
            findings.add(Finding.ofRule(
                    rule,
                    path,
                    line,
                    column,
                    endLine,
                    evidence(rule, line, secret),
                    Fingerprints.of(rule.id(), path, evidenceText, occurrence)));
        }
    }

    private boolean isCandidate(int r, Matchers own, String match, String secret) {
        Rule rule = rules[r];
        if (rule.entropy() > 0 && SecretChecks.entropy(secret) < rule.entropy()) {
            return false;
        }
        if (rule.validator() != null && !SecretChecks.passes(rule.validator(), secret)) {
            return false;
        }
        if (rule.category() == Category.SECRET && !rule.ignorePlaceholders() && SecretChecks.looksFake(secret)) {
            return false;
        }
        return !anyFinds(own.secretRejecters[r], secret) && !anyFinds(own.matchRejecters[r], match);
    }

    private static boolean anyFinds(RuleRegex.Matcher[] matchers, String input) {
        for (RuleRegex.Matcher m : matchers) {
            if (m.find(input)) {
                return true;
            }
        }
        return false;
    }

    /**
     * One worker thread's matchers: each rule's regex, and what can reject its candidates: the
     * rule's allowlists and, for rules with a secret, the placeholders.
     */
    private final class Matchers {
        final RuleRegex.Matcher[] rules;
        final RuleRegex.Matcher[][] secretRejecters;
        final RuleRegex.Matcher[][] matchRejecters;

        Matchers() {
            Rule[] all = ContentScanner.this.rules;
            rules = new RuleRegex.Matcher[all.length];
            secretRejecters = new RuleRegex.Matcher[all.length][];
            matchRejecters = new RuleRegex.Matcher[all.length][];
            for (int r = 0; r < all.length; r++) {
                if (!checked[r]) {
                    continue; // never run: no applies
                }
                Rule rule = all[r];
                rules[r] = rule.regex().matcher();
                List<RuleRegex> rejecting = new ArrayList<>(rule.allowedSecrets());
                if ((rule.category() == Category.SECRET || rule.secretGroup() != null) && !rule.ignorePlaceholders()) {
                    rejecting.addAll(placeholders);
                }
                secretRejecters[r] = rejecting.stream().map(RuleRegex::matcher).toArray(RuleRegex.Matcher[]::new);
                matchRejecters[r] =
                        rule.allowedMatches().stream().map(RuleRegex::matcher).toArray(RuleRegex.Matcher[]::new);
            }
        }
    }

    /**
     * PEM bodies start after a line break, escaped as \n inside JSON strings. A loop, not a regex:
     * a repeated group recurses once per repeat in java.util.regex, and thousands of escaped
     * breaks would overflow a worker's stack and lose the whole file's findings.
     */
    static String withoutLeadingBreaks(String secret) {
        int i = 0;
        while (i < secret.length()) {
            char c = secret.charAt(i);
            if (" \t\n\u000B\f\r".indexOf(c) >= 0) {
                i++;
            } else if (c == '\\' && i + 1 < secret.length() && "nr".indexOf(secret.charAt(i + 1)) >= 0) {
                i += 2;
            } else {
                break;
            }
        }
        return secret.substring(i);
    }

    /**
     * A line findings are on: its allow markers, and its text as evidence shows it. A long line may
     * hold thousands of findings, so what is read from it once is kept, and the evidence is built
     * from its start only.
     */
    private static final class Line {
        final boolean allowed;
        final boolean nosec;
        final String stripped;

        Line(String content) {
            this.allowed = ALLOW_MARKERS.stream().anyMatch(content::contains);
            this.nosec = content.contains(CODE_ALLOW_MARKER);
            this.stripped = content.strip();
        }

        /**
         * The line with each occurrence of {@code secret} (if not null) cut to {@code shortSecret},
         * itself cut after {@value #EVIDENCE_LINE} characters. It walks only as far as the cut, so
         * its cost does not grow with the line.
         */
        String shown(String secret, String shortSecret) {
            StringBuilder out = new StringBuilder(EVIDENCE_LINE + EVIDENCE_PREFIX + 2);
            int i = 0;
            while (i < stripped.length() && out.length() <= EVIDENCE_LINE) {
                if (secret != null && !secret.isEmpty() && stripped.startsWith(secret, i)) {
                    out.append(shortSecret);
                    i += secret.length();
                } else {
                    out.append(stripped.charAt(i++));
                }
            }
            boolean whole = i == stripped.length() && out.length() <= EVIDENCE_LINE;
            return whole ? out.toString() : out.substring(0, EVIDENCE_LINE) + "…";
        }
    }

    /**
     * Per rule, the spans its regex must search, as {@code [start, end)} pairs in file order;
     * overlapping spans are merged so no match is found twice.
     */
    private static final class Regions {
        /** How far from its keyword a rule without lookback or window may match, either way. */
        static final int REACH = 4096;

        private final byte[] data;
        private final int length;
        private final int[][] spans;
        private final int[] counts;
        private int lineStart = -1;
        private int lineEnd = -1;

        Regions(byte[] data, int length, int rules) {
            this.data = data;
            this.length = length;
            this.spans = new int[rules][];
            this.counts = new int[rules];
        }

        /**
         * The window of a keyword at {@code at}: its line, from {@code lookback} bytes before it
         * if set, to {@code window} bytes after it if set (across lines), each at most
         * {@link #REACH} bytes on a line without a set bound. A match never leaves its window, so
         * no keyword costs a regex more than a bounded stretch of a long line.
         */
        void add(int rule, int at, int lookback, int window) {
            if (at < lineStart || at >= lineEnd) {
                lineStart = at;
                while (lineStart > 0 && data[lineStart - 1] != '\n') {
                    lineStart--;
                }
                lineEnd = at;
                while (lineEnd < length && data[lineEnd] != '\n') {
                    lineEnd++;
                }
            }
            int start = Math.max(lineStart, at - (lookback < 0 ? REACH : lookback));
            int end = window > 0
                    ? (int) Math.min(length, (long) at + window)
                    : (int) Math.min(lineEnd, (long) at + REACH);
            if (lookback == 0) {
                appendAnchor(rule, start, end);
            } else {
                append(rule, start, end);
            }
        }

        void addWhole(int rule) {
            append(rule, 0, length);
        }

        /** An anchored rule's span starts exactly at its keyword: never merged, repeats dropped. */
        private void appendAnchor(int rule, int start, int end) {
            int n = counts[rule];
            if (n > 0 && spans[rule][n - 2] == start) {
                return;
            }
            grow(rule, n);
            spans[rule][n] = start;
            spans[rule][n + 1] = end;
            counts[rule] = n + 2;
        }

        private void grow(int rule, int n) {
            int[] list = spans[rule];
            if (list == null) {
                list = new int[8];
                Arrays.fill(list, -1);
                spans[rule] = list;
            } else if (n + 2 > list.length) {
                int old = list.length;
                list = Arrays.copyOf(list, old * 2);
                Arrays.fill(list, old, list.length, -1);
                spans[rule] = list;
            }
        }

        private void append(int rule, int start, int end) {
            int n = counts[rule];
            if (n > 0 && start <= spans[rule][n - 1]) {
                // Keywords arrive by where they end; a longer one may start before the last span.
                spans[rule][n - 2] = Math.min(spans[rule][n - 2], start);
                spans[rule][n - 1] = Math.max(spans[rule][n - 1], end);
                return;
            }
            grow(rule, n);
            spans[rule][n] = start;
            spans[rule][n + 1] = end;
            counts[rule] = n + 2;
        }

        int[] of(int rule) {
            return spans[rule];
        }
    }

    /** The file as characters (one per byte, for the regexes) and its lines, computed on demand. */
    private static final class FileText {
        private final byte[] data;
        private final int length;
        private final Latin1Chars chars;
        private int[] lineStarts;
        /** Where columnOf last decoded to, and the UTF-16 units from its line's start there. */
        private int columnFrom = -1;

        private int columnUnits;

        FileText(byte[] data, int length, RegexWork work) {
            this.data = data;
            this.length = length;
            this.chars = new Latin1Chars(data, length, work);
        }

        CharSequence chars() {
            return chars;
        }

        /** 1-based line of an offset. */
        int lineOf(int offset) {
            if (lineStarts == null) {
                int[] starts = new int[Math.max(16, length / 32)];
                int count = 1;
                for (int i = 0; i < length; i++) {
                    if (data[i] == '\n') {
                        if (count == starts.length) {
                            starts = Arrays.copyOf(starts, count * 2);
                        }
                        starts[count++] = i + 1;
                    }
                }
                lineStarts = Arrays.copyOf(starts, count);
            }
            int found = Arrays.binarySearch(lineStarts, offset);
            return found >= 0 ? found + 1 : -found - 1;
        }

        /**
         * 1-based column of an offset, counted in UTF-16 units of the decoded line, as SARIF does.
         * Decoding goes on from the last offset asked when it is on the same line, before this one
         * and at a character's start, so the findings of a long line cost its length once, not
         * once each.
         */
        int columnOf(int offset) {
            int start = lineStarts[lineOf(offset) - 1];
            boolean goOn = columnFrom >= start && columnFrom <= offset && (data[columnFrom] & 0xc0) != 0x80;
            int from = goOn ? columnFrom : start;
            int units =
                    (goOn ? columnUnits : 0) + new String(data, from, offset - from, StandardCharsets.UTF_8).length();
            columnFrom = offset;
            columnUnits = units;
            return units + 1;
        }

        String line(int line) {
            int start = lineStarts[line - 1];
            int end = line < lineStarts.length ? lineStarts[line] - 1 : length;
            if (end > start && data[end - 1] == '\r') {
                end--;
            }
            return new String(data, start, end - start, StandardCharsets.UTF_8);
        }
    }
}

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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The secrets and code checks over one file's bytes. A keyword pass finds the lines worth a
 * look; each rule's regex then runs only there. The whole file is in memory (up to
 * {@code --max-file-size}), so nothing can straddle a read buffer, and a rule with a window sees
 * the lines after its keyword as well (PEM blocks).
 */
final class ContentScanner {
    static final List<String> ALLOW_MARKERS = List.of("devskyy:allow", "gitleaks:allow");
    static final String CODE_ALLOW_MARKER = "nosec";
    private static final int EVIDENCE_PREFIX = 4;
    private static final int EVIDENCE_LINE = 160;
    /** PEM bodies start after a line break, escaped as \n inside JSON strings. */
    private static final Pattern LEADING_BREAKS = Pattern.compile("^(?:\\s|\\\\n|\\\\r)+");

    /** What one file gave: its findings in file order, and how many an inline marker suppressed. */
    record Result(List<Finding> findings, int suppressed) {}

    private final Rule[] rules;
    private final KeywordIndex keywords;
    private final List<Pattern> placeholders;
    /** One matcher per rule and worker thread, reset for each file instead of rebuilt. */
    private final ThreadLocal<Matcher[]> matchers;

    ContentScanner(RuleSet ruleSet, Set<Category> checks) {
        this.rules = ruleSet.rules().stream()
                .filter(r -> checks.contains(r.category()))
                .sorted(Comparator.comparing(Rule::category))
                .toArray(Rule[]::new);
        this.keywords =
                new KeywordIndex(Arrays.stream(rules).map(Rule::keywords).toList());
        this.placeholders = ruleSet.placeholders();
        this.matchers = ThreadLocal.withInitial(
                () -> Arrays.stream(rules).map(r -> r.regex().matcher("")).toArray(Matcher[]::new));
    }

    List<Rule> rules() {
        return List.of(rules);
    }

    boolean isEmpty() {
        return rules.length == 0;
    }

    Result scan(byte[] data, int length, String path, Path fileName) {
        boolean[] applies = new boolean[rules.length];
        boolean any = false;
        for (int r = 0; r < rules.length; r++) {
            applies[r] = rules[r].appliesTo(fileName);
            any |= applies[r];
        }
        if (!any) {
            return new Result(List.of(), 0);
        }
        Regions regions = new Regions(data, length, rules.length);
        keywords.scan(data, length, (rule, start) -> {
            if (applies[rule]) {
                regions.add(rule, start, rules[rule].lookback(), rules[rule].window());
            }
        });
        for (int r = 0; r < rules.length; r++) {
            if (applies[r] && rules[r].keywords().isEmpty()) {
                regions.addWhole(r);
            }
        }
        FileText text = new FileText(data, length);
        List<Finding> findings = new ArrayList<>();
        Set<Integer> secretLines = new HashSet<>();
        Set<Integer> secretStarts = new HashSet<>();
        Map<String, Integer> occurrences = new HashMap<>();
        int suppressed = 0;
        for (int r = 0; r < rules.length; r++) {
            int[] spans = regions.of(r);
            if (spans == null) {
                continue;
            }
            Rule rule = rules[r];
            Matcher m = matchers.get()[r].reset(text.chars());
            // Lookarounds and \b see past a span; ^ and $ keep meaning the file's lines, (?m).
            m.useTransparentBounds(true);
            m.useAnchoringBounds(false);
            for (int i = 0; i < spans.length && spans[i] >= 0; i += 2) {
                m.region(spans[i], spans[i + 1]);
                while (m.find()) {
                    if (m.end() == m.start()) {
                        break;
                    }
                    String secret = rule.secretGroup() == null ? m.group() : m.group(rule.secretGroup());
                    if (secret == null || !isCandidate(rule, m.group(), secret)) {
                        continue;
                    }
                    int secretStart = rule.secretGroup() == null ? m.start() : m.start(rule.secretGroup());
                    if (rule.category() == Category.SECRET && !secretStarts.add(secretStart)) {
                        continue; // an earlier, more specific rule reported this secret already
                    }
                    int line = text.lineOf(m.start());
                    if (rule.unlessSecret() && secretLines.contains(line)) {
                        continue;
                    }
                    int endLine = text.lineOf(Math.max(m.start(), m.end() - 1));
                    if (isSuppressed(text, rule, line, endLine)) {
                        suppressed++;
                        continue;
                    }
                    if (rule.category() == Category.SECRET) {
                        for (int l = line; l <= endLine; l++) {
                            secretLines.add(l);
                        }
                    }
                    String key = rule.id() + '\0' + secret;
                    int occurrence = occurrences.merge(key, 1, Integer::sum);
                    findings.add(new Finding(
                            rule.id(),
                            rule.category(),
                            rule.severity(),
                            rule.description(),
                            path,
                            line,
                            text.columnOf(rule.category() == Category.SECRET ? secretStart : m.start()),
                            endLine,
                            evidence(text, rule, line, secret),
                            Fingerprints.of(
                                    rule.id(),
                                    path,
                                    rule.category() == Category.SECRET ? secret : m.group(),
                                    occurrence),
                            rule.cwe(),
                            null));
                }
            }
        }
        findings.sort(Comparator.comparingInt(Finding::line)
                .thenComparingInt(Finding::column)
                .thenComparing(Finding::ruleId));
        return new Result(findings, suppressed);
    }

    private boolean isCandidate(Rule rule, String match, String secret) {
        if (rule.entropy() > 0 && SecretChecks.entropy(secret) < rule.entropy()) {
            return false;
        }
        if (rule.validator() != null && !SecretChecks.passes(rule.validator(), secret)) {
            return false;
        }
        for (Pattern allowed : rule.allowedSecrets()) {
            if (allowed.matcher(secret).find()) {
                return false;
            }
        }
        for (Pattern allowed : rule.allowedMatches()) {
            if (allowed.matcher(match).find()) {
                return false;
            }
        }
        if (rule.category() == Category.SECRET || rule.secretGroup() != null) {
            for (Pattern placeholder : placeholders) {
                if (placeholder.matcher(secret).find()) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean isSuppressed(FileText text, Rule rule, int line, int endLine) {
        for (int l : new int[] {line, endLine}) {
            String content = text.line(l);
            for (String marker : ALLOW_MARKERS) {
                if (content.contains(marker)) {
                    return true;
                }
            }
            if (rule.category() == Category.CODE && content.contains(CODE_ALLOW_MARKER)) {
                return true;
            }
        }
        return false;
    }

    /** A secret as its first characters; a code line with its secret, if any, cut the same way. */
    private static String evidence(FileText text, Rule rule, int line, String secret) {
        String shown = LEADING_BREAKS.matcher(secret).replaceFirst("");
        String shortSecret = shown.substring(0, Math.min(EVIDENCE_PREFIX, shown.length())) + "…";
        if (rule.category() == Category.SECRET) {
            return shortSecret;
        }
        String content = text.line(line).strip();
        if (rule.secretGroup() != null) {
            content = content.replace(secret, shortSecret);
        }
        return content.length() <= EVIDENCE_LINE ? content : content.substring(0, EVIDENCE_LINE) + "…";
    }

    /**
     * Per rule, the spans its regex must search, as {@code [start, end)} pairs in file order;
     * overlapping spans are merged so no match is found twice.
     */
    private static final class Regions {
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

        /** The line around a keyword at {@code at}, from {@code lookback} bytes before it if set. */
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
            int start = lookback < 0 ? lineStart : Math.max(lineStart, at - lookback);
            int end = window == 0 ? lineEnd : (int) Math.min(length, (long) at + window);
            append(rule, start, Math.max(end, lineEnd));
        }

        void addWhole(int rule) {
            append(rule, 0, length);
        }

        private void append(int rule, int start, int end) {
            int[] list = spans[rule];
            int n = counts[rule];
            if (list == null) {
                list = new int[8];
                Arrays.fill(list, -1);
                spans[rule] = list;
            } else if (n > 0 && start <= list[n - 1]) {
                // Keywords arrive by where they end; a longer one may start before the last span.
                list[n - 2] = Math.min(list[n - 2], start);
                list[n - 1] = Math.max(list[n - 1], end);
                return;
            }
            if (n + 2 > list.length) {
                int old = list.length;
                list = Arrays.copyOf(list, old * 2);
                Arrays.fill(list, old, list.length, -1);
                spans[rule] = list;
            }
            list[n] = start;
            list[n + 1] = end;
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

        FileText(byte[] data, int length) {
            this.data = data;
            this.length = length;
            this.chars = new Latin1Chars(data, length);
        }

        CharSequence chars() {
            return chars;
        }

        /** 1-based line of an offset. */
        int lineOf(int offset) {
            if (lineStarts == null) {
                int count = 1;
                for (int i = 0; i < length; i++) {
                    if (data[i] == '\n') {
                        count++;
                    }
                }
                lineStarts = new int[count];
                int l = 1;
                for (int i = 0; i < length; i++) {
                    if (data[i] == '\n') {
                        lineStarts[l++] = i + 1;
                    }
                }
            }
            int found = Arrays.binarySearch(lineStarts, offset);
            return found >= 0 ? found + 1 : -found - 1;
        }

        /** 1-based column of an offset, counted in UTF-16 units of the decoded line, as SARIF does. */
        int columnOf(int offset) {
            int start = lineStarts[lineOf(offset) - 1];
            return new String(data, start, offset - start, StandardCharsets.UTF_8).length() + 1;
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

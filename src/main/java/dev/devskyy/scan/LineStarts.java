package dev.devskyy.scan;

/**
 * The search for a rule whose every match opens at a line start ({@code (?m)^…}): it tries line
 * starts alone. A plain find tries each position of its span in turn, and on a long minified line
 * that cost the generic config rule more than all other rules together.
 */
final class LineStarts {
    private LineStarts() {}

    /**
     * Whether every match of {@code regex} begins where a multi-line {@code ^} matches: it opens
     * with inline flags that turn on {@code m}, then {@code ^}, and has no alternative at its top
     * level. Anything this cannot read for certain (quoting, comments mode) answers false, which
     * only costs speed.
     */
    static boolean anchorsEveryMatch(String regex) {
        if (!regex.startsWith("(?")) {
            return false;
        }
        int close = regex.indexOf(')');
        String flags = close < 0 ? "" : regex.substring(2, close);
        int off = flags.indexOf('-');
        String on = off < 0 ? flags : flags.substring(0, off);
        if (!flags.chars().allMatch(c -> Character.isLetter(c) || c == '-')
                || !on.contains("m")
                || flags.contains("x")
                || !regex.startsWith("^", close + 1)) {
            return false;
        }
        int depth = 0;
        int classDepth = 0;
        for (int i = close + 2; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\') {
                if (i + 1 < regex.length() && regex.charAt(i + 1) == 'Q') {
                    return false;
                }
                i++;
            } else if (classDepth > 0) {
                classDepth += c == '[' ? 1 : c == ']' ? -1 : 0;
            } else if (c == '[') {
                if (regex.startsWith("]", i + 1) || regex.startsWith("^]", i + 1)) {
                    return false;
                }
                classDepth = 1;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == '|' && depth == 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * As {@link RuleRegex.Matcher#find(CharSequence, int, int)} for a regex that
     * {@link #anchorsEveryMatch anchors every match}: the leftmost match in {@code [from, end)}.
     */
    static boolean find(RuleRegex.Matcher matcher, CharSequence text, int from, int end) {
        for (int at = from; at < end; at++) {
            if (mayStartLine(text, at) && matcher.lookingAt(text, at, end)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Where a multi-line {@code ^} may match: after any of java.util.regex's line terminators (a
     * superset of RE2's, so no match of either engine is skipped).
     */
    private static boolean mayStartLine(CharSequence text, int at) {
        if (at == 0) {
            return true;
        }
        char before = text.charAt(at - 1);
        return before == '\n' || before == '\r' || before == '\u0085' || before == '\u2028' || before == '\u2029';
    }
}

package dev.devskyy.scan;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/**
 * A user's regex on RE2/J: matching time linear in the input, so no pattern can backtrack for
 * hours. RE2/J has no region: it is given a view of the text from one character before the
 * attempt (so {@code \b} and {@code (?m)^} see what precedes it) to the attempt's end.
 *
 * @param anchored the same regex after any one character, for attempts that must begin at a
 *     position (RE2/J anchors only at the start of its input)
 */
record Re2RuleRegex(Pattern compiled, Pattern anchored) implements RuleRegex {
    private static final String WHOLE = "devskyy_whole_match";

    /**
     * The longest regex a rules file may hold (the bundled rules' longest is under 300): RE2/J
     * matches in linear time but parses some long patterns in superlinear time (100 000 "[" took
     * 1.4 s), so length is bounded before parsing.
     */
    static final int MAX_CHARS = 4096;

    Re2RuleRegex(String regex) {
        this(compile(bounded(regex)), compile("(?s:.)(?P<" + WHOLE + ">" + regex + ")"));
    }

    private static String bounded(String regex) {
        if (regex.length() > MAX_CHARS) {
            throw new IllegalArgumentException("a regex of rules files is at most " + MAX_CHARS + " characters long");
        }
        return regex;
    }

    private static Pattern compile(String regex) {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(
                    "RE2/J, the engine of rules files, cannot take it (no look-around, no back-references): "
                            + e.getDescription(),
                    e);
        }
    }

    @Override
    public String pattern() {
        return compiled.pattern();
    }

    @Override
    public boolean hasGroup(String name) {
        return compiled.namedGroups().containsKey(name);
    }

    @Override
    public RuleRegex.Matcher matcher() {
        return new RuleRegex.Matcher() {
            private com.google.re2j.Matcher m;
            /** Where the matcher's input starts in the text; 0 for whole strings. */
            private int base;
            /** The group holding the match: the whole of it, or WHOLE in the anchored form. */
            private String whole;

            @Override
            public boolean lookingAt(CharSequence text, int at, int end) {
                if (at == 0) {
                    return use(compiled, text.subSequence(0, end), 0, null).lookingAt();
                }
                return use(anchored, text.subSequence(at - 1, end), at - 1, WHOLE)
                        .lookingAt();
            }

            @Override
            public boolean find(CharSequence text, int from, int end) {
                int viewStart = Math.max(0, from - 1);
                return use(compiled, text.subSequence(viewStart, end), viewStart, null)
                        .find(from - viewStart);
            }

            @Override
            public boolean find(String text) {
                return use(compiled, text, 0, null).find();
            }

            private com.google.re2j.Matcher use(Pattern pattern, CharSequence input, int base, String whole) {
                this.m = pattern.matcher(input);
                this.base = base;
                this.whole = whole;
                return m;
            }

            @Override
            public int start() {
                return base + (whole == null ? m.start() : m.start(whole));
            }

            @Override
            public int end() {
                return base + (whole == null ? m.end() : m.end(whole));
            }

            @Override
            public int start(String group) {
                int start = m.start(group);
                return start < 0 ? -1 : base + start;
            }

            @Override
            public String group() {
                return whole == null ? m.group() : m.group(whole);
            }

            @Override
            public String group(String group) {
                return m.group(group);
            }
        };
    }
}

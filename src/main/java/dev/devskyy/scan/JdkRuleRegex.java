package dev.devskyy.scan;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A bundled rule's regex on {@code java.util.regex}, compiled when a scan first tries it: most of
 * the 300-odd bundled regexes never meet their keyword in a small scan (a pre-commit hook), and
 * compiling them all up front was a quarter of such a scan's fixed cost. Every bundled regex is
 * compiled by RuleSetTest (and tried on its examples by RuleExamplesTest), so none fails at scan time.
 */
final class JdkRuleRegex implements RuleRegex {
    private final String regex;
    /** Set once, by whichever thread needs it first; a race compiles twice, harmlessly. */
    private volatile Pattern compiled;

    JdkRuleRegex(String regex) {
        this.regex = regex;
    }

    private Pattern compiled() {
        Pattern pattern = compiled;
        if (pattern == null) {
            try {
                pattern = Pattern.compile(regex);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException(e.getDescription(), e);
            }
            compiled = pattern;
        }
        return pattern;
    }

    @Override
    public String pattern() {
        return regex;
    }

    @Override
    public boolean hasGroup(String name) {
        return regex.contains("(?<" + name + ">");
    }

    @Override
    public RuleRegex.Matcher matcher() {
        return new RuleRegex.Matcher() {
            private java.util.regex.Matcher m;
            private CharSequence text;

            /** Made on the first attempt, so that a rule never tried is never compiled. */
            private java.util.regex.Matcher m() {
                if (m == null) {
                    m = compiled().matcher("");
                    // Lookarounds and \b see past a region; ^ and $ keep meaning the file's lines,
                    // (?m). Both outlive reset() and region(), so they are set once.
                    m.useTransparentBounds(true);
                    m.useAnchoringBounds(false);
                }
                return m;
            }

            @Override
            public boolean lookingAt(CharSequence text, int at, int end) {
                return within(text, at, end).lookingAt();
            }

            @Override
            public boolean find(CharSequence text, int from, int end) {
                return within(text, from, end).find();
            }

            /** region() resets the matcher; the text is handed over only when it changes. */
            private java.util.regex.Matcher within(CharSequence input, int from, int end) {
                java.util.regex.Matcher matcher = m();
                if (input != text) {
                    matcher.reset(input);
                    text = input;
                }
                return matcher.region(from, end);
            }

            @Override
            public boolean find(String input) {
                text = input;
                return m().reset(input).find();
            }

            @Override
            public int start() {
                return m.start();
            }

            @Override
            public int end() {
                return m.end();
            }

            @Override
            public int start(String group) {
                return m.start(group);
            }

            @Override
            public String group() {
                return m.group();
            }

            @Override
            public String group(String group) {
                return m.group(group);
            }
        };
    }
}

package dev.devskyy.scan;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** A bundled rule's regex on {@code java.util.regex}. */
record JdkRuleRegex(Pattern compiled) implements RuleRegex {

    JdkRuleRegex(String regex) {
        this(compile(regex));
    }

    private static Pattern compile(String regex) {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(e.getDescription(), e);
        }
    }

    @Override
    public String pattern() {
        return compiled.pattern();
    }

    @Override
    public boolean hasGroup(String name) {
        return compiled.pattern().contains("(?<" + name + ">");
    }

    @Override
    public RuleRegex.Matcher matcher() {
        java.util.regex.Matcher m = compiled.matcher("");
        // Lookarounds and \b see past a region; ^ and $ keep meaning the file's lines, (?m).
        // Both outlive reset() and region(), so they are set once.
        m.useTransparentBounds(true);
        m.useAnchoringBounds(false);
        return new RuleRegex.Matcher() {
            private CharSequence text;

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
                if (input != text) {
                    m.reset(input);
                    text = input;
                }
                return m.region(from, end);
            }

            @Override
            public boolean find(String input) {
                text = input;
                return m.reset(input).find();
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

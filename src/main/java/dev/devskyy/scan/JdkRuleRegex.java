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
        return new RuleRegex.Matcher() {
            @Override
            public boolean lookingAt(CharSequence text, int at, int end) {
                return within(text, at, end).lookingAt();
            }

            @Override
            public boolean find(CharSequence text, int from, int end) {
                return within(text, from, end).find();
            }

            /** Lookarounds and \b see past the region; ^ and $ keep meaning the file's lines, (?m). */
            private java.util.regex.Matcher within(CharSequence text, int from, int end) {
                m.reset(text);
                m.region(from, end);
                m.useTransparentBounds(true);
                m.useAnchoringBounds(false);
                return m;
            }

            @Override
            public boolean find(String text) {
                return m.reset(text).find();
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

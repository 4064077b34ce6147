package dev.devskyy.scan;

/**
 * A rules-file regex compiled for one engine, so that the scanner has one code path. The bundled
 * rules run on {@code java.util.regex}: they need its look-arounds and back-references, and each
 * is written so its work is linear in the input (bounded quantifiers, proven rule by rule by
 * RuleLinearityAttackTest). A user's rules ({@code --rules}, the tool's {@code rules}) run on
 * RE2/J, whose time is linear in its input whatever the pattern, so no rules file can make a scan
 * hang.
 */
sealed interface RuleRegex permits JdkRuleRegex, Re2RuleRegex {

    String pattern();

    /** Whether the regex has a group of this name. */
    boolean hasGroup(String name);

    /** A new matcher, for one thread; reused for every input it is given. */
    Matcher matcher();

    /** A bundled rule's regex. */
    static RuleRegex bundled(String regex) {
        return new JdkRuleRegex(regex);
    }

    /** A user's regex; an {@link IllegalArgumentException} says why RE2/J cannot take it. */
    static RuleRegex user(String regex) {
        return new Re2RuleRegex(regex);
    }

    /**
     * A match attempt within {@code [from, end)} of a text: a match never ends past {@code end},
     * while {@code \b}, {@code ^} and {@code $} see the characters around it. Offsets are the
     * text's.
     */
    interface Matcher {
        /** A match that begins exactly at {@code at}. */
        boolean lookingAt(CharSequence text, int at, int end);

        /** The leftmost match that begins at or after {@code from}. */
        boolean find(CharSequence text, int from, int end);

        /** A match anywhere in a whole string (allowlists, placeholders). */
        boolean find(String text);

        int start();

        int end();

        /** The start of a named group, or -1 when it took no part in the match. */
        int start(String group);

        String group();

        String group(String group);
    }
}

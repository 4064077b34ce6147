package dev.devskyy.scan;

import java.util.BitSet;
import java.util.List;
import java.util.Locale;

/**
 * Where the scanner's bundled secret rules find secrets in a text: the public entry point for
 * code that must hide secrets rather than report them (the {@code data_mask} tool), so both know
 * the same shapes. Masking errs on the side of hiding: no entropy threshold, allowlist or
 * validator applies, and every rule runs only where one of its keywords occurs, as in a scan.
 */
public final class SecretShapes {
    private SecretShapes() {}

    /**
     * The bundled secret rules that apply to any text: a rule for files of given names only (a
     * .pgpass line's shape) would mask look-alike lines everywhere. Taken from the bundled rules on
     * each call (a filter over a list read once), so a failed first reading is tried again.
     */
    private static List<Rule> rules() {
        return RuleSet.bundled().rules().stream()
                .filter(rule -> rule.category() == Category.SECRET)
                .filter(rule -> rule.files().isEmpty())
                .toList();
    }

    /** The characters of {@code text} that belong to a secret (its secret group, else the whole match). */
    public static BitSet find(String text) {
        BitSet secret = new BitSet(text.length());
        String lower = text.toLowerCase(Locale.ROOT);
        for (Rule rule : rules()) {
            if (!rule.keywords().isEmpty() && rule.keywords().stream().noneMatch(lower::contains)) {
                continue;
            }
            RuleRegex.Matcher m = rule.regex().matcher();
            String group = rule.secretGroup();
            for (int from = 0; from <= text.length() && m.find(text, from, text.length()); ) {
                int start = group == null ? m.start() : m.start(group);
                if (start >= 0) {
                    secret.set(start, start + (group == null ? m.group() : m.group(group)).length());
                }
                from = Math.max(m.end(), m.start() + 1);
            }
        }
        return secret;
    }
}

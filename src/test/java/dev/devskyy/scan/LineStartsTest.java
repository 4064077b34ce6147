package dev.devskyy.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LineStartsTest {

    @Test
    void aRegexOpeningWithMultiLineCaretAndNoTopLevelAlternativeAnchorsEveryMatch() {
        assertThat(LineStarts.anchorsEveryMatch("(?im)^[ \\t]*key=(?<secret>\\w+)"))
                .isTrue();
        assertThat(LineStarts.anchorsEveryMatch("(?m)^a(?:b|c)[|)(]\\|d")).isTrue();
    }

    @Test
    void anythingElseIsSearchedAtEveryPosition() {
        assertThat(LineStarts.anchorsEveryMatch("(?m)^a|b"))
                .as("a top-level alternative")
                .isFalse();
        assertThat(LineStarts.anchorsEveryMatch("^a"))
                .as("^ without m matches the text's start only")
                .isFalse();
        assertThat(LineStarts.anchorsEveryMatch("(?i)^a")).isFalse();
        assertThat(LineStarts.anchorsEveryMatch("(?i-m)^a")).as("m turned off").isFalse();
        assertThat(LineStarts.anchorsEveryMatch("(?mx)^a # comment |"))
                .as("comments mode")
                .isFalse();
        assertThat(LineStarts.anchorsEveryMatch("(?m)^\\Qa|b\\E")).as("quoting").isFalse();
        assertThat(LineStarts.anchorsEveryMatch("(?m)^[]|]"))
                .as("a class opening with ]")
                .isFalse();
        assertThat(LineStarts.anchorsEveryMatch("(?m)a^")).isFalse();
        assertThat(LineStarts.anchorsEveryMatch("(?m:^a)")).isFalse();
    }

    @Test
    void theBundledRulesThatOpenAtLineStartsAreRecognised() {
        List<String> anchored = RuleSet.bundled().rules().stream()
                .filter(r -> LineStarts.anchorsEveryMatch(r.regex().pattern()))
                .map(Rule::id)
                .toList();
        assertThat(anchored).contains("generic-secret-config", "SEC011", "SEC012");
    }

    /** Line-start search must find exactly what a plain find finds, with either engine. */
    @Test
    void findsWhatAPlainFindFindsOnRandomTextWithEveryLineTerminator() {
        String[] pieces = {
            "\n",
            "\r",
            "\r\n",
            "\u0085",
            "\u2028",
            " ",
            "\t",
            "- ",
            "export ",
            "db_password",
            "API_TOKEN",
            "x",
            "=",
            ": ",
            "\"",
            "'",
            "#c",
            "s3cr3tV4lu3Xq9",
            "except:",
            "DEBUG = True",
            "ą"
        };
        List<RuleRegex> regexes = new ArrayList<>();
        RuleSet.bundled().rules().stream()
                .map(Rule::regex)
                .filter(r -> LineStarts.anchorsEveryMatch(r.pattern()))
                .forEach(regexes::add);
        regexes.add(RuleRegex.user("(?im)^[ \\t]*(?:export[ \\t]+)?\\w*(?:password|token)[ \\t]*[=:][ \\t]*\\S{4,}"));
        Random random = new Random(12);
        for (RuleRegex engine : regexes) {
            RuleRegex.Matcher plain = engine.matcher();
            RuleRegex.Matcher byLine = engine.matcher();
            for (int round = 0; round < 400; round++) {
                StringBuilder text = new StringBuilder();
                for (int k = random.nextInt(40); k > 0; k--) {
                    text.append(pieces[random.nextInt(pieces.length)]);
                }
                int from = text.length() == 0 ? 0 : random.nextInt(text.length());
                int end = from + random.nextInt(text.length() - from + 1);
                assertThat(matches(byLine, text, from, end, true))
                        .as("%s on %s [%d, %d)", engine.pattern(), text, from, end)
                        .isEqualTo(matches(plain, text, from, end, false));
            }
        }
    }

    private static List<String> matches(RuleRegex.Matcher m, CharSequence text, int from, int end, boolean byLine) {
        List<String> out = new ArrayList<>();
        while (from < end
                && (byLine ? LineStarts.find(m, text, from, end) : m.find(text, from, end))
                && m.end() > m.start()) {
            out.add(m.start() + "-" + m.end());
            from = m.end();
        }
        return out;
    }
}

package dev.devskyy.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeywordIndexTest {
    static List<String> hits(KeywordIndex index, String text) {
        byte[] data = text.getBytes(StandardCharsets.UTF_8);
        List<String> out = new ArrayList<>();
        index.scan(data, data.length, (rule, end) -> out.add(rule + "@" + end));
        return out;
    }

    @Test
    void findsOverlappingAndNestedKeywordsOfEveryRule() {
        KeywordIndex index = new KeywordIndex(List.of(List.of("he", "hers"), List.of("she"), List.of("his")));
        // "ushers": she starts at 1, he at 2, hers at 2
        assertThat(hits(index, "ushers")).containsExactlyInAnyOrder("1@1", "0@2", "0@2");
    }

    @Test
    void foldsAsciiCase() {
        KeywordIndex index = new KeywordIndex(List.of(List.of("akia")));
        assertThat(hits(index, "x AKIA y aKiA")).containsExactly("0@2", "0@9");
    }

    @Test
    void aKeywordAtTheVeryEndAndNoKeywordsAtAll() {
        assertThat(hits(new KeywordIndex(List.of(List.of("eyj"))), "token eyJ")).containsExactly("0@6");
        assertThat(hits(new KeywordIndex(List.of(List.of())), "anything")).isEmpty();
    }

    /**
     * Every occurrence, found naively: the reference the automaton must equal. A keyword a rule
     * lists twice is one hit.
     */
    static List<String> naive(List<List<String>> keywords, String text) {
        List<String> out = new ArrayList<>();
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        for (int rule = 0; rule < keywords.size(); rule++) {
            for (String keyword : keywords.get(rule).stream().distinct().toList()) {
                for (int at = lower.indexOf(keyword); at >= 0; at = lower.indexOf(keyword, at + 1)) {
                    out.add(rule + "@" + at);
                }
            }
        }
        return out;
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void largeInputsSplitIntoQuartersMissNothingAtTheSeams(long seed) {
        java.util.Random random = new java.util.Random(seed);
        List<List<String>> keywords =
                List.of(List.of("ghp_", "gho_"), List.of("password", "pass"), List.of("ab"), List.of("-----begin"));
        StringBuilder text = new StringBuilder();
        int length = 4096 + random.nextInt(20_000);
        String alphabet = "abghpo_-PASSWORDsword ";
        while (text.length() < length) {
            if (random.nextInt(40) == 0) {
                List<String> group = keywords.get(random.nextInt(keywords.size()));
                text.append(group.get(random.nextInt(group.size())).toUpperCase(java.util.Locale.ROOT));
            } else {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
        }
        // plant keywords across each quarter boundary
        int quarter = text.length() / 4;
        for (int q = 1; q < 4; q++) {
            text.replace(quarter * q - 3, quarter * q + 5, "password");
        }
        KeywordIndex index = new KeywordIndex(keywords);
        assertThat(hits(index, text.toString())).containsExactlyInAnyOrderElementsOf(naive(keywords, text.toString()));
    }

    /**
     * Random keyword sets over three letters share prefixes and suffixes everywhere, so every
     * failure link and every inherited keyword of the automaton is exercised.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(longs = {11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
    void equalsTheNaiveSearchOnKeywordsThatOverlapEverywhere(long seed) {
        java.util.Random random = new java.util.Random(seed);
        List<List<String>> keywords = new ArrayList<>();
        for (int rule = 0, rules = 1 + random.nextInt(12); rule < rules; rule++) {
            List<String> own = new ArrayList<>();
            for (int k = 0, count = random.nextInt(4); k < count; k++) {
                own.add(word(random, 1 + random.nextInt(6)));
            }
            keywords.add(own);
        }
        String text = word(random, random.nextInt(6000)).toUpperCase(java.util.Locale.ROOT) + word(random, 500);
        assertThat(hits(new KeywordIndex(keywords), text)).containsExactlyInAnyOrderElementsOf(naive(keywords, text));
    }

    private static String word(java.util.Random random, int length) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            out.append("abc".charAt(random.nextInt(3)));
        }
        return out.toString();
    }
}

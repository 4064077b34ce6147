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
}

package dev.devskyy.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuleSetTest {
    @TempDir
    Path dir;

    static Scan.Input rules(String json) {
        return new Scan.Input("rules.json", json.getBytes(StandardCharsets.UTF_8));
    }

    static List<Finding> scan(RuleSet rules, String fileName, String content) {
        byte[] data = content.getBytes(StandardCharsets.UTF_8);
        return new ContentScanner(rules, EnumSet.allOf(Category.class))
                .scan(data, data.length, fileName, Path.of(fileName))
                .findings();
    }

    @Test
    void everyBundledRuleHasKeywordsACweAndHelp_andSecretRulesASecretGroup() {
        for (Rule rule : RuleSet.bundled().rules()) {
            assertThat(rule.keywords()).as(rule.id()).isNotEmpty();
            assertThat(rule.cwe()).as(rule.id()).matches("CWE-\\d+");
            assertThat(rule.help()).as(rule.id()).isNotBlank();
            if (rule.category() == Category.SECRET) {
                assertThat(rule.secretGroup()).as(rule.id()).isEqualTo("secret");
            }
        }
    }

    @Test
    void aRulesFileAddsRulesAndPlaceholders_andReplacesRulesOfTheSameId() throws IOException {
        RuleSet set = RuleSet.load(List.of(rules("""
                {"version":1,
                 "placeholders":["^shop-test-"],
                 "rules":[
                   {"id":"shop-api-key","description":"Shop API key","severity":"high",
                    "regex":"\\\\b(?<secret>shop_[a-z0-9]{16})\\\\b","keywords":["shop_"]},
                   {"id":"SEC012","description":"DEBUG on","category":"code","severity":"low",
                    "regex":"^DEBUG = 1$","keywords":["debug"],"files":["*.cfg"]}]}
                """)));
        assertThat(scan(set, "a.txt", "k = shop_0123456789abcdef"))
                .extracting(Finding::ruleId)
                .containsExactly("shop-api-key");
        assertThat(scan(set, "a.py", "DEBUG = True")).isEmpty();
        assertThat(scan(set, "a.cfg", "DEBUG = 1"))
                .extracting(Finding::ruleId, Finding::severity)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("SEC012", Severity.LOW));
        assertThat(set.rules()).hasSize(RuleSet.bundled().rules().size() + 1);
    }

    /** RE2/J anchors only at its input's start; an attempt at a keyword still sees the byte before. */
    @Test
    void aUserRuleAnchoredAtItsKeywordSeesWhatPrecedesIt() throws IOException {
        RuleSet set = RuleSet.load(List.of(rules("""
                {"rules":[{"id":"shop","description":"Shop key","severity":"high","lookback":0,
                  "regex":"\\\\b(?<secret>shop_[a-z0-9]{16})\\\\b","keywords":["shop_"]}]}
                """)));
        String key = "shop_0123456789abcdef";
        List<Finding> found = scan(set, "a.txt", "x" + key + "\nk = " + key + " shop_short");
        assertThat(found)
                .extracting(Finding::ruleId, Finding::line, Finding::column, Finding::evidence)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("shop", 2, 5, "shop…"));
    }

    @Test
    void aRuleWithoutKeywordsSearchesTheWholeFile() throws IOException {
        RuleSet set = RuleSet.load(List.of(rules("""
                {"rules":[{"id":"todo","description":"TODO","category":"code","severity":"low","regex":"TODO\\\\(\\\\w+\\\\)"}]}
                """)));
        assertThat(scan(set, "a.txt", "x\n// TODO(ana) fix\n"))
                .extracting(Finding::line)
                .containsExactly(2);
    }

    @Test
    void badRulesFilesAreErrorsThatSayWhereAndWhat() throws IOException {
        assertThatThrownBy(() -> RuleSet.load(List.of(rules("{\"rules\":[{\"id\":\"x\"}]}"))))
                .isInstanceOf(ScanException.class)
                .hasMessageContaining("rules[0] (x): regex is required");
        assertThatThrownBy(() -> RuleSet.load(List.of(rules(
                        "{\"rules\":[{\"id\":\"x\",\"description\":\"d\",\"severity\":\"high\",\"regex\":\"(\"}]}"))))
                .isInstanceOf(ScanException.class)
                .hasMessageContaining("does not compile");
        assertThatThrownBy(() -> RuleSet.load(List.of(rules(
                        "{\"rules\":[{\"id\":\"x\",\"description\":\"d\",\"severity\":\"urgent\",\"regex\":\"a\"}]}"))))
                .isInstanceOf(ScanException.class)
                .hasMessageContaining("unknown severity 'urgent'");
        assertThatThrownBy(() -> RuleSet.load(List.of(rules("{\"rulez\":[]}"))))
                .isInstanceOf(ScanException.class)
                .hasMessageContaining("unknown field 'rulez'");
        assertThatThrownBy(() -> RuleSet.load(List.of(rules("{\"rules\":[")))).isInstanceOf(ScanException.class);
    }
}

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

    /**
     * A rule without keywords reads every file it applies to whole, so only a rule for files of
     * given names (a .pgpass, whose lines hold no fixed word) may go without.
     */
    @Test
    void everyBundledRuleHasKeywordsOrFilesACweAndHelp_andSecretRulesASecretGroup() {
        for (Rule rule : RuleSet.bundled().rules()) {
            if (rule.keywords().isEmpty()) {
                assertThat(rule.files()).as(rule.id()).isNotEmpty();
            }
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
        assertThat(scan(set, "a.txt", "k = shop_7f3k9q2m8x4w1z6c"))
                .extracting(Finding::ruleId)
                .containsExactly("shop-api-key");
        assertThat(scan(set, "a.py", "DEBUG = True")).isEmpty();
        assertThat(scan(set, "a.cfg", "DEBUG = 1"))
                .extracting(Finding::ruleId, Finding::severity)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("SEC012", Severity.LOW));
        assertThat(set.rules()).hasSize(RuleSet.bundled().rules().size() + 1);
    }

    /**
     * A user's vendor rule claims a value the bundled generic rule also matches, although the
     * bundled rules are read first; and within one file a generic rule listed first still yields.
     */
    @Test
    void aVendorRuleBeatsAGenericRuleWhateverTheOrder() throws IOException {
        String line = "api_key = \"shop_9fK2qLm7Xw4Rt8Zp\"";
        assertThat(scan(RuleSet.bundled(), "a.py", line))
                .extracting(Finding::ruleId)
                .containsExactly("generic-secret-assignment");
        RuleSet set = RuleSet.load(List.of(rules("""
                {"rules":[
                   {"id":"my-generic","description":"anything quoted","severity":"low","priority":"generic",
                    "regex":"\\"(?<secret>[^\\"]{8,})\\"","keywords":["\\""]},
                   {"id":"shop-url","description":"Shop URL","severity":"low","priority":"context",
                    "regex":"key = \\"(?<secret>shop_[A-Za-z0-9]{16})","keywords":["key"]},
                   {"id":"shop-api-key","description":"Shop API key","severity":"high",
                    "regex":"\\\\b(?<secret>shop_[A-Za-z0-9]{16})\\\\b","keywords":["shop_"]}]}
                """)));
        assertThat(scan(set, "a.py", line)).extracting(Finding::ruleId).containsExactly("shop-api-key");
        assertThat(set.rules().stream().map(Rule::id).toList())
                .containsSubsequence("generic-secret-assignment", "my-generic")
                .containsSubsequence("shop-api-key", "url-credentials", "shop-url", "generic-secret-config");
    }

    /** Bundled regexes compile when first tried (JdkRuleRegex): each must compile, or a scan would fail there. */
    @Test
    void everyBundledRegexCompiles() {
        List<RuleRegex> all = new java.util.ArrayList<>(RuleSet.bundled().placeholders());
        for (Rule rule : RuleSet.bundled().rules()) {
            all.add(rule.regex());
            all.addAll(rule.allowedSecrets());
            all.addAll(rule.allowedMatches());
        }
        for (RuleRegex regex : all) {
            org.assertj.core.api.Assertions.assertThatCode(() -> regex.matcher().find(""))
                    .as(regex.pattern())
                    .doesNotThrowAnyException();
        }
    }

    /**
     * A file is matched as one text, its lines seen through regions: a bare $ in a rule means the
     * end of the file, so a secret that ends at the end of any other line would be missed. Rules
     * end lines with (?m:$), or look ahead for a line break.
     */
    @Test
    void noBundledRuleEndsALineWithABareDollar() {
        for (Rule rule : RuleSet.bundled().rules()) {
            String regex = rule.regex().pattern();
            String rest = regex.replace("(?m:$)", "")
                    .replace("\\$", "")
                    .replace("(?=\\r?\\n|$)", "")
                    .replaceAll("\\[(?:\\\\.|[^\\]\\\\])*+\\]", ""); // character classes: $ is a dollar there
            boolean multiline = regex.matches("(?s)\\(\\?[a-ln-z]*m[a-z]*\\).*"); // (?m) or (?im) for the whole regex
            assertThat(rest.contains("$") && !multiline)
                    .as(rule.id() + ": " + regex)
                    .isFalse();
        }
    }

    /** A scan's largest fixed cost is paid once per process for the bundled rules, never shared with a file's. */
    @Test
    void theBundledRulesAndTheirKeywordIndexAreMadeOnce() throws IOException {
        assertThat(RuleSet.load(List.of())).isSameAs(RuleSet.bundled());
        assertThat(RuleSet.bundled().keywords()).isSameAs(RuleSet.bundled().keywords());
        RuleSet extended = RuleSet.load(List.of(rules("{\"placeholders\":[\"^demo-\"]}")));
        assertThat(extended).isNotSameAs(RuleSet.bundled());
        assertThat(extended.keywords()).isNotSameAs(RuleSet.bundled().keywords());
    }

    /**
     * A replaced rule keeps its place in rules.json, whatever its new priority: the run order is
     * that of reading the bundled rules, then the file, one after the other.
     */
    @Test
    void aReplacedRuleRunsFromItsPlaceInTheBundledFile() throws IOException {
        List<String> fileOrder = new java.util.ArrayList<>();
        try (var in = RuleSet.class.getResourceAsStream("rules.json")) {
            dev.devskyy.runtime.Json.files()
                    .readTree(in)
                    .get("rules")
                    .forEach(r -> fileOrder.add(r.get("id").asText()));
        }
        Rule replaced = RuleSet.bundled().rules().stream()
                .filter(r -> r.category() == Category.SECRET && r.priority() == Rule.Priority.CONTEXT)
                .findFirst()
                .orElseThrow();
        RuleSet set = RuleSet.load(List.of(rules("""
                {"rules":[{"id":"%s","description":"now a vendor rule","severity":"high",
                           "regex":"\\\\b(?<secret>zz_[a-z0-9]{16})\\\\b","keywords":["zz_"]}]}
                """.formatted(replaced.id()))));
        java.util.Map<String, Rule> byId = new java.util.HashMap<>();
        set.rules().forEach(r -> byId.put(r.id(), r));
        List<String> expected = fileOrder.stream()
                .sorted(java.util.Comparator.comparing(
                                (String id) -> byId.get(id).category())
                        .thenComparing(id -> byId.get(id).priority()))
                .toList();
        assertThat(set.rules().stream().map(Rule::id).toList()).isEqualTo(expected);
        assertThat(byId.get(replaced.id()).priority()).isEqualTo(Rule.Priority.VENDOR);
    }

    @Test
    void anUnknownPriorityIsAnError() {
        assertThatThrownBy(() -> RuleSet.load(List.of(rules("""
                        {"rules":[{"id":"x","description":"x","severity":"low","regex":"x","priority":"first"}]}
                        """)))).hasMessageContaining("unknown priority 'first'");
    }

    /** A UUID is a placeholder for every rule but one whose tokens are UUIDs and says so. */
    @Test
    void aRuleCanOptOutOfTheGlobalPlaceholders() throws IOException {
        String rule = """
                {"id":"acme-token","description":"ACME token","severity":"high",%s
                 "regex":"acme_token=(?<secret>[0-9a-f-]{36})","keywords":["acme_token"]}""";
        String line = "acme_token=3f2b8c1e-9d4a-4e7b-8c2f-1a6d5e9b0c47";
        RuleSet with = RuleSet.load(List.of(rules("{\"rules\":[" + rule.formatted("") + "]}")));
        RuleSet without =
                RuleSet.load(List.of(rules("{\"rules\":[" + rule.formatted("\"ignore_placeholders\":true,") + "]}")));
        assertThat(scan(with, "a.txt", line)).isEmpty();
        assertThat(scan(without, "a.txt", line))
                .extracting(Finding::ruleId, Finding::evidence)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("acme-token", "3f2b…"));
    }

    /** RE2/J anchors only at its input's start; an attempt at a keyword still sees the byte before. */
    @Test
    void aUserRuleAnchoredAtItsKeywordSeesWhatPrecedesIt() throws IOException {
        RuleSet set = RuleSet.load(List.of(rules("""
                {"rules":[{"id":"shop","description":"Shop key","severity":"high","lookback":0,
                  "regex":"\\\\b(?<secret>shop_[a-z0-9]{16})\\\\b","keywords":["shop_"]}]}
                """)));
        String key = "shop_7f3k9q2m8x4w1z6c";
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

    /**
     * Keywords are bounded before the index is built: one keyword's length is kept in 12 bits of a
     * hit, and the table takes 1 KiB per keyword byte, so a hostile rules file could otherwise
     * misreport hits or exhaust the heap.
     */
    @Test
    void aRulesFileCannotOutgrowTheKeywordIndex() {
        String longKeyword = "k".repeat(KeywordIndex.MAX_KEYWORD + 1);
        assertThatThrownBy(() -> RuleSet.load(List.of(rules("""
                        {"rules":[{"id":"x","description":"d","severity":"high","regex":"k+","keywords":["%s"]}]}
                        """.formatted(longKeyword)))))
                .isInstanceOf(ScanException.class)
                .hasMessageContaining("rules[0] (x): a keyword is longer than 255 bytes");
        StringBuilder many = new StringBuilder("{\"rules\":[");
        for (int i = 0; i < 200; i++) {
            many.append(i == 0 ? "" : ",")
                    .append("{\"id\":\"r")
                    .append(i)
                    .append("\",\"description\":\"d\",\"severity\":\"high\",\"regex\":\"k\",\"keywords\":[\"")
                    .append(Integer.toString(i).repeat(250 / Integer.toString(i).length()))
                    .append("\"]}");
        }
        String manyRules = many.append("]}").toString();
        assertThatThrownBy(() -> RuleSet.load(List.of(rules(manyRules))))
                .isInstanceOf(ScanException.class)
                .hasMessageContaining("keywords of all rules add up to more than 32768 bytes");
    }
}

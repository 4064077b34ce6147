package dev.devskyy.scan;

import dev.devskyy.testing.Golden;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** docs/scan.md lists every bundled rule (the keystore rules last), written from the rules themselves (see {@link Golden}). */
class BundledRulesDocTest {
    static String ruleTable() {
        StringBuilder table = new StringBuilder("| rule | category | severity | finds |\n|---|---|---|---|\n");
        List<Rule> all = new ArrayList<>(RuleSet.bundled().rules());
        all.addAll(Keystores.RULES); // binary files, found by magic, after every text rule
        for (Rule rule : all) {
            table.append("| `")
                    .append(rule.id())
                    .append("` | ")
                    .append(rule.category().name().toLowerCase(Locale.ROOT))
                    .append(" | ")
                    .append(rule.severity().name().toLowerCase(Locale.ROOT))
                    .append(" | ")
                    .append(rule.description().replace("|", "\\|"))
                    .append(" |\n");
        }
        return table.toString();
    }

    @Test
    void scanMdListsEveryBundledRule() {
        Golden.assertSectionMatches(Path.of("docs/scan.md"), "bundled-rules", ruleTable());
    }
}

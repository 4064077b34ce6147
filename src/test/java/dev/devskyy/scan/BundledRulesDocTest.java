package dev.devskyy.scan;

import dev.devskyy.testing.Golden;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** docs/scan.md lists every bundled rule, written from the rules themselves (see {@link Golden}). */
class BundledRulesDocTest {
    static String ruleTable() {
        StringBuilder table = new StringBuilder("| rule | category | severity | finds |\n|---|---|---|---|\n");
        for (Rule rule : RuleSet.bundled().rules()) {
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

package dev.devskyy.scan;

import dev.devskyy.runtime.ToolError;
import dev.devskyy.scan.deps.Dependency;
import dev.devskyy.testing.Mutations;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a hostile OSV mirror or repository feeds the deps and secrets checks: OSV records and
 * --rules files, mutated (manifests: {@code deps.ManifestsFuzzAttackTest}). Each gives its documented error or a result, never a
 * RuntimeException, a hang or an exhausted heap.
 */
@Tag("security")
class ScanParserFuzzAttackTest {
    static final Duration LIMIT = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    static IntStream seeds() {
        return Mutations.seeds(50);
    }

    static final String OSV = ScanTest.osv(
            "GHSA-1",
            "npm",
            "lodash",
            "{\"type\":\"SEMVER\",\"events\":[{\"introduced\":\"0\"},{\"fixed\":\"4.17.21\"}]}",
            "\"severity\":[{\"type\":\"CVSS_V3\",\"score\":\"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H\"}],");

    static final String RULES = """
            {"version":1,"placeholders":["(?i)dummy"],"rules":[{"id":"acme-key","description":"ACME key",
             "severity":"high","regex":"\\\\b(?<secret>acme_[a-z0-9]{16})\\\\b","keywords":["acme_"],"entropy":2.5,
             "allowlist":{"secrets":["(?i)test"]}}]}
            """;

    @ParameterizedTest
    @MethodSource("seeds")
    void mutatedOsvRecords(int seed) throws Exception {
        Path db = Files.createDirectories(dir.resolve("osv"));
        Files.write(db.resolve("GHSA-1.json"), Mutations.mutate(OSV.getBytes(StandardCharsets.UTF_8), seed));
        Dependency lodash = new Dependency("npm", "lodash", "4.17.20", "package-lock.json", 3);
        Mutations.onlyDocumentedErrors(
                seed,
                LIMIT,
                () -> Scan.osvDatabase(ScanTest.opened(db, "osv"), Set.of("npm:lodash"))
                        .advisories(lodash),
                ScanException.class);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void mutatedRulesFiles(int seed) throws Exception {
        Scan.Input rules = new Scan.Input("rules.json", Mutations.mutate(RULES.getBytes(StandardCharsets.UTF_8), seed));
        Mutations.onlyDocumentedErrors(
                seed, LIMIT, () -> RuleSet.load(List.of(rules)), ScanException.class, ToolError.class);
    }
}

package dev.devskyy.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.devskyy.runtime.ToolError;
import dev.devskyy.testing.Mutations;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a hostile repository or OSV mirror feeds the deps and secrets checks: OSV records,
 * manifests and --rules files, mutated. Each gives its documented error or a result, never a
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

    static final String LOCK = """
            {"name":"shop","lockfileVersion":3,"packages":{
              "":{"name":"shop"},
              "node_modules/lodash":{"version":"4.17.20"},
              "node_modules/a/node_modules/b":{"version":"1.0.0","link":false}},
             "dependencies":{"lodash":{"version":"4.17.20","dependencies":{"x":{"version":"1.0.0"}}}}}
            """;

    static final String PACKAGE = """
            {"name":"shop","dependencies":{"lodash":"4.17.20","react":"^18.0.0"},
             "devDependencies":{"jest":"=29.7.0"}}
            """;

    static final String POM = """
            <project><version>1.0</version><properties><v>2.0</v></properties>
            <dependencies><dependency><groupId>g</groupId><artifactId>a</artifactId><version>${v}</version>
            </dependency></dependencies></project>
            """;

    static final String REQUIREMENTS = "requests==2.19.0\nflask[async] === 2.2.0 ; python_version>'3'\n-e .\n";

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
                () -> OsvDatabase.load(ScanTest.opened(db, "osv"), Set.of("npm:lodash"))
                        .advisories(lodash),
                ScanException.class);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void mutatedManifests(int seed) {
        String name = List.of("package-lock.json", "package.json", "pom.xml", "requirements.txt")
                .get(seed % 4);
        String sample = List.of(LOCK, PACKAGE, POM, REQUIREMENTS).get(seed % 4);
        byte[] data = Mutations.mutate(sample.getBytes(StandardCharsets.UTF_8), seed);
        Mutations.onlyDocumentedErrors(
                seed, LIMIT, () -> Manifests.read(name, data, data.length, name), IOException.class);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void mutatedRulesFiles(int seed) throws Exception {
        Scan.Input rules = new Scan.Input("rules.json", Mutations.mutate(RULES.getBytes(StandardCharsets.UTF_8), seed));
        Mutations.onlyDocumentedErrors(
                seed, LIMIT, () -> RuleSet.load(List.of(rules)), ScanException.class, ToolError.class);
    }

    @Test
    void aPackageJsonOfManyDependenciesIsReadInLinearTime() {
        StringBuilder json = new StringBuilder("{\"dependencies\":{\n");
        for (int i = 0; i < 60_000; i++) {
            json.append("\"p").append(i).append("\":\"1.0.0\",\n");
        }
        json.append("\"last\":\"1.0.0\"}}");
        byte[] data = json.toString().getBytes(StandardCharsets.UTF_8);
        Manifests.Read read = assertTimeoutPreemptively(
                Duration.ofSeconds(5), () -> Manifests.read("package.json", data, data.length, "package.json"));
        assertThat(read.dependencies()).hasSize(60_001);
        assertThat(read.dependencies().get(59_999).line()).isEqualTo(60_001);
    }
}

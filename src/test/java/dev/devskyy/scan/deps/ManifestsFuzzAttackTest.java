package dev.devskyy.scan.deps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.devskyy.testing.Mutations;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a hostile repository feeds the deps check: its manifests, mutated. Each gives its
 * documented error or a result, never a RuntimeException, a hang or an exhausted heap.
 */
@Tag("security")
class ManifestsFuzzAttackTest {
    static final Duration LIMIT = Duration.ofSeconds(5);

    static IntStream seeds() {
        return Mutations.seeds(50);
    }

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

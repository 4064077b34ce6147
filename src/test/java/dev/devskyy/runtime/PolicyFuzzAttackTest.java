package dev.devskyy.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.devskyy.testing.Mutations;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A policy file, mutated: only E4001 comes out, never another error, a hang or a grant by accident. */
@Tag("security")
class PolicyFuzzAttackTest {
    @TempDir
    Path dir;

    static IntStream seeds() {
        return Mutations.seeds(80);
    }

    static final String POLICY = """
            {"version":1,"actors":{"ci":{"permissions":["filesystem:read","network"],"roots":["src","/tmp"],
             "hosts":["api.example.com"]},"model":{"permissions":[]}}}
            """;

    @ParameterizedTest
    @MethodSource("seeds")
    void mutatedPoliciesGiveE4001Only(int seed) throws Exception {
        Path file = Files.write(
                dir.resolve("policy.json"), Mutations.mutate(POLICY.getBytes(StandardCharsets.UTF_8), seed));
        Mutations.onlyDocumentedErrors(
                seed,
                Duration.ofSeconds(5),
                () -> {
                    try {
                        Policy.load(file);
                    } catch (ToolError e) {
                        assertThat(e.code()).isEqualTo(ErrorCode.E4001);
                        throw e;
                    }
                },
                ToolError.class);
    }
}

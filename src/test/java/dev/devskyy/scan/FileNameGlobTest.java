package dev.devskyy.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FileNameGlobTest {
    @ParameterizedTest(name = "{0} ~ {1}: {2}")
    @CsvSource({
        "*.py, app.py, true",
        "*.py, app.pyc, false",
        "*.py, .py, true",
        ".env, .env, true",
        ".env, x.env, false",
        ".env.*, .env.local, true",
        ".env.*, .env, false",
        "*.env, prod.env, true",
        "Dockerfile*, Dockerfile.dev, true",
        "'*.{yml,yaml}', a.yaml, true",
        "'*.{yml,yaml}', a.json, false",
        "file?.txt, file7.txt, true",
        "file?.txt, file10.txt, false"
    })
    void matchesAsTheJdkGlobWould(String glob, String name, boolean expected) {
        assertThat(FileNameGlob.of(glob).matches(Path.of(name))).isEqualTo(expected);
        assertThat(java.nio.file.FileSystems.getDefault()
                        .getPathMatcher("glob:" + glob)
                        .matches(Path.of(name)))
                .isEqualTo(expected);
    }
}

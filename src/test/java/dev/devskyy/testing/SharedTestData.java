package dev.devskyy.testing;

import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Files from {@code ../shared} beside the project. A missing file fails the test: a test that
 * silently skipped its reference data would be a test that cannot fail.
 */
public final class SharedTestData {
    private SharedTestData() {}

    public static Path path(String relative) {
        Path file = Path.of("..", "shared").resolve(relative).toAbsolutePath().normalize();
        if (!Files.isRegularFile(file)) {
            fail("shared test data missing: " + file + " (clone ../shared beside the project)");
        }
        return file;
    }
}

package dev.devskyy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.devskyy.ToolCatalogue;
import dev.devskyy.runtime.BuildInfo;
import dev.devskyy.testing.Golden;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.AutoComplete;
import picocli.CommandLine;

/**
 * The committed shell completion and man pages must match the command model. They are rewritten
 * with the golden files after changing a command: {@link Golden#UPDATE}.
 */
class GeneratedDocsTest {
    static final Path COMPLETION = Path.of("completions/devskyy.bash");
    static final Path MAN = Path.of("man");

    static CommandLine model() {
        return Cli.commandLine(new CliContext(
                System.in, System.out, System.err, Map.of(), () -> ToolCatalogue.registry(Map.of()), null, null));
    }

    static Map<String, String> expected() throws Exception {
        CommandLine model = model();
        Map<String, String> files = new TreeMap<>();
        files.put(COMPLETION.toString(), AutoComplete.bash("devskyy", model));
        // The version without the commit, which would make every commit stale its pages.
        String version = "devskyy " + BuildInfo.version();
        ManPageWriter.pages(model, version)
                .forEach((name, page) -> files.put(MAN.resolve(name).toString(), page));
        return files;
    }

    @Test
    void committedCompletionAndManPagesAreCurrent() throws Exception {
        Map<String, String> expected = expected();
        if (Golden.updating()) {
            write(expected);
        }
        Map<String, String> actual = new TreeMap<>();
        actual.put(COMPLETION.toString(), read(COMPLETION));
        try (Stream<Path> pages = Files.list(MAN)) {
            for (Path page : pages.toList()) {
                actual.put(page.toString(), read(page));
            }
        }
        assertThat(actual).as("stale: run " + Golden.UPDATE).isEqualTo(expected);
    }

    @Test
    void everyManPageRendersWithoutWarnings() throws Exception {
        try (Stream<Path> pages = Files.list(MAN)) {
            for (Path page : pages.toList()) {
                Process groff = new ProcessBuilder("groff", "-man", "-Tutf8", "-ww", "-z", page.toString())
                        .redirectErrorStream(true)
                        .start();
                String complaints = new String(groff.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(groff.waitFor()).as(page + ": " + complaints).isZero();
                assertThat(complaints).as(page.toString()).isEmpty();
            }
        }
    }

    @Test
    void theCompletionOffersEveryCommand() throws Exception {
        assertThat(read(COMPLETION))
                .contains("tools")
                .contains("list")
                .contains("describe")
                .contains("call");
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    private static void write(Map<String, String> files) throws IOException {
        try (Stream<Path> old = Files.exists(MAN) ? Files.list(MAN) : Stream.empty()) {
            for (Path page : old.toList()) {
                Files.delete(page);
            }
        }
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path path = Path.of(file.getKey());
            Files.createDirectories(path.getParent());
            Files.writeString(path, file.getValue(), StandardCharsets.UTF_8);
        }
    }
}

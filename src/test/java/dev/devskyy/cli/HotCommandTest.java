package dev.devskyy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.devskyy.ToolCatalogue;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The command lines that skip picocli print, exit and fail exactly as picocli's tree would. */
class HotCommandTest {
    @TempDir
    Path state;

    @ParameterizedTest
    @ValueSource(strings = {"--version", "-V", "tools list", "tools list --json"})
    void aHotLineDoesWhatTheTreeDoes(String line) {
        CliRunner cli = new CliRunner(() -> ToolCatalogue.registry(Map.of()), state);
        String[] args = line.split(" ");

        CliRunner.Run hot = cli.run(args);

        assertThat(hot.code()).isZero();
        assertThat(hot.out()).isNotBlank();
        assertThat(hot).isEqualTo(cli.runThroughTheTree(args));
    }

    @ParameterizedTest
    @ValueSource(strings = {"tools list", "tools list --json"})
    void aFailureIsReportedAsTheTreeReportsIt(String line) {
        CliRunner cli = new CliRunner(
                () -> {
                    throw new IllegalStateException("the registry could not be built");
                },
                state);
        String[] args = line.split(" ");

        CliRunner.Run hot = cli.run(args);

        CliRunner.Run tree = cli.runThroughTheTree(args);
        assertThat(hot.code()).isEqualTo(tree.code()).isEqualTo(ExitCodes.INTERNAL);
        assertThat(hot.out()).isEqualTo(tree.out()).isEmpty();
        // the message line is the same; the frames of a bug report below it differ by path
        assertThat(hot.err().lines().findFirst())
                .isEqualTo(tree.err().lines().findFirst())
                .hasValueSatisfying(message -> assertThat(message).startsWith("E5003"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "tools list --jsn",
                "tools  list",
                "--version --help",
                "tools list -h",
                "scan --help",
                "verify",
                "verify csp --nope x",
                "keygen --help"
            })
    void anythingElseGoesThroughPicocli_aCommandsLineThroughItsOwnTreeAsThroughTheWhole(String line) {
        CliRunner cli = new CliRunner(() -> ToolCatalogue.registry(Map.of()), state);
        String[] args = line.split(" ");

        assertThat(cli.run(args)).isEqualTo(cli.runThroughTheTree(args));
    }

    @ParameterizedTest
    @ValueSource(strings = {"tools list", "tools list --json", "--version "})
    void aHotLineInOneWord_isNoHotLine(String word) {
        CliRunner cli = new CliRunner(() -> ToolCatalogue.registry(Map.of()), state);

        CliRunner.Run run = cli.run(word);

        assertThat(run.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(run).isEqualTo(cli.runThroughTheTree(word));
    }
}

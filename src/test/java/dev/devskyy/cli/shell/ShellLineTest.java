package dev.devskyy.cli.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The shell's {@code call} is the CLI's {@code tools call}; other lines are the CLI's as they are. */
class ShellLineTest {
    @Test
    void keyValueWordsBecomeArgs_andOptionsPassThrough() {
        ShellLine line = ShellLine.of("", List.of("call", "file_hash", "path=a b", "--json"));
        assertThat(line.cliArguments()).containsExactly("tools", "call", "file_hash", "--arg", "path=a b", "--json");
        assertThat(line.tool()).contains("file_hash");
    }

    @Test
    void jsonIsTakenAsTyped_notSplitByTheShellsQuotes() {
        ShellLine line = ShellLine.of("call data_mask {\"text\": \"it's\"}", List.of("ignored"));
        assertThat(line.cliArguments())
                .containsExactly("tools", "call", "data_mask", "--args-json", "{\"text\": \"it's\"}");
    }

    @Test
    void otherLinesAreTheClisArguments() {
        assertThat(ShellLine.of("", List.of("tools", "describe", "x", "")).cliArguments())
                .containsExactly("tools", "describe", "x");
        assertThat(ShellLine.of("", List.of("tools", "describe", "x")).tool()).contains("x");
    }
}

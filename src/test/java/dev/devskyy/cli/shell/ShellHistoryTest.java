package dev.devskyy.cli.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShellHistoryTest {
    @TempDir
    Path state;

    @Test
    void longLinesPushOutTheOldestSoTheNextSessionStillReadsTheHistory() throws Exception {
        ShellHistory history = ShellHistory.in(state);
        String line = "call data_mask text=" + "x".repeat(10_000);
        for (int i = 0; i < 200; i++) {
            history.add(i + " " + line);
        }
        assertThat(Files.size(state.resolve(ShellHistory.FILE))).isLessThanOrEqualTo(1 << 20);
        ShellHistory next = ShellHistory.in(state);
        assertThat(next.lines()).isNotEmpty().last().asString().startsWith("199 ");
    }
}

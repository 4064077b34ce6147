package dev.devskyy.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A person scanning a large tree at a terminal sees a progress bar on stderr, and stdout holds the
 * report and nothing else; through a pipe, or with -q, not one byte of a bar. The terminal is a
 * real pseudo-terminal made by util-linux's {@code script}, the program the real launcher.
 */
class ProgressIT {
    /** 200 MB of ordinary code: a scan of it lasts well past the bar's half-second delay. */
    static final int FILES = 50;

    static final int FILE_BYTES = 4_000_000;

    @TempDir
    Path home;

    @TempDir
    Path work;

    Path tree;

    @BeforeEach
    void generateATree() throws IOException {
        tree = Files.createDirectories(work.resolve("tree"));
        byte[] line = "const value = compute(alpha, beta, gamma); // an ordinary line of code\n"
                .getBytes(StandardCharsets.US_ASCII);
        byte[] content = new byte[FILE_BYTES - FILE_BYTES % line.length];
        for (int at = 0; at < content.length; at += line.length) {
            System.arraycopy(line, 0, content, at, line.length);
        }
        for (int i = 0; i < FILES; i++) {
            Files.write(tree.resolve("f" + i + ".js"), content);
        }
    }

    /** What the terminal showed (stderr alone) while stdout went to {@code stdout}. */
    String onTerminal(String options, Path stdout) throws Exception {
        String command = Launcher.SCRIPT + " " + options + " scan --checks secrets " + tree + " > " + stdout;
        ProcessBuilder builder = new ProcessBuilder("script", "-qec", command, "/dev/null").redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().put("PATH", "/usr/bin:/bin");
        builder.environment().put("HOME", home.toString());
        builder.environment().put("TERM", "xterm");
        builder.environment().put("COLUMNS", "100");
        // at once: the bar must not depend on how fast this machine scans the tree
        builder.environment().put("DEVSKYY_PROGRESS_DELAY_MS", "0");
        Process process = builder.start();
        process.getOutputStream().close();
        String screen = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(screen).isZero();
        return screen;
    }

    /** The report without its one varying figure, the time the scan took. */
    static String report(String text) {
        return text.replaceAll("in [0-9.]+ s", "in T s");
    }

    @Test
    void aScanOnATerminalDrawsABarOnStderr_erasedAtTheEnd_andStdoutIsExactlyTheReport() throws Exception {
        Path stdout = work.resolve("report.txt");
        String screen = onTerminal("", stdout);
        assertThat(screen)
                .contains("\r")
                .containsPattern("\\d+ files, [0-9.]+ MB  [0-9.]+ files/s  0:0\\d\u001b\\[K")
                .endsWith("\r\u001b[K")
                .doesNotContain("\n");
        for (String drawn : screen.split("\r")) {
            assertThat(drawn.replace("\u001b[K", "").length()).as(drawn).isLessThan(100);
        }
        Launcher.Run piped =
                Launcher.run(home, work, Map.of(), Launcher.SCRIPT, "scan", "--checks", "secrets", tree.toString());
        assertThat(piped.code()).isZero();
        assertThat(report(Files.readString(stdout))).isEqualTo(report(piped.out()));
        assertThat(piped.out()).startsWith("0 findings").contains(FILES + " files scanned (200.0 MB)");
    }

    @Test
    void throughAPipeNoByteOfABarIsWritten() throws Exception {
        Launcher.Run piped = Launcher.run(
                home, work, Map.of("TERM", "xterm"), Launcher.SCRIPT, "scan", "--checks", "secrets", tree.toString());
        assertThat(piped.code()).isZero();
        assertThat(piped.err()).isEmpty();
        assertThat(piped.out()).doesNotContain("\r").doesNotContain("\u001b").doesNotContain("files/s");
    }

    @Test
    void quietOnATerminalDrawsNothing() throws Exception {
        Path stdout = work.resolve("report.txt");
        assertThat(onTerminal("-q", stdout)).isEmpty();
        assertThat(Files.readString(stdout)).startsWith("0 findings");
    }
}

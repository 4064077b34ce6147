package dev.devskyy.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

/**
 * Runs a command a test needs (mkfifo, mknod for fake device nodes in a temporary directory) and
 * fails when it fails: a hostile-input test that cannot build its input must fail, not be skipped.
 */
public final class Shell {
    private Shell() {}

    public static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor())
                .as(String.join(" ", command) + ": " + output)
                .isZero();
    }
}

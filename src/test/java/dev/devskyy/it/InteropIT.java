package dev.devskyy.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official MCP TypeScript SDK client (pinned in src/test/interop, installed with npm ci)
 * against the real server: connect, list with cursors, compile every schema with Ajv, call, bad
 * arguments, unknown method and tool, ping, logging level, progress and cancellation.
 */
class InteropIT {
    static final Path INTEROP = Launcher.PROJECT.resolve("src/test/interop");

    @TempDir
    Path work;

    static String run(Path dir, List<String> command) throws Exception {
        Process process = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue())
                .as(String.join(" ", command) + "\n" + output)
                .isZero();
        return output;
    }

    @Test
    void theTypeScriptSdkClientWorksWithTheServer() throws Exception {
        run(INTEROP, List.of("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"));
        String output = run(INTEROP, List.of("node", "client.mjs", Launcher.PROJECT.toString(), work.toString()));
        System.out.println(output);
        assertThat(output).contains("interop: 11 passed, 0 failed");
    }
}

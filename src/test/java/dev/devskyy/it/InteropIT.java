package dev.devskyy.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
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

    @Test
    void theTypeScriptSdkClientWorksWithTheServer() throws Exception {
        Launcher.runTool(INTEROP, List.of("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"));
        String output =
                Launcher.runTool(INTEROP, List.of("node", "client.mjs", Launcher.PROJECT.toString(), work.toString()));
        System.out.println(output);
        assertThat(output).contains("interop: 11 passed, 0 failed");
    }
}
